// Small shared pieces: async data hook, account names, amounts, links.
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { client, social } from "./chain";
import { formatAmount } from "./lib/units";
import { href } from "./lib/route";
import { shortAddress } from "./social";
import { useStore } from "./store";

export interface Async<T> {
  data?: T;
  error?: string;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `deps` (or the store's version, after this client's transactions) change. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[], live = false): Async<T> {
  const version = useStore((s) => s.version);
  const [tick, setTick] = useState(0);
  // `live`: read again at each new best block.
  useEffect(() => {
    if (!live) return;
    let last = "";
    const sub = client.bestBlocks$.subscribe((blocks) => {
      if (blocks[0] && blocks[0].hash !== last) {
        if (last) setTick((t) => t + 1);
        last = blocks[0].hash;
      }
    });
    return () => sub.unsubscribe();
  }, [live]);
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: s.data === undefined }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      // A failed re-read keeps what was shown (a live screen reads again at the next block).
      (error) => live && setState((s) => ({ data: s.data, error: String(error?.message ?? error), loading: false })),
    );
    return () => {
      live = false;
    };
  }, [...deps, version, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

const known = new Map<string, Promise<{ handle: string | null; displayName: string | null; suspended: boolean } | null>>();
/** The handle and name of an address, from social_profile (cached; null when the index does not know it). */
function lookup(address: string) {
  let found = known.get(address);
  if (!found) {
    found = social<{ profile: { handle: string | null; displayName: string | null; suspended: boolean } }>("profile", [address]).then(
      (r) => r.profile,
      () => null,
    );
    known.set(address, found);
    setTimeout(() => known.delete(address), 60_000);
  }
  return found;
}

export function AccountName(props: { address: string; handle?: string | null; name?: string | null; suspended?: boolean }) {
  const [info, setInfo] = useState<{ handle: string | null; displayName: string | null; suspended: boolean } | null>(null);
  useEffect(() => {
    if (props.handle === undefined) lookup(props.address).then(setInfo);
  }, [props.address, props.handle]);
  const address = props.address;
  const handle = props.handle ?? info?.handle;
  const name = props.name ?? info?.displayName;
  const suspended = props.suspended ?? info?.suspended;
  return (
    <a class="account" href={href({ name: "profile", who: handle ?? address })} title={address}>
      {name ? <strong>{name}</strong> : null}
      <span class="muted">{handle ? ` @${handle}` : ` ${shortAddress(address)}`}</span>
      {suspended ? <span class="badge danger">suspended</span> : null}
    </a>
  );
}

export const Amount = ({ planck }: { planck: bigint | string | number }) => (
  <span class="amount" title={`${planck.toString()} planck`}>
    {formatAmount(planck, { maxFraction: 4 })}
  </span>
);

export const Loading = ({ what }: { what?: string }) => <p class="muted">Loading{what ? ` ${what}` : ""}…</p>;
export const ErrorNote = ({ error }: { error?: string }) => (error ? <p class="error" role="alert">{error}</p> : null);

export function Card(props: { title?: ComponentChildren; children: ComponentChildren; class?: string; id?: string }) {
  return (
    <section class={`card ${props.class ?? ""}`} id={props.id}>
      {props.title ? <h2>{props.title}</h2> : null}
      {props.children}
    </section>
  );
}

export function NeedAccount() {
  return (
    <p class="notice">
      Choose an account (top right, or <a href="#/accounts">Accounts</a>) to do this.
    </p>
  );
}
