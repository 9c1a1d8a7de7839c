// Turning a transaction's failure into words: a DispatchError's Module variant becomes
// `pallet.ErrorName` with the error's documentation from the runtime metadata.

export type ErrorDocs = (pallet: string, error: string) => string | undefined;

type AnyEnum = { type: string; value?: unknown };

const isEnum = (value: unknown): value is AnyEnum =>
  typeof value === "object" && value !== null && typeof (value as AnyEnum).type === "string";

/** `CreatorRewards` -> `creatorRewards`, as polkadot.js and the node's test harness write pallets. */
export const palletLabel = (pallet: string): string => pallet.charAt(0).toLowerCase() + pallet.slice(1);

const GENERIC: Record<string, string> = {
  BadOrigin: "This account may not do this (bad origin).",
  CannotLookup: "An account could not be found.",
  ConsumerRemaining: "The account cannot be removed while other things depend on it.",
  NoProviders: "The account does not exist.",
  TooManyConsumers: "Too many things depend on this account.",
  Exhausted: "The block is full; try again.",
  Corruption: "The chain state is corrupt.",
  Unavailable: "A resource is not available now.",
  RootNotAllowed: "Root may not do this.",
  "Token.FundsUnavailable": "The balance is too low.",
  "Token.OnlyProvider": "The account would be removed.",
  "Token.BelowMinimum": "The amount is below the existential deposit.",
  "Token.CannotCreate": "The account cannot be created.",
  "Token.UnknownAsset": "Unknown asset.",
  "Token.Frozen": "The funds are frozen.",
  "Token.Unsupported": "Unsupported operation.",
  "Token.NotExpendable": "The account would be removed.",
  "Arithmetic.Underflow": "The amount is too low (underflow).",
  "Arithmetic.Overflow": "The amount is too high (overflow).",
  "Arithmetic.DivisionByZero": "Division by zero.",
};

export interface ReadableError {
  /** `posts.TextTooLong`, `Token.FundsUnavailable`, `BadOrigin`, ... */
  name: string;
  /** The documentation of the error, when known. */
  docs?: string;
}

/** A DispatchError as PAPI decodes it (`{ type: "Module", value: { type: "Posts", value: { type: "TextTooLong" } } }`). */
export function describeDispatchError(error: unknown, docs?: ErrorDocs): ReadableError {
  if (!isEnum(error)) return { name: String(error) };
  if (error.type === "Module" && isEnum(error.value)) {
    const pallet = error.value.type;
    const inner = error.value.value;
    const name = isEnum(inner) ? inner.type : "Unknown";
    return { name: `${palletLabel(pallet)}.${name}`, docs: docs?.(pallet, name) };
  }
  if (isEnum(error.value)) {
    const name = `${error.type}.${error.value.type}`;
    return { name, docs: GENERIC[name] };
  }
  return { name: error.type, docs: GENERIC[error.type] };
}

/** A transaction the pool refused before any block (`InvalidTxError` of PAPI: `{ type: "Invalid", value: { type: "Payment" } }`). */
export function describeInvalidTx(error: unknown): ReadableError {
  const reasons: Record<string, string> = {
    Payment: "The account cannot pay the transaction fee.",
    Stale: "The nonce is already used (an earlier transaction of this account).",
    Future: "The nonce is in the future.",
    BadProof: "The signature is not valid.",
    ExhaustsResources: "The block is full.",
    AncientBirthBlock: "The transaction is too old.",
    BadSigner: "The signer is not valid.",
    Call: "The call is not allowed.",
    Custom: "The runtime refused the transaction.",
  };
  if (isEnum(error) && isEnum(error.value)) {
    const name = `${error.type}.${error.value.type}`;
    return { name, docs: reasons[error.value.type] };
  }
  return { name: isEnum(error) ? error.type : String(error) };
}

/** One line: `tipping.InsufficientBalance: Your transferable balance cannot pay the tip ...` */
export const errorLine = (error: ReadableError): string =>
  error.docs ? `${error.name}: ${error.docs}` : error.name;

/** Error docs from unified metadata (`unifyMetadata(decAnyMetadata(bytes))`), as a lookup function. */
export function docsFromMetadata(metadata: {
  pallets: Array<{ name: string; errors?: { type: number } | number | undefined }>;
  lookup: Array<{ id: number; def: { tag: string; value: unknown } }>;
}): ErrorDocs {
  const table = new Map<string, string>();
  for (const pallet of metadata.pallets) {
    const id = typeof pallet.errors === "number" ? pallet.errors : pallet.errors?.type;
    if (id === undefined) continue;
    const entry = metadata.lookup[id];
    if (!entry || entry.def.tag !== "variant") continue;
    for (const variant of entry.def.value as Array<{ name: string; docs: string[] }>) {
      table.set(`${pallet.name}.${variant.name}`, variant.docs.map((line) => line.trim()).join(" ").trim());
    }
  }
  return (pallet, error) => table.get(`${pallet}.${error}`) || undefined;
}
