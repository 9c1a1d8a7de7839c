// One post: author, what it replies to / reposts / quotes, content (or "hidden by community rule N"),
// counts, and actions (reply, repost, quote, react, tip, report, edit, delete).
import { useEffect, useState } from "preact/hooks";
import { api, limits, social } from "../chain";
import { sameAccount } from "../accounts";
import { toBytes, utf8Length } from "../lib/bytes";
import { href } from "../lib/route";
import { formatAmount, parseAmount } from "../lib/units";
import { hiddenBecause, rulebook, type Rule } from "../moderation";
import { REACTIONS, type Post } from "../social";
import { getState, useStore } from "../store";
import { submit } from "../tx";
import { AccountName, Amount, ErrorNote } from "../ui";
import { Composer } from "./Composer";
import { recordTipSent } from "../tips";

function Content({ post }: { post: Post }) {
  if (post.deleted) return <p class="muted">This post was deleted.</p>;
  const c = post.content;
  if (c.type === "text") return <p class="text">{linkify(c.text)}</p>;
  if (c.type === "media")
    return (
      <div class="media">
        <div class="media-cid" title="IPFS content id">
          🖼 <code>{c.cid}</code>
        </div>
        {c.caption ? <p class="text">{linkify(c.caption)}</p> : null}
      </div>
    );
  return null;
}

