// The connection: one PAPI client over WebSocket (chainHead_v1 / transaction_v1) for typed storage,
// constants, runtime APIs and transactions, whose raw request facility (`_request`, `_subscribe`) also
// carries the node's own `social_*` JSON-RPC methods.
import { kith } from "@polkadot-api/descriptors";
import { createClient, type TypedApi } from "polkadot-api";
import { getWsProvider } from "polkadot-api/ws";
import { decAnyMetadata, unifyMetadata } from "@polkadot-api/substrate-bindings";
import type { Observable } from "rxjs";
import { docsFromMetadata, type ErrorDocs } from "./lib/errors";

export type Api = TypedApi<typeof kith>;

function pickEndpoint(): string {
  const fromQuery = new URLSearchParams(location.search).get("rpc");
  if (fromQuery) {
    localStorage.setItem("kith.rpc", fromQuery);
    return fromQuery;
  }
  return localStorage.getItem("kith.rpc") ?? "ws://127.0.0.1:9944";
}

export const endpoint = pickEndpoint();
export let connectionStatus = "connecting";
const statusListeners = new Set<() => void>();
export const onStatus = (listener: () => void) => {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
};

export const client = createClient(
  getWsProvider(endpoint, {
    onStatusChanged: (status) => {
      connectionStatus = String(status.type).toLowerCase();
      statusListeners.forEach((listener) => listener());
    },
  }),
);
export const api: Api = client.getTypedApi(kith);

/** A `social_*` method's result. */
export const social = <T>(method: string, params: unknown[]): Promise<T> =>
  client._request<T>(`social_${method}`, params);

/** A `social_*` subscription's messages. */
export const socialSubscribe = <T>(method: string, unsubscribe: string, params: unknown[]): Observable<T> =>
  client._subscribe<T>(`social_${method}`, `social_${unsubscribe}`, params);

let docsPromise: Promise<ErrorDocs> | undefined;
/** The runtime's error documentation (from the metadata the descriptors were generated from). */
export const errorDocs = (): Promise<ErrorDocs> =>
  (docsPromise ??= kith
    .getMetadata()
    .then((bytes) => docsFromMetadata(unifyMetadata(decAnyMetadata(bytes)) as never))
    .catch(() => () => undefined));

let devChain: Promise<boolean> | undefined;
/** Whether the node runs a development chain (then the well-known dev accounts are offered). */
export const isDevChain = (): Promise<boolean> =>
  (devChain ??= client
    ._request<string>("system_chainType", [])
    .then((type) => type === "Development" || type === "Local")
    .catch(() => false));

/** Constants the UI shows, read from the runtime once. */
export interface Limits {
  maxText: number;
  maxCaption: number;
  maxMemo: number;
  minTip: bigint;
  maxDisplayName: number;
  maxBio: number;
}
let limitsPromise: Promise<Limits> | undefined;
export const limits = (): Promise<Limits> =>
  (limitsPromise ??= Promise.all([
    api.constants.Posts.MaxTextLen(),
    api.constants.Posts.MaxCaptionLen(),
    api.constants.Tipping.MaxMemoLen(),
    api.constants.Tipping.MinTip(),
    api.constants.Profiles.MaxDisplayNameLen(),
    api.constants.Profiles.MaxBioLen(),
  ]).then(([maxText, maxCaption, maxMemo, minTip, maxDisplayName, maxBio]) => ({
    maxText,
    maxCaption,
    maxMemo,
    minTip,
    maxDisplayName,
    maxBio,
  })));

/** Read at the best block, not the finalized one (PAPI's default), so a screen shows what was just included. */
export const BEST = { at: "best" } as const;

let refillPromise: Promise<number> | undefined;
/** How long an empty credit bar takes to fill up, in ms: `Quota.RegenPeriod` blocks of Aura's slot duration. */
const refillMs = (): Promise<number> =>
  (refillPromise ??= Promise.all([api.constants.Quota.RegenPeriod(), api.apis.AuraApi.slot_duration()]).then(
    ([blocks, slot]) => blocks * Number(slot),
  ));

/**
 * `address`'s social-quota credits now (`QuotaApi.credits`: what it can spend and the bar's size), what
 * each social action costs (`Quota.Params`, which governance sets) and the bar's refill period.
 */
export async function quota(address: string) {
  const [[available, size], params, refill] = await Promise.all([
    api.apis.QuotaApi.credits(address, BEST),
    api.query.Quota.Params.getValue(BEST),
    refillMs(),
  ]);
  return { bar: { available, size }, costs: params.costs, refillMs: refill };
}
