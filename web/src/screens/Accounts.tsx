// Accounts: wallet extensions' accounts and (dev chains) the dev accounts; this account's handle and profile.
import { useState } from "preact/hooks";
import { api, social } from "../chain";
import { selectAccount } from "../accounts";
import { toBytes } from "../lib/bytes";
import { useStore } from "../store";
import { submit } from "../tx";
import { Card, ErrorNote, useAsync } from "../ui";
import type { Profile } from "../social";

function Identity() {
  const current = useStore((s) => s.current)!;
  const profile = useAsync(
    () => social<{ profile: Profile }>("profile", [current.address]).then((r) => r.profile, () => undefined),
    [current.address],
  );
  const [handle, setHandle] = useState("");
  const [name, setName] = useState<string>();
  const [bio, setBio] = useState<string>();
  const [avatar, setAvatar] = useState<string>();
  const [error, setError] = useState<string>();
  const p = profile.data;
  const run = async (label: string, tx: Parameters<typeof submit>[1]) => {
    setError(undefined);
    const r = await submit(label, tx);
    if (!r.ok) setError(r.error);
  };
  return (
    <Card title="My handle and profile">
      <p>
        Handle: <strong data-testid="my-handle">{p?.handle ? `@${p.handle}` : "none"}</strong>
      </p>
      <div class="inline-form">
        <input placeholder="handle (3-32 of a-z 0-9 _)" value={handle} onInput={(e) => setHandle((e.target as HTMLInputElement).value)} aria-label="Handle" />
        <button class="primary" onClick={() => run(`Claim @${handle}`, api.tx.Profiles.claim_handle({ handle: toBytes(handle.replace(/^@/, "")) }))}>
          Claim handle (holds 1 KITH)
        </button>
        {p?.handle ? <button onClick={() => run("Release handle", api.tx.Profiles.release_handle())}>Release</button> : null}
      </div>
      <div class="form">
        <label>
          Display name <input value={name ?? p?.displayName ?? ""} onInput={(e) => setName((e.target as HTMLInputElement).value)} aria-label="Display name" />
        </label>
        <label>
          Bio <textarea rows={2} value={bio ?? p?.bio ?? ""} onInput={(e) => setBio((e.target as HTMLTextAreaElement).value)} aria-label="Bio" />
        </label>
        <label>
          Avatar CID <input value={avatar ?? p?.avatar ?? ""} onInput={(e) => setAvatar((e.target as HTMLInputElement).value)} placeholder="optional, bafy…" />
        </label>
        <button
          class="primary"
          onClick={() => {
            const a = (avatar ?? p?.avatar ?? "").trim();
            run(
              "Save profile",
              api.tx.Profiles.set_profile({
                display_name: toBytes(name ?? p?.displayName ?? ""),
                bio: toBytes(bio ?? p?.bio ?? ""),
                avatar: a ? toBytes(a) : undefined,
              }),
            );
          }}
        >
          Save profile
        </button>
      </div>
      <ErrorNote error={error} />
    </Card>
  );
}

export function Accounts() {
  const accounts = useStore((s) => s.accounts);
  const current = useStore((s) => s.current);
  const sources = [...new Set(accounts.map((a) => a.source))];
  return (
    <>
      <h1>Accounts</h1>
      {!accounts.length ? <p class="notice">No wallet found. Install the polkadot.js extension, Talisman or SubWallet and allow this site.</p> : null}
      {sources.map((source) => (
        <Card key={source} title={source === "dev" ? "Development accounts (well-known keys: never use them with real funds)" : `Wallet: ${source}`} class={source === "dev" ? "dev" : ""}>
          <ul class="account-list">
            {accounts
              .filter((a) => a.source === source)
              .map((a) => (
                <li key={a.address}>
                  <button class={current?.address === a.address && current.source === a.source ? "primary" : ""} onClick={() => selectAccount(a)} data-account={a.name}>
                    {a.name}
                    {source === "dev" ? <span class="badge dev">dev</span> : null}
                  </button>{" "}
                  <span class="muted small address">{a.address}</span>
                </li>
              ))}
          </ul>
        </Card>
      ))}
      {current ? <Identity /> : null}
    </>
  );
}
