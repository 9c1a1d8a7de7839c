import { BEST } from "../chain";
// A profile by handle (`#/@alice`) or address: profile, posts, follower counts, follow/block and tip.
import { useState } from "preact/hooks";
import { api, social } from "../chain";
import { sameAccount } from "../accounts";
import { PostCard, ReportForm, TipForm } from "../components/PostCard";
import type { Page, Post, Profile as ProfileT } from "../social";
import { useStore } from "../store";
import { submit } from "../tx";
import { Card, ErrorNote, Loading, useAsync } from "../ui";

async function relation(me: string | undefined, them: string) {
  if (!me || sameAccount(me, them)) return { following: false, blocked: false };
  const [following, myId, theirId] = await Promise.all([
    api.apis.SocialGraphApi.is_following(me, them, BEST),
    api.query.Follows.MemberOf.getValue(me, BEST),
    api.query.Follows.MemberOf.getValue(them, BEST),
  ]);
  const blocked = myId !== undefined && theirId !== undefined && (await api.query.Follows.Blocks.getValue(myId, theirId, BEST)) !== undefined;
  return { following, blocked };
}

export function Profile({ who }: { who: string }) {
  const current = useStore((s) => s.current);
  const [panel, setPanel] = useState<"none" | "tip" | "report">("none");
  const data = useAsync(async () => {
    const { profile } = await social<{ profile: ProfileT }>("profile", [/^[a-z0-9_]{1,32}$/i.test(who) ? `@${who}` : who]);
    const [posts, rel] = await Promise.all([
      social<Page<Post>>("authorFeed", [profile.account, null, 30, true]),
      relation(current?.address, profile.account),
    ]);
    return { profile, posts: posts.items, rel };
  }, [who, current?.address]);
  if (data.error && !data.data) return <ErrorNote error={data.error.replace(/^.*?: /, "")} />;
  if (!data.data) return <Loading what="the profile" />;
  const { profile, posts, rel } = data.data;
  const me = sameAccount(current?.address, profile.account);
  const who_ = { type: "Id" as const, value: profile.account };
  return (
    <>
      <Card class="profile">
        <div class="profile-head">
          <div class="avatar" aria-hidden="true">{(profile.displayName ?? profile.handle ?? "?").slice(0, 1).toUpperCase()}</div>
          <div>
            <h1>
              {profile.displayName || (profile.handle ? `@${profile.handle}` : "No name")}
              {profile.suspended ? <span class="badge danger">suspended</span> : null}
            </h1>
            <div class="muted">{profile.handle ? `@${profile.handle}` : "no handle"}</div>
            <div class="muted small address">{profile.account}</div>
          </div>
        </div>
        {profile.bio ? <p class="bio">{profile.bio}</p> : null}
        {profile.avatar ? <p class="small muted">Avatar: <code>{profile.avatar}</code></p> : null}
        <p class="counts">
          <strong data-testid="followers">{profile.followers}</strong> followers · <strong data-testid="following">{profile.following}</strong> following
        </p>
        {current && !me ? (
          <div class="row">
            {rel.following ? (
              <button onClick={() => submit(`Unfollow ${profile.handle ?? ""}`, api.tx.Follows.unfollow({ who: who_ as never }))}>Following ✓ (unfollow)</button>
            ) : (
              <button class="primary" disabled={rel.blocked} onClick={() => submit(`Follow @${profile.handle ?? ""}`, api.tx.Follows.follow({ who: who_ as never }))}>
                Follow
              </button>
            )}
            <button onClick={() => setPanel(panel === "tip" ? "none" : "tip")}>💸 Tip</button>
            {rel.blocked ? (
              <button onClick={() => submit("Unblock", api.tx.Follows.unblock({ who: who_ as never }))}>Unblock</button>
            ) : (
              <button class="danger" onClick={() => confirm("Block this account?") && submit("Block", api.tx.Follows.block({ who: who_ as never }))}>
                Block
              </button>
            )}
            <button onClick={() => setPanel(panel === "report" ? "none" : "report")}>Report</button>
          </div>
        ) : me ? (
          <p class="muted small">
            This is you. Edit your handle and profile under <a href="#/accounts">Accounts</a>.
          </p>
        ) : null}
        {panel === "tip" ? <TipForm target={{ author: profile.account }} onDone={() => setPanel("none")} /> : null}
        {panel === "report" ? <ReportForm target={{ type: "Account", account: profile.account }} onDone={() => setPanel("none")} /> : null}
      </Card>
      <h2>Posts</h2>
      {posts.length ? posts.map((p) => <PostCard post={p} key={p.id} onChange={data.reload} />) : <p class="muted">No posts yet.</p>}
    </>
  );
}
