import { Blake2256 } from "@polkadot-api/substrate-bindings";
export const blake2b256 = (bytes: Uint8Array): `0x${string}` =>
  ("0x" + Array.from(Blake2256(bytes), (b) => b.toString(16).padStart(2, "0")).join("")) as `0x${string}`;