/** Tags and handles as links. */
function linkify(text: string) {
  const parts = text.split(/((?:^|(?<=\s))[#@][a-z0-9_]+)/gi);
  return parts.map((part, i) =>
    /^#[a-z0-9_]+$/i.test(part) ? (
      <a key={i} href={href({ name: "tag", tag: part.slice(1).toLowerCase() })}>{part}</a>
    ) : /^@[a-z0-9_]+$/i.test(part) ? (
      <a key={i} href={href({ name: "profile", who: part.slice(1) })}>{part}</a>
    ) : (
      part
    ),
  );
}

function Embedded({ id }: { id: number }) {
  const [post, setPost] = useState<Post>();
  useEffect(() => {
    social<{ post: Post }>("post", [id]).then((r) => setPost(r.post), () => undefined);
  }, [id]);
  if (!post) return <div class="embed muted">Post {id}</div>;
  return (
    <a class="embed" href={href({ name: "post", id })}>
      <AccountName address={post.author} handle={post.authorHandle} name={post.authorName} />
      {post.hidden ? <p class="muted">Hidden by moderation</p> : <Content post={post} />}
    </a>
  );
}

type Panel = "none" | "reply" | "quote" | "tip" | "report" | "edit" | "react";

export function PostCard({ post, depth = 0, onChange }: { post: Post; depth?: number; onChange?: () => void }) {
  const current = useStore((s) => s.current);
  const [panel, setPanel] = useState<Panel>("none");
  const [reveal, setReveal] = useState(false);
  const [reason, setReason] = useState<string>();
  const mine = sameAccount(current?.address, post.author);
  useEffect(() => {
    if (post.hidden) hiddenBecause(post.id).then(setReason, () => setReason("the community"));
  }, [post.id, post.hidden]);
  const toggle = (p: Panel) => setPanel(panel === p ? "none" : p);
  const kind = post.kind;
  const repost = kind.type === "repost";
  return (
    <article class={`post ${post.hidden ? "is-hidden" : ""}`} style={{ marginLeft: `${Math.min(depth, 4) * 1.2}rem` }} data-post-id={post.id}>
      <header>
        <AccountName address={post.author} handle={post.authorHandle} name={post.authorName} suspended={post.authorSuspended} />
        <a class="muted when" href={href({ name: "post", id: post.id })} title={`post ${post.id}, block ${post.created}`}>
          block {post.created}
          {post.edited ? " · edited" : ""}
        </a>
      </header>
      {kind.type === "reply" ? (
        <div class="muted small">
          replying to <a href={href({ name: "post", id: kind.parent })}>post {kind.parent}</a>
        </div>
      ) : null}
      {repost ? <div class="muted small">🔁 reposted</div> : null}
      {post.hidden && !reveal ? (
        <div class="hidden-note" data-testid="hidden-post">
          Hidden by {reason ?? "community rule…"}.{" "}
          <button class="link" onClick={() => setReveal(true)}>
            Show anyway
          </button>
        </div>
      ) : (
        <>
          {post.hidden ? <div class="hidden-note small">Hidden by {reason ?? "moderation"} — shown at your request.</div> : null}
          <Content post={post} />
        </>
      )}
      {kind.type === "repost" || kind.type === "quote" ? <Embedded id={kind.of} /> : null}
      {!post.deleted && (!post.hidden || reveal) ? (
        <footer class="actions">
          <a class="action" href={href({ name: "post", id: kind.type === "reply" ? kind.root : post.id })} title="Thread">
            💬 {post.replies}
          </a>
          <button class="action" disabled={!current} title="Reply" onClick={() => toggle("reply")}>
            Reply
          </button>
          <button
            class="action"
            disabled={!current || mine}
            title="Repost"
            onClick={() => submit(`Repost ${post.id}`, api.tx.Posts.create_post({ kind: { type: "Repost", value: { of: BigInt(post.id) } } as never, content: undefined })).then(() => onChange?.())}
          >
            🔁 {post.reposts}
          </button>
          <button class="action" disabled={!current} title="Quote" onClick={() => toggle("quote")}>
            ❝ {post.quotes}
          </button>
          {REACTIONS.map((r, i) =>
            i === 0 || (post.reactions[i] ?? 0) > 0 || panel === "react" ? (
              <button
                key={r.name}
                class="action react"
                title={r.name}
                aria-label={`React ${r.name}`}
                disabled={!current || mine}
                onClick={() => {
                  setPanel("none");
                  submit(`${r.name} post ${post.id}`, api.tx.Posts.react({ post_id: BigInt(post.id), reaction: { type: r.name, value: undefined } as never })).then(() => onChange?.());
                }}
              >
                {r.emoji} {post.reactions[i] ?? 0}
              </button>
            ) : null,
          )}
          {panel !== "react" && !mine ? (
            <button class="action" disabled={!current} title="More reactions" aria-label="More reactions" onClick={() => toggle("react")}>
              ☺+
            </button>
          ) : null}
          <button class="action" disabled={!current || mine} title="Tip" onClick={() => toggle("tip")}>
            💸 {post.tips ? formatAmount(post.tipped, { maxFraction: 2 }) : "Tip"}
          </button>
          {mine ? (
            <>
              <button class="action" onClick={() => toggle("edit")}>
                Edit
              </button>
              <button
                class="action"
                onClick={() => confirm("Delete this post?") && submit(`Delete post ${post.id}`, api.tx.Posts.delete_post({ post_id: BigInt(post.id) })).then(() => onChange?.())}
              >
                Delete
              </button>
            </>
          ) : (
            <button class="action" disabled={!current} onClick={() => toggle("report")}>
              Report
            </button>
          )}
        </footer>
      ) : null}
      {panel === "reply" ? <Composer kind={{ type: "reply", parent: post.id }} placeholder="Write a reply" onDone={() => { setPanel("none"); onChange?.(); }} /> : null}
      {panel === "quote" ? <Composer kind={{ type: "quote", of: post.id }} placeholder="Add a comment" onDone={() => { setPanel("none"); onChange?.(); }} /> : null}
      {panel === "edit" ? (
        <Composer kind={{ type: "edit", id: post.id }} initial={post.content.type === "text" ? post.content.text : post.content.type === "media" ? post.content.caption : ""} onDone={() => { setPanel("none"); onChange?.(); }} />
      ) : null}
      {panel === "tip" ? <TipForm target={{ post: post.id, author: post.author }} onDone={() => { setPanel("none"); onChange?.(); }} /> : null}
      {panel === "report" ? <ReportForm target={{ type: "Post", id: post.id }} onDone={() => setPanel("none")} /> : null}
    </article>
  );
}

export function TipForm({ target, onDone }: { target: { post?: number; author: string }; onDone?: () => void }) {
  const [amount, setAmount] = useState("1");
  const [memo, setMemo] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setError(undefined);
    let planck: bigint;
    try {
      planck = parseAmount(amount);
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    const l = await limits();
    if (planck < l.minTip) return setError(`The smallest tip is ${formatAmount(l.minTip)}`);
    if (utf8Length(memo) > l.maxMemo) return setError(`The memo is ${utf8Length(memo)} bytes; at most ${l.maxMemo}`);
    setBusy(true);
    const tipTarget = target.post !== undefined ? { type: "Post", value: BigInt(target.post) } : { type: "Creator", value: target.author };
    const result = await submit(
      `Tip ${formatAmount(planck)}`,
      api.tx.Tipping.tip({ target: tipTarget as never, amount: planck, memo: memo ? toBytes(memo) : undefined }),
    );
    setBusy(false);
    if (result.ok) {
      const me = getState().current?.address;
      if (me) recordTipSent(me, { to: target.author, post: target.post, amount: planck.toString(), block: result.block ?? 0 });
      onDone?.();
    } else setError(result.error);
  };
  return (
    <div class="inline-form tip-form">
      <label>
        Amount (KITH)
        <input inputMode="decimal" value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} aria-label="Tip amount" />
      </label>
      <label>
        Memo
        <input value={memo} maxLength={140} onInput={(e) => setMemo((e.target as HTMLInputElement).value)} placeholder="optional" />
      </label>
      <button class="primary" disabled={busy} onClick={send}>
        {busy ? "Sending…" : "Send tip"}
      </button>
      <ErrorNote error={error} />
    </div>
  );
}

export function ReportForm({ target, onDone }: { target: { type: "Post"; id: number } | { type: "Account"; account: string }; onDone?: () => void }) {
  const [rules, setRules] = useState<Rule[]>([]);
  const [rule, setRule] = useState<number>();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string>();
  useEffect(() => {
    rulebook().then((b) => {
      setRules(b.rules);
      setRule(b.rules[0]?.id);
    });
  }, []);
  const send = async () => {
    if (rule === undefined) return;
    const t = target.type === "Post" ? { type: "Post", value: BigInt(target.id) } : { type: "Account", value: target.account };
    const result = await submit(`Report under rule ${rule}`, api.tx.Moderation.report({ target: t as never, rule_id: rule, note: toBytes(note) }));
    if (result.ok) onDone?.();
    else setError(result.error);
  };
  return (
    <div class="inline-form">
      <label>
        Rule
        <select value={rule} onChange={(e) => setRule(Number((e.target as HTMLSelectElement).value))}>
          {rules.map((r) => (
            <option value={r.id} key={r.id}>
              {r.id}: {r.title} ({r.action})
            </option>
          ))}
        </select>
      </label>
      <label>
        Note
        <input value={note} maxLength={280} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
      </label>
      <button class="primary" onClick={send}>
        Report (holds 1 KITH)
      </button>
      <ErrorNote error={error} />
    </div>
  );
}
