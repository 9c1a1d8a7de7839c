// Submitting a transaction with visible progress: signing, in a block, finalized; on failure the
// pallet error in words (`tipping.InsufficientBalance: Your transferable balance cannot ...`).
import type { Transaction } from "polkadot-api";
import { InvalidTxError } from "polkadot-api";
import { errorDocs } from "./chain";
import { describeDispatchError, describeInvalidTx, errorLine } from "./lib/errors";
import { bump, getState, setState, type TxItem } from "./store";

let nextId = 1;

function update(id: number, patch: Partial<TxItem>) {
  setState((s) => ({ txs: s.txs.map((tx) => (tx.id === id ? { ...tx, ...patch } : tx)) }));
}

export function dismissTx(id: number) {
  setState((s) => ({ txs: s.txs.filter((tx) => tx.id !== id) }));
}

export interface TxResult {
  ok: boolean;
  error?: string;
  block?: number;
  events?: Array<{ type: string; value: { type: string; value: unknown } }>;
}

/**
 * Signs and submits `tx` as the current account. Resolves when it is in a best block (ok or failed),
 * or refused; finality is shown as it comes.
 */
export function submit(label: string, tx: Transaction<any, any>): Promise<TxResult> {
  const account = getState().current;
  const id = nextId++;
  if (!account) {
    setState((s) => ({ txs: [...s.txs, { id, label, phase: "failed", error: "Choose an account first" }] }));
    return Promise.resolve({ ok: false, error: "Choose an account first" });
  }
  setState((s) => ({ txs: [...s.txs.slice(-4), { id, label, phase: "signing" }] }));
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: TxResult) => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    const fail = async (error: unknown, dispatch: boolean) => {
      const docs = await errorDocs();
      const text = dispatch ? errorLine(describeDispatchError(error, docs)) : String(error);
      return text;
    };
    tx.signSubmitAndWatch(account.signer).subscribe({
      next: async (event: any) => {
        if (event.type === "signed") update(id, { phase: "broadcast" });
        if (event.type === "txBestBlocksState" && event.found) {
          if (event.ok) {
            update(id, { phase: "inBlock", block: event.block.number });
            bump();
            settle({ ok: true, block: event.block.number, events: event.events });
          } else {
            const error = await fail(event.dispatchError, true);
            update(id, { phase: "failed", error, block: event.block.number });
            bump();
            settle({ ok: false, error, block: event.block.number });
          }
        }
        if (event.type === "finalized") {
          if (event.ok) {
            update(id, { phase: "finalized", block: event.block.number });
            settle({ ok: true, block: event.block.number, events: event.events });
          } else {
            const error = await fail(event.dispatchError, true);
            update(id, { phase: "failed", error, block: event.block.number });
            settle({ ok: false, error });
          }
          bump();
          setTimeout(() => dismissTx(id), event.ok ? 3000 : 15000);
        }
      },
      error: (error: any) => {
        let text: string;
        if (error instanceof InvalidTxError) text = errorLine(describeInvalidTx(error.error));
        else if (/cancel|reject/i.test(String(error?.message))) text = "Signing was cancelled";
        else text = String(error?.message ?? error);
        update(id, { phase: "failed", error: text });
        settle({ ok: false, error: text });
      },
    });
  });
}
