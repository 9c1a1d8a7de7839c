// A test wallet that speaks the polkadot.js extension interface (`window.injectedWeb3[name].enable()`
// -> { accounts: { get, subscribe }, signer: { signPayload, signRaw } }), so the app signs through the
// same code path as with a real extension. The keys (the dev accounts) stay in Node: the page calls
// exposed functions, which build the signing payload from the SignerPayloadJSON as an extension does.
import { sr25519CreateDerive } from "@polkadot-labs/hdkd";
import {
  DEV_PHRASE,
  blake2b256,
  entropyToMiniSecret,
  mnemonicToEntropy,
  ss58Address,
  ss58Decode,
} from "@polkadot-labs/hdkd-helpers";

export const WALLET_NAME = "kith-test-wallet";
const derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)));
export const NAMES = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"];
export const keys = Object.fromEntries(NAMES.map((name) => [name, derive(`//${name}`)]));
/** Addresses as extensions give them: the generic Substrate format (42). */
export const addressOf = (name, prefix = 42) => ss58Address(keys[name].publicKey, prefix);

const hex = (bytes) => "0x" + Buffer.from(bytes).toString("hex");
const unhex = (text) => Uint8Array.from(Buffer.from(text.replace(/^0x/, ""), "hex"));
const u32 = (hexNumber) => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, Number(BigInt(hexNumber)), true);
  return out;
};
/** SCALE compact encoding of a non-negative integer. */
export function compact(value) {
  let n = BigInt(value);
  if (n < 64n) return Uint8Array.of(Number(n) << 2);
  if (n < 16384n) return Uint8Array.of(Number((n << 2n) & 0xffn) | 1, Number(n >> 6n));
  if (n < 1073741824n) {
    const out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, Number((n << 2n) | 2n), true);
    return out;
  }
  const bytes = [];
  while (n > 0n) {
    bytes.push(Number(n & 0xffn));
    n >>= 8n;
  }
  return Uint8Array.of(((bytes.length - 4) << 2) | 3, ...bytes);
}
const concat = (parts) => {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
};

function keyFor(address) {
  const [publicKey] = ss58Decode(address);
  const name = NAMES.find((n) => hex(keys[n].publicKey) === hex(publicKey));
  if (!name) throw new Error(`the test wallet has no key for ${address}`);
  return keys[name];
}

/** What an extension signs for a SignerPayloadJSON: call, extensions' extra data, then their implicit data. */
export function signingPayload(json) {
  const extra = [];
  const implicit = [];
  for (const id of json.signedExtensions) {
    switch (id) {
      case "CheckSpecVersion":
        implicit.push(u32(json.specVersion));
        break;
      case "CheckTxVersion":
        implicit.push(u32(json.transactionVersion));
        break;
      case "CheckGenesis":
        implicit.push(unhex(json.genesisHash));
        break;
      case "CheckMortality":
      case "CheckEra":
        extra.push(unhex(json.era));
        implicit.push(unhex(json.blockHash));
        break;
      case "CheckNonce":
        extra.push(compact(BigInt(json.nonce)));
        break;
      case "ChargeTransactionPayment":
        extra.push(compact(BigInt(json.tip)));
        break;
      case "CheckMetadataHash":
        extra.push(Uint8Array.of(json.mode ?? 0));
        implicit.push(json.mode ? concat([Uint8Array.of(1), unhex(json.metadataHash)]) : Uint8Array.of(0));
        break;
      default:
        // Extensions without data (CheckNonZeroSender, CheckWeight, AuthorizeCall, WeightReclaim).
        break;
    }
  }
  const payload = concat([unhex(json.method), ...extra, ...implicit]);
  return payload.length > 256 ? blake2b256(payload) : payload;
}

export function signPayload(json) {
  const signature = keyFor(json.address).sign(signingPayload(json));
  // MultiSignature: 0x01 = Sr25519.
  return { id: 1, signature: hex(concat([Uint8Array.of(1), signature])) };
}

export function signRaw({ address, data }) {
  let bytes = unhex(data);
  const text = Buffer.from(bytes).toString("latin1");
  if (!(text.startsWith("<Bytes>") && text.endsWith("</Bytes>"))) {
    bytes = concat([Buffer.from("<Bytes>"), bytes, Buffer.from("</Bytes>")]);
  }
  return { id: 1, signature: hex(keyFor(address).sign(bytes)) };
}

/** Puts the wallet into a Playwright page: signing functions from Node, the extension object by init script. */
export async function installWallet(page, names = NAMES) {
  await page.exposeFunction("__kithWalletSignPayload", (json) => signPayload(json));
  await page.exposeFunction("__kithWalletSignRaw", (raw) => signRaw(raw));
  const accounts = names.map((name) => ({ address: addressOf(name), name: `${name} (test wallet)`, type: "sr25519" }));
  await page.addInitScript(
    ({ name, accounts }) => {
      window.injectedWeb3 = {
        ...(window.injectedWeb3 || {}),
        [name]: {
          version: "0.0.1",
          enable: async () => ({
            accounts: {
              get: async () => accounts,
              subscribe: (cb) => {
                setTimeout(() => cb(accounts), 0);
                return () => {};
              },
            },
            signer: {
              signPayload: (payload) => window.__kithWalletSignPayload(payload),
              signRaw: (raw) => window.__kithWalletSignRaw(raw),
            },
          }),
        },
      };
    },
    { name: WALLET_NAME, accounts },
  );
}
