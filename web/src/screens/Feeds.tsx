import { BEST } from "../chain";
// Home feed (followed accounts, live), the latest posts of everyone, a tag, a thread, search.
import { useEffect, useState } from "preact/hooks";
import { api, client, social, socialSubscribe } from "../chain";
import { Composer } from "../components/Composer";
import { PostCard } from "../components/PostCard";
import { href } from "../lib/route";
import { isUnknownAccount, type HandleMatch, type Page, type Post, type Update } from "../social";
import { useStore } from "../store";
import { AccountName, Card, ErrorNote, Loading, NeedAccount, useAsync } from "../ui";

function PostList({ posts, empty, onChange }: { posts: Post[]; empty: string; onChange?: () => void }) {
  if (!posts.length) return <p class="muted empty">{empty}</p>;
  return (
    <div class="posts">
      {posts.map((p) => (
        <PostCard post={p} key={p.id} onChange={onChange} />
      ))}
    </div>
  );
}

export function Home() {
  const current = useStore((s) => s.current);
  const version = useStore((s) => s.version);
  const [posts, setPosts] = useState<Post[]>([]);
  const [state, setState] = useState<{ loading: boolean; error?: string; live: boolean; known: boolean }>({ loading: true, live: false, known: true });
  const [tick, setTick] = useState(0);
  const account = current?.address;
  useEffect(() => {
    if (!account) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    social<Page<Post>>("homeFeed", [account, null, 30]).then(
      (page) => live && (setPosts(page.items), setState((s) => ({ ...s, loading: false, known: true }))),
      (error) => {
        if (!live) return;
        if (isUnknownAccount(error)) setPosts([]), setState((s) => ({ ...s, loading: false, known: false }));
        else setState((s) => ({ ...s, loading: false, error: String(error.message ?? error) }));
      },
    );
    return () => {
      live = false;
    };
  }, [account, version, tick]);
  // New posts are pushed by the node after each new best block (social_subscribeHomeFeed).
  useEffect(() => {
    if (!account || !state.known) return;
    const sub = socialSubscribe<Update<Post>>("subscribeHomeFeed", "unsubscribeHomeFeed", [account]).subscribe({
      next: (update) => {
        if (!update.items.length && !update.retracted?.length) return;
        setPosts((old) => {
          const gone = new Set([...(update.retracted ?? []), ...update.items.map((p) => p.id)]);
          return [...update.items, ...old.filter((p) => !gone.has(p.id))].sort((a, b) => b.id - a.id);
        });
      },
      error: () => setState((s) => ({ ...s, live: false })),
    });
    // The node pushes only when there is something new; the subscription is live until it errors.
    if (!sub.closed) setState((s) => ({ ...s, live: true }));
    return () => {
      sub.unsubscribe();
      setState((s) => ({ ...s, live: false }));
    };
  }, [account, state.known]);
  // An account the index does not know yet (nothing on chain): look again as blocks arrive.
  useEffect(() => {
    if (!account || state.known) return;
    const sub = client.finalizedBlock$.subscribe(() => setTick((t) => t + 1));
    return () => sub.unsubscribe();
  }, [account, state.known]);
  if (!current)
    return (
      <>
        <NeedAccount />
        <Latest />
      </>
    );
  return (
    <>
      <Card class="compose-card">
        <Composer />
      </Card>
      <h1>
        Home <span class={`live ${state.live ? "on" : ""}`} title="New posts appear as blocks arrive">{state.live ? "● live" : "○"}</span>
      </h1>
      <ErrorNote error={state.error} />
      {state.loading && !posts.length ? (
        <Loading what="your feed" />
      ) : (
        <PostList
          posts={posts}
          onChange={() => setTick((t) => t + 1)}
          empty={state.known ? "No posts from the accounts you follow yet." : "Follow someone to fill your home feed: search for @handles above, or read Latest."}
        />
      )}
    </>
  );
}

/** No social_ method lists everyone's posts, so Latest reads Posts.NextPostId and the newest ids by social_post. */
export function Latest() {
  const feed = useAsync(async () => {
    const next = Number(await api.query.Posts.NextPostId.getValue(BEST));
    const ids = Array.from({ length: Math.min(next, 30) }, (_, i) => next - 1 - i);
    const posts = await Promise.all(ids.map((id) => social<{ post: Post }>("post", [id]).then((r) => r.post, () => undefined)));
    return posts.filter((p): p is Post => !!p && !p.deleted);
  }, []);
  return (
    <>
      <h1>Latest</h1>
      <p class="muted small">Every account's newest posts, newest first.</p>
      <ErrorNote error={feed.error} />
      {feed.data ? <PostList posts={feed.data} empty="Nobody has posted yet." onChange={feed.reload} /> : <Loading />}
    </>
  );
}

export function Tag({ tag }: { tag: string }) {
  const feed = useAsync(() => social<Page<Post>>("tagFeed", [tag, null, 50]), [tag]);
  return (
    <>
      <h1>#{tag}</h1>
      <ErrorNote error={feed.error} />
      {feed.data ? <PostList posts={feed.data.items} empty={`No posts tagged #${tag} yet.`} onChange={feed.reload} /> : feed.error ? null : <Loading />}
    </>
  );
}

export function Thread({ id }: { id: number }) {
  const thread = useAsync(async () => {
    const { post } = await social<{ post: Post }>("post", [id]);
    const root = post.kind.type === "reply" ? post.kind.root : post.id;
    const page = await social<Page<Post>>("thread", [root, null, 100]);
    return { focus: id, posts: page.items };
  }, [id]);
  if (thread.error && !thread.data) return <ErrorNote error={thread.error} />;
  if (!thread.data) return <Loading what="the thread" />;
  const depth = new Map<number, number>();
  for (const p of thread.data.posts) depth.set(p.id, p.kind.type === "reply" ? (depth.get(p.kind.parent) ?? 0) + 1 : 0);
  return (
    <>
      <h1>Thread</h1>
      <div class="posts thread">
        {thread.data.posts.map((p) => (
          <div class={p.id === thread.data!.focus ? "focus" : ""} key={p.id}>
            <PostCard post={p} depth={depth.get(p.id)} onChange={thread.reload} />
          </div>
        ))}
      </div>
      <Card title="Reply to the thread">
        <Composer kind={{ type: "reply", parent: thread.data.posts[0].id }} placeholder="Write a reply" onDone={thread.reload} />
      </Card>
    </>
  );
}

export function Search({ query }: { query: string }) {
  const q = query.trim();
  const results = useAsync(
    () => (q.replace(/^@/, "").length ? social<{ items: HandleMatch[] }>("searchHandles", [q, 20]) : Promise.resolve({ items: [] })),
    [q],
  );
  return (
    <>
      <h1>Search “{q}”</h1>
      {/^#/.test(q) ? (
        <p>
          Posts tagged <a href={href({ name: "tag", tag: q.slice(1) })}>{q}</a>
        </p>
      ) : null}
      {/^\d+$/.test(q) ? (
        <p>
          <a href={href({ name: "post", id: Number(q) })}>Post {q}</a>
        </p>
      ) : null}
      <ErrorNote error={/^#/.test(q) ? undefined : results.error} />
      {results.data ? (
        <ul class="results">
          {results.data.items.map((m) => (
            <li key={m.handle}>
              <AccountName address={m.account} handle={m.handle} name={m.displayName} />
            </li>
          ))}
          {!results.data.items.length && !/^[#\d]/.test(q) ? <li class="muted">No handle starts with “{q}”.</li> : null}
        </ul>
      ) : null}
    </>
  );
}
