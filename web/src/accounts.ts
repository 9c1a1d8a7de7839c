// Accounts: any injected wallet (polkadot.js extension, Talisman, SubWallet) through PAPI's pjs-signer,
// and on a development chain the well-known dev accounts (//Alice ...), marked as such.
import { sr25519CreateDerive } from "@polkadot-labs/hdkd";
import { DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy, ss58Address } from "@polkadot-labs/hdkd-helpers";
import { connectInjectedExtension, getInjectedExtensions } from "polkadot-api/pjs-signer";
import { getPolkadotSigner } from "polkadot-api/signer";
import { AccountId } from "polkadot-api";
import { isDevChain } from "./chain";
import { SS58_PREFIX } from "./lib/units";
import { getState, setState, type Account } from "./store";

export const DEV_NAMES = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"];

const kithAddress = AccountId(SS58_PREFIX);
/** Any SS58 address (or 0x account id) in Kith's format. */
export const toKith = (address: string): string =>
  address.startsWith("0x") ? kithAddress.dec(address as never) : kithAddress.dec(AccountId().enc(address));
export const sameAccount = (a?: string | null, b?: string | null): boolean => {
  if (!a || !b) return false;
  try {
    return toKith(a) === toKith(b);
  } catch {
    return false;
  }
};

function devAccounts(): Account[] {
  const derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)));
  return DEV_NAMES.map((name) => {
    const pair = derive(`//${name}`);
    return {
      address: ss58Address(pair.publicKey, SS58_PREFIX),
      name,
      source: "dev",
      signer: getPolkadotSigner(pair.publicKey, "Sr25519", pair.sign),
    };
  });
}

const extensionAccounts = new Map<string, Account[]>();

function publish(dev: Account[]) {
  const accounts = [...[...extensionAccounts.values()].flat(), ...dev];
  const saved = localStorage.getItem("kith.account");
  const current =
    accounts.find((a) => a.address === getState().current?.address && a.source === getState().current?.source) ??
    accounts.find((a) => `${a.source}:${a.address}` === saved);
  setState({ accounts, current });
}

export function selectAccount(account: Account | undefined) {
  if (account) localStorage.setItem("kith.account", `${account.source}:${account.address}`);
  else localStorage.removeItem("kith.account");
  setState({ current: account, unread: 0 });
}

/** Finds the dev accounts (dev chains only) and connects every injected extension. */
export async function loadAccounts() {
  const dev = (await isDevChain()) ? devAccounts() : [];
  publish(dev);
  // Extensions inject themselves as the page loads; look a few times.
  const connected = new Set<string>();
  for (let attempt = 0; attempt < 5; attempt++) {
    for (const name of getInjectedExtensions()) {
      if (connected.has(name)) continue;
      connected.add(name);
      try {
        const extension = await connectInjectedExtension(name, "Kith");
        const update = (list: ReturnType<typeof extension.getAccounts>) => {
          extensionAccounts.set(
            name,
            list
              .filter((a) => !a.type || a.type === "sr25519" || a.type === "ed25519" || a.type === "ecdsa")
              .map((a) => ({
                address: toKith(a.address),
                name: a.name ?? name,
                source: name,
                signer: a.polkadotSigner,
              })),
          );
          publish(dev);
        };
        update(extension.getAccounts());
        extension.subscribe(update);
      } catch (error) {
        console.warn(`wallet ${name}:`, error);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300 * (attempt + 1)));
  }
}
