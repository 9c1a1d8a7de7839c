// Notifications, newest first, with the unread count; "mark read" signs the node's mark-read payload.
import { AccountId } from "polkadot-api";
import { social } from "../chain";
import { href } from "../lib/route";
import { REACTIONS, type Notification, type Page } from "../social";
import { getState, setState, useStore } from "../store";
import { AccountName, Amount, Card, ErrorNote, Loading, NeedAccount, useAsync } from "../ui";
import { isUnknownAccount } from "../social";
import { useState } from "preact/hooks";

/** The bytes `social_markRead` wants signed: `kith/mark-read` ++ account id ++ seq (u64 LE). */
export function markReadPayload(account: string, seq: number): Uint8Array {
  const context = new TextEncoder().encode("kith/mark-read");
  const id = AccountId().enc(account);
  const out = new Uint8Array(context.length + 32 + 8);
  out.set(context, 0);
  out.set(id, context.length);
  new DataView(out.buffer).setBigUint64(context.length + 32, BigInt(seq), true);
  return out;
}

export async function markRead(seq: number) {
  const account = getState().current;
  if (!account) return;
  let signature = await account.signer.signBytes(markReadPayload(account.address, seq));
  if (signature.length === 65) signature = signature.slice(1);
  const hex = "0x" + Array.from(signature, (b) => b.toString(16).padStart(2, "0")).join("");
  const { count } = await social<{ count: number }>("markRead", [account.address, seq, hex]);
  setState({ unread: count });
}

function Line({ n }: { n: Notification }) {
  const k = n.kind;
  const by = "by" in k ? <AccountName address={k.by} /> : null;
  const post = (id: number | null | undefined, text: string) => (id === null || id === undefined ? text : <a href={href({ name: "post", id })}>{text}</a>);
  switch (k.type) {
    case "replied":
      return <>{by} {post(k.postId, "replied")} to you</>;
    case "mentioned":
      return <>{by} {post(k.postId, "mentioned you")}</>;
    case "quoted":
      return <>{by} {post(k.postId, "quoted")} your post</>;
    case "reposted":
      return <>{by} {post(k.postId, "reposted")} your post</>;
    case "reacted":
      return <>{by} reacted {REACTIONS[k.reaction]?.emoji ?? ""} to {post(k.postId, "your post")}</>;
    case "tipped":
      return (
        <>
          {by} tipped you <Amount planck={k.amount} />
          {k.postId !== null ? <> for {post(k.postId, "your post")}</> : null}
          {k.memo ? <span class="memo"> “{k.memo}”</span> : null}
        </>
      );
    case "followed":
      return <>{by} followed you</>;
    case "reported":
      return <>{k.target.type === "post" ? post(k.target.id, "Your post") : "Your account"} was reported</>;
    case "caseDecided":
      return <>Case {k.caseId} was decided: {k.upheld ? "upheld" : "rejected"}</>;
    case "appealDecided":
      return <>The appeal of case {k.caseId} was decided: {k.overturned ? "overturned" : "confirmed"}</>;
  }
}

export function Notifications() {
  const current = useStore((s) => s.current);
  const unread = useStore((s) => s.unread);
  const [error, setError] = useState<string>();
  const list = useAsync(
    () =>
      current
        ? social<Page<Notification>>("notifications", [current.address, null, 50]).catch((e) =>
            isUnknownAccount(e) ? { items: [], nextCursor: null, at: undefined as never } : Promise.reject(e),
          )
        : Promise.resolve(undefined),
    [current?.address, unread],
  );
  if (!current) return <NeedAccount />;
  const items = list.data?.items ?? [];
  return (
    <>
      <h1>
        Notifications {unread ? <span class="badge" data-testid="unread">{unread} unread</span> : null}
      </h1>
      {items.length && unread ? (
        <button onClick={() => markRead(items[0].seq).then(() => setError(undefined), (e) => setError(String(e.message ?? e)))}>Mark all read (signs a message)</button>
      ) : null}
      <ErrorNote error={error ?? list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      <Card>
        <ul class="notifications">
          {items.map((n, i) => (
            <li key={n.seq} class={i < unread ? "unread" : ""} data-kind={n.kind.type}>
              <Line n={n} /> <span class="muted small">· block {n.block}</span>
            </li>
          ))}
          {!items.length && !list.loading ? <li class="muted">Nothing yet.</li> : null}
        </ul>
      </Card>
    </>
  );
}
