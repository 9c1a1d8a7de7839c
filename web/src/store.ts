// A tiny store: the selected account, the accounts on offer and the transactions in flight.
import { useEffect, useState } from "preact/hooks";
import type { PolkadotSigner } from "polkadot-api";

export interface Account {
  address: string;
  name: string;
  /** "dev" for the well-known development accounts, else the wallet extension's name. */
  source: string;
  signer: PolkadotSigner;
}

export type TxPhase = "signing" | "broadcast" | "inBlock" | "finalized" | "failed";
export interface TxItem {
  id: number;
  label: string;
  phase: TxPhase;
  error?: string;
  block?: number;
}

export interface State {
  accounts: Account[];
  current?: Account;
  txs: TxItem[];
  unread: number;
  /** Bumped when something this client did may have changed what a screen shows. */
  version: number;
}

let state: State = { accounts: [], txs: [], unread: 0, version: 0 };
const listeners = new Set<() => void>();

export const getState = () => state;
export function setState(patch: Partial<State> | ((s: State) => Partial<State>)) {
  state = { ...state, ...(typeof patch === "function" ? patch(state) : patch) };
  listeners.forEach((listener) => listener());
}
export const bump = () => setState((s) => ({ version: s.version + 1 }));

export function useStore<T>(select: (s: State) => T): T {
  const [value, setValue] = useState(() => select(state));
  useEffect(() => {
    const listener = () => setValue(() => select(state));
    listeners.add(listener);
    listener();
    return () => void listeners.delete(listener);
  }, []);
  return value;
}
