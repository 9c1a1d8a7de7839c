// Writing a post, reply or quote: text with the byte limit (the runtime's Posts.MaxTextLen) counted
// as you type, or media by CID with a caption; whether the account's social-quota credits pay for it
// or it pays a fee.
import { useEffect, useState } from "preact/hooks";
import { api, limits } from "../chain";
import { countBytes, toBytes } from "../lib/bytes";
import { submit } from "../tx";
import { useStore } from "../store";
import { ErrorNote, NeedAccount } from "../ui";
import { FeeHint } from "./Credits";

export type ComposeKind = { type: "root" } | { type: "reply"; parent: number } | { type: "quote"; of: number } | { type: "edit"; id: number };

export function Composer(props: { kind?: ComposeKind; initial?: string; onDone?: () => void; placeholder?: string }) {
  const kind = props.kind ?? { type: "root" };
  const current = useStore((s) => s.current);
  const [text, setText] = useState(props.initial ?? "");
  const [media, setMedia] = useState(false);
  const [cid, setCid] = useState("");
  const [max, setMax] = useState<{ text: number; caption: number }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    limits().then((l) => setMax({ text: l.maxText, caption: l.maxCaption }));
  }, []);
  if (!current) return <NeedAccount />;
  const limit = media ? max?.caption : max?.text;
  const count = limit !== undefined ? countBytes(text, limit) : undefined;
  const empty = media ? cid.trim() === "" : text.trim() === "";

  const send = async () => {
    setError(undefined);
    if (count?.over) {
      setError(
        `Too long: ${count.bytes} bytes, the limit is ${count.limit} (${media ? "Posts.MaxCaptionLen" : "Posts.MaxTextLen"}). Nothing was sent.`,
      );
      return;
    }
    const content = media
      ? { type: "Media" as const, value: { cid: toBytes(cid.trim()), text: toBytes(text) } }
      : { type: "Text" as const, value: toBytes(text) };
    setBusy(true);
    let result;
    if (kind.type === "edit") {
      result = await submit(`Edit post ${kind.id}`, api.tx.Posts.edit_post({ post_id: BigInt(kind.id), content }));
    } else {
      const newKind =
        kind.type === "reply"
          ? { type: "Reply" as const, value: { parent: BigInt(kind.parent) } }
          : kind.type === "quote"
            ? { type: "Quote" as const, value: { of: BigInt(kind.of) } }
            : { type: "Root" as const, value: undefined };
      const label = kind.type === "reply" ? "Reply" : kind.type === "quote" ? "Quote" : "Post";
      result = await submit(label, api.tx.Posts.create_post({ kind: newKind as never, content }));
    }
    setBusy(false);
    if (result.ok) {
      setText("");
      setCid("");
      props.onDone?.();
    } else setError(result.error);
  };

  return (
    <div class="composer">
      {media ? (
        <input
          class="cid"
          placeholder="IPFS CID of the media (bafy…)"
          value={cid}
          onInput={(e) => setCid((e.target as HTMLInputElement).value)}
        />
      ) : null}
      <textarea
        rows={3}
        placeholder={media ? "Caption" : props.placeholder ?? "What's happening? Use #tags and @handles"}
        value={text}
        onInput={(e) => {
          setText((e.target as HTMLTextAreaElement).value);
          setError(undefined);
        }}
        aria-label={media ? "Caption" : "Post text"}
      />
      <div class="composer-bar">
        {kind.type !== "edit" || true ? (
          <label class="toggle">
            <input type="checkbox" checked={media} onChange={(e) => setMedia((e.target as HTMLInputElement).checked)} /> Media
          </label>
        ) : null}
        <span class={`counter ${count?.over ? "over" : count && count.remaining < 50 ? "near" : ""}`} data-testid="byte-counter">
          {count ? `${count.bytes} / ${count.limit} bytes` : ""}
        </span>
        <button class="primary" disabled={busy || empty} onClick={send}>
          {busy ? "Sending…" : kind.type === "reply" ? "Reply" : kind.type === "edit" ? "Save" : kind.type === "quote" ? "Quote" : "Post"}
        </button>
      </div>
      <FeeHint address={current.address} action={kind.type === "root" ? "post" : kind.type} />
      <ErrorNote error={error} />
    </div>
  );
}
