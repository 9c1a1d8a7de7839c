use kith_primitives::{
	index::{IndexedContent, IndexedProfile, IndexedTarget, SocialChange},
	PostId,
};
use sp_core::crypto::AccountId32;
use tempfile::TempDir;

use crate::*;

const NOW: u32 = 100;

fn who(n: u8) -> AccountId32 {
	AccountId32::new([n; 32])
}

/// A test index with its genesis block imported and finalized.
struct Chain {
	index: Index,
	genesis: BlockRef,
	dir: TempDir,
}

impl Chain {
	fn new() -> Chain {
		let dir = tempfile::tempdir().unwrap();
		let index = Index::open(dir.path()).unwrap();
		let genesis = BlockRef { hash: block_hash(0, 0), parent: [0; 32], number: 0 };
		index.import(genesis, &[]).unwrap();
		index.finalize(genesis.hash).unwrap();
		Chain { index, genesis, dir }
	}

	/// Imports a child of `parent` on fork `fork`.
	fn child(&self, parent: BlockRef, fork: u8, changes: &[Change]) -> BlockRef {
		let number = parent.number + 1;
		let block = BlockRef { hash: block_hash(fork, number), parent: parent.hash, number };
		self.index.import(block, changes).unwrap();
		block
	}

	fn reopen(self) -> Chain {
		let Chain { index, genesis, dir } = self;
		drop(index);
		Chain { index: Index::open(dir.path()).unwrap(), genesis, dir }
	}
}

fn block_hash(fork: u8, number: u32) -> Hash {
	let mut hash = [fork; 32];
	hash[..4].copy_from_slice(&number.to_be_bytes());
	hash[31] = 0xaa;
	hash
}

fn text(s: &str) -> IndexedContent {
	IndexedContent::Text(s.as_bytes().to_vec())
}

fn root(id: PostId, author: u8, body: &str) -> Change {
	SocialChange::PostCreated {
		post_id: id,
		author: who(author),
		kind: PostKind::Root,
		content: text(body),
	}
}

fn reply(id: PostId, author: u8, parent: PostId, root: PostId, body: &str) -> Change {
	SocialChange::PostCreated {
		post_id: id,
		author: who(author),
		kind: PostKind::Reply { parent, root },
		content: text(body),
	}
}

fn follow(follower: u8, followee: u8) -> Change {
	SocialChange::Followed { follower: who(follower), followee: who(followee) }
}

fn profile(account: u8, handle: &str, name: &str) -> Change {
	SocialChange::Profile {
		who: who(account),
		profile: Some(IndexedProfile {
			handle: Some(handle.as_bytes().to_vec()),
			display_name: name.as_bytes().to_vec(),
			..Default::default()
		}),
	}
}

fn ids(page: &Page<PostView>) -> Vec<PostId> {
	page.items.iter().map(|item| item.post.id).collect()
}

fn author_feed(chain: &Chain, at: &BlockRef, author: u8, replies: bool) -> Vec<PostId> {
	ids(&chain.index.author_feed(at.hash, &who(author), None, 50, replies, NOW).unwrap())
}

fn home(
	chain: &Chain,
	at: &BlockRef,
	account: u8,
	cursor: Option<&str>,
	limit: u32,
) -> Page<PostView> {
	let index = &chain.index;
	index
		.home_feed(at.hash, &who(account), cursor, limit, false, ModerationView::Flag, NOW)
		.unwrap()
}

fn notification_kinds(chain: &Chain, at: &BlockRef, account: u8) -> Vec<NotificationKind> {
	let page = chain.index.notifications(at.hash, &who(account), None, 50).unwrap();
	page.items.into_iter().map(|n| n.kind).collect()
}

#[test]
fn index_is_send_and_sync() {
	fn assert_send_sync<T: Send + Sync>() {}
	assert_send_sync::<Index>();
}

#[test]
fn author_feed_lists_live_posts_newest_first_with_replies_on_request() {
	let chain = Chain::new();
	let b1 = chain.child(
		chain.genesis,
		1,
		&[root(1, 1, "one"), root(2, 2, "other"), root(3, 1, "three")],
	);
	let b2 = chain.child(
		b1,
		1,
		&[reply(4, 1, 2, 2, "reply"), root(5, 1, "gone"), SocialChange::PostDeleted { post_id: 5 }],
	);

	assert_eq!(author_feed(&chain, &b2, 1, false), vec![3, 1]);
	assert_eq!(author_feed(&chain, &b2, 1, true), vec![4, 3, 1]);
	let deleted = chain.index.post(b2.hash, 5, NOW).unwrap().unwrap();
	assert!(deleted.post.deleted);
	assert_eq!(deleted.post.content, Content::None);
}

#[test]
fn reads_before_finalization_see_the_overlay_and_the_watermark_does_not() {
	let chain = Chain::new();
	let b1 = chain.child(chain.genesis, 1, &[profile(1, "alice", "Alice"), root(1, 1, "hi")]);

	let post = chain.index.post(b1.hash, 1, NOW).unwrap().unwrap();
	assert_eq!(post.author_handle.as_deref(), Some("alice"));
	assert_eq!(post.author_name, "Alice");
	assert_eq!(post.post.content, Content::Text { text: "hi".into() });
	assert_eq!(chain.index.post(chain.genesis.hash, 1, NOW).unwrap(), None);
	assert_eq!(chain.index.watermark(), Some((0, chain.genesis.hash)));
}

#[test]
fn finalized_blocks_survive_reopen_and_import_resumes_from_the_watermark() {
	let chain = Chain::new();
	let b1 = chain.child(chain.genesis, 1, &[root(1, 1, "one"), follow(2, 1)]);
	let b2 = chain.child(b1, 1, &[root(2, 1, "two")]);
	chain.index.finalize(b1.hash).unwrap();

	let chain = chain.reopen();
	assert!(!chain.index.rebuilt());
	assert_eq!(chain.index.watermark(), Some((1, b1.hash)));
	assert!(chain.index.is_known(b1.hash));
	assert!(!chain.index.is_known(b2.hash), "unfinalized blocks are not persisted");
	assert_eq!(author_feed(&chain, &b1, 1, false), vec![1]);
	assert_eq!(ids(&home(&chain, &b1, 2, None, 10)), vec![1]);

	let b2 = chain.child(b1, 1, &[root(2, 1, "two")]);
	assert_eq!(author_feed(&chain, &b2, 1, false), vec![2, 1]);
	assert_eq!(ids(&home(&chain, &b2, 2, None, 10)), vec![2, 1]);
}

#[test]
fn reorg_reads_see_only_their_branch_and_finalizing_one_drops_the_other() {
	let chain = Chain::new();
	let b1 = chain.child(chain.genesis, 1, &[root(1, 1, "shared")]);
	let a2 = chain.child(b1, 0xa, &[root(2, 1, "on a")]);
	let b2 = chain.child(b1, 0xb, &[root(3, 1, "on b"), follow(2, 1)]);
	let b3 = chain.child(b2, 0xb, &[root(4, 1, "on b again")]);

	assert_eq!(author_feed(&chain, &a2, 1, false), vec![2, 1]);
	assert_eq!(author_feed(&chain, &b3, 1, false), vec![4, 3, 1]);
	assert_eq!(
		chain.index.profile_by_account(a2.hash, &who(1), NOW).unwrap().unwrap().followers,
		0
	);

	chain.index.finalize(a2.hash).unwrap();
	assert!(!chain.index.is_known(b2.hash));
	assert!(!chain.index.is_known(b3.hash));
	assert!(matches!(chain.index.post(b3.hash, 4, NOW), Err(Error::UnknownBlock(_))));

	let chain = chain.reopen();
	assert_eq!(chain.index.watermark(), Some((2, a2.hash)));
	assert_eq!(author_feed(&chain, &a2, 1, false), vec![2, 1]);
	assert_eq!(chain.index.post(a2.hash, 3, NOW).unwrap(), None);
	assert_eq!(chain.index.followers(a2.hash, &who(1), None, 10).unwrap().items, vec![]);
}

#[test]
fn finalizing_drops_forks_that_do_not_descend_from_the_finalized_block() {
	let chain = Chain::new();
	let b1 = chain.child(chain.genesis, 1, &[]);
	let a2 = chain.child(b1, 0xa, &[]);
	let a3 = chain.child(a2, 0xa, &[]);
	let c3 = chain.child(a2, 0xc, &[]);
	let b2 = chain.child(b1, 0xb, &[]);

	chain.index.finalize(b1.hash).unwrap();
	chain.index.finalize(b1.hash).unwrap();
	assert!(chain.index.is_known(a3.hash) && chain.index.is_known(c3.hash));
	chain.index.finalize(a2.hash).unwrap();
	assert!(chain.index.is_known(a3.hash) && chain.index.is_known(c3.hash));
	assert!(!chain.index.is_known(b1.hash) && !chain.index.is_known(b2.hash));
	assert!(matches!(chain.index.finalize(b2.hash), Err(Error::UnknownBlock(_))));
}

#[test]
fn importing_a_block_twice_changes_nothing() {
	let chain = Chain::new();
	let b1 = chain.child(chain.genesis, 1, &[root(1, 1, "once")]);
	chain.index.import(b1, &[root(2, 1, "ignored")]).unwrap();
	assert_eq!(author_feed(&chain, &b1, 1, false), vec![1]);
}

#[test]
fn importing_a_block_with_an_unknown_parent_fails() {
	let chain = Chain::new();
	let orphan = BlockRef { hash: block_hash(9, 5), parent: block_hash(9, 4), number: 5 };
	let result = chain.index.import(orphan, &[root(1, 1, "lost")]);
	assert!(matches!(result, Err(Error::UnknownParent { block, parent })
		if block == orphan.hash && parent == orphan.parent));
	assert!(!chain.index.is_known(orphan.hash));
}

#[test]
fn another_schema_version_rebuilds_the_index_empty() {
	let chain = Chain::new();
	let b1 = chain.child(chain.genesis, 1, &[root(1, 1, "old")]);
	chain.index.finalize(b1.hash).unwrap();
	let Chain { index, dir, .. } = chain;
	drop(index);

	let index = Index::open_with_schema(dir.path(), SCHEMA_VERSION + 1).unwrap();
	assert!(index.rebuilt());
	assert_eq!(index.watermark(), None);
	assert!(index.is_known([0; 32]));
	assert_eq!(index.post([0; 32], 1, NOW).unwrap(), None);
	drop(index);

	let index = Index::open_with_schema(dir.path(), SCHEMA_VERSION + 1).unwrap();
	assert!(!index.rebuilt());
}

#[test]
fn another_column_layout_rebuilds_the_index() {
	let dir = tempfile::tempdir().unwrap();
	let db =
		parity_db::Db::open_or_create(&parity_db::Options::with_columns(dir.path(), 3)).unwrap();
	drop(db);

	let index = Index::open(dir.path()).unwrap();
	assert!(index.rebuilt());
	assert_eq!(index.watermark(), None);
}

#[test]
fn home_feed_merges_followees_newest_first() {
	let chain = Chain::new();
	let b1 = chain.child(
		chain.genesis,
		1,
		&[follow(9, 1), follow(9, 2), root(1, 1, "a"), root(2, 2, "b"), root(3, 3, "stranger")],
	);
	chain.index.finalize(b1.hash).unwrap();
	let b2 = chain.child(b1, 1, &[root(4, 2, "c"), reply(5, 1, 4, 4, "r"), root(6, 1, "d")]);

	assert_eq!(ids(&home(&chain, &b2, 9, None, 10)), vec![6, 4, 2, 1]);
	let with_replies =
		chain.index.home_feed(b2.hash, &who(9), None, 10, true, ModerationView::Flag, NOW).unwrap();
	assert_eq!(ids(&with_replies), vec![6, 5, 4, 2, 1]);
}

#[test]
fn home_feed_pages_have_no_duplicates_or_gaps() {
	let chain = Chain::new();
	let mut changes: Vec<Change> = (1..=4).map(|a| follow(9, a)).collect();
	changes.extend((1..=12).map(|id| root(id, (id % 4 + 1) as u8, "post")));
	let b1 = chain.child(chain.genesis, 1, &changes);
	chain.index.finalize(b1.hash).unwrap();
	let chain = chain.reopen();
	let b2 = chain.child(b1, 1, &[root(13, 1, "new"), root(14, 3, "newer")]);

	let mut seen = Vec::new();
	let mut cursor = None;
	let mut pages = 0;
	loop {
		let page = home(&chain, &b2, 9, cursor.as_deref(), 4);
		assert!(page.items.len() <= 4);
		seen.extend(ids(&page));
		pages += 1;
		cursor = page.next_cursor;
		if cursor.is_none() {
			break;
		}
	}
	assert_eq!(seen, (1..=14).rev().collect::<Vec<_>>());
	assert_eq!(pages, 4);
}

#[test]
fn home_feed_leaves_out_accounts_blocked_either_way() {
	let chain = Chain::new();
	let b1 = chain.child(
		chain.genesis,
		1,
		&[
			SocialChange::Blocked { blocker: who(2), blocked: who(9) },
			follow(9, 1),
			follow(9, 2),
			follow(9, 3),
			follow(1, 9),
			root(1, 1, "a"),
			root(2, 2, "b"),
			root(3, 3, "c"),
			SocialChange::Blocked { blocker: who(9), blocked: who(1) },
		],
	);
	assert_eq!(ids(&home(&chain, &b1, 9, None, 10)), vec![3]);
	let index = &chain.index;
	let following = index.following(b1.hash, &who(9), None, 10).unwrap().items;
	assert_eq!(following, vec![who(1), who(2), who(3)]);
	let followers = index.followers(b1.hash, &who(9), None, 10).unwrap().items;
	assert_eq!(followers, vec![], "blocking ends the blocked account's follow of the blocker");
}

#[test]
fn home_feed_flags_or_filters_hidden_posts_and_suspended_authors() {
	let chain = Chain::new();
	let b1 = chain.child(
		chain.genesis,
		1,
		&[
			follow(9, 1),
			follow(9, 2),
			root(1, 1, "fine"),
			root(2, 1, "hidden"),
			root(3, 2, "by a suspended author"),
			SocialChange::Enforcement {
				target: IndexedTarget::Post(2),
				hidden: true,
				suspended_until: None,
			},
			SocialChange::Enforcement {
				target: IndexedTarget::Account(who(2)),
				hidden: false,
				suspended_until: Some(NOW + 10),
			},
		],
	);

	let flagged = home(&chain, &b1, 9, None, 10);
	let flags: Vec<_> =
		flagged.items.iter().map(|i| (i.post.id, i.post.hidden, i.author_suspended)).collect();
	assert_eq!(flags, vec![(3, false, true), (2, true, false), (1, false, false)]);

	let index = &chain.index;
	let filtered =
		index.home_feed(b1.hash, &who(9), None, 10, false, ModerationView::Filter, NOW).unwrap();
	assert_eq!(ids(&filtered), vec![1]);
	let later = index
		.home_feed(b1.hash, &who(9), None, 10, false, ModerationView::Filter, NOW + 10)
		.unwrap();
	assert_eq!(ids(&later), vec![3, 1], "the suspension has ended");
}

#[test]
fn hashtags_are_case_folded_deduplicated_and_reindexed_on_edit() {
	let chain = Chain::new();
	let b1 = chain.child(
		chain.genesis,
		1,
		&[
			root(1, 1, "#Rust and #rust, not a#b"),
			root(2, 2, "#RUST_lang #kith"),
			SocialChange::PostCreated {
				post_id: 3,
				author: who(3),
				kind: PostKind::Root,
				content: IndexedContent::Media {
					cid: b"bafy".to_vec(),
					caption: b"#Kith pic".to_vec(),
				},
			},
		],
	);
	chain.index.finalize(b1.hash).unwrap();
	let tag =
		|at: &BlockRef, tag: &str| ids(&chain.index.tag_feed(at.hash, tag, None, 10, NOW).unwrap());
	assert_eq!(tag(&b1, "rust"), vec![1]);
	assert_eq!(tag(&b1, "#RUST"), vec![1]);
	assert_eq!(tag(&b1, "rust_lang"), vec![2]);
	assert_eq!(tag(&b1, "kith"), vec![3, 2]);
	assert_eq!(tag(&b1, "b"), Vec::<PostId>::new());

	let b2 = chain.child(
		b1,
		1,
		&[
			SocialChange::PostEdited { post_id: 1, content: text("now #Kith only") },
			SocialChange::PostDeleted { post_id: 3 },
		],
	);
	assert_eq!(tag(&b2, "rust"), Vec::<PostId>::new());
	assert_eq!(tag(&b2, "kith"), vec![2, 1]);
	assert_eq!(tag(&b1, "rust"), vec![1], "the finalized state is unchanged");
	assert!(chain.index.post(b2.hash, 1, NOW).unwrap().unwrap().post.edited);
}

#[test]
fn replies_quotes_and_mentions_notify_others_but_not_yourself() {
	let chain = Chain::new();
	let b1 = chain.child(
		chain.genesis,
		7,
		&[
			profile(1, "alice", "Alice"),
			profile(2, "bob", "Bob"),
			root(1, 1, "hello @Bob and @alice and @nobody"),
			reply(2, 2, 1, 1, "hi @ALICE"),
			reply(3, 1, 2, 1, "self thread"),
			reply(4, 1, 1, 1, "replying to myself"),
			SocialChange::PostCreated {
				post_id: 5,
				author: who(2),
				kind: PostKind::Quote { of: 1 },
				content: text("look"),
			},
		],
	);

	let bob = who(2);
	assert_eq!(
		notification_kinds(&chain, &b1, 1),
		vec![
			NotificationKind::Quoted { post_id: 5, by: bob.clone() },
			NotificationKind::Mentioned { post_id: 2, by: bob.clone() },
			NotificationKind::Replied { post_id: 2, by: bob },
		]
	);
	assert_eq!(
		notification_kinds(&chain, &b1, 2),
		vec![
			NotificationKind::Replied { post_id: 3, by: who(1) },
			NotificationKind::Mentioned { post_id: 1, by: who(1) },
		]
	);
	let notes = chain.index.notifications(b1.hash, &who(1), None, 10).unwrap().items;
	assert_eq!(
		notes.iter().map(|n| (n.seq, n.block)).collect::<Vec<_>>(),
		[(3, 1), (2, 1), (1, 1)]
	);
}

#[test]
fn unread_count_counts_notifications_after_mark_read() {
	let chain = Chain::new();
	let b1 = chain.child(chain.genesis, 1, &[follow(2, 1), follow(3, 1), follow(4, 1)]);
	assert_eq!(chain.index.unread_count(b1.hash, &who(1)).unwrap(), 3);

	chain.index.mark_read(&who(1), 2).unwrap();
	assert_eq!(chain.index.unread_count(b1.hash, &who(1)).unwrap(), 1);
	chain.index.mark_read(&who(1), 1).unwrap();
	assert_eq!(chain.index.unread_count(b1.hash, &who(1)).unwrap(), 1, "marks never move back");
	let b2 = chain.child(b1, 1, &[follow(5, 1)]);
	assert_eq!(chain.index.unread_count(b2.hash, &who(1)).unwrap(), 2);
}

#[test]
fn handle_prefix_search_lists_matching_handles_in_order() {
	let chain = Chain::new();
	let b1 = chain.child(
		chain.genesis,
		1,
		&[profile(1, "alice", "Alice"), profile(2, "albert", "Al"), profile(3, "bob", "Bob")],
	);
	chain.index.finalize(b1.hash).unwrap();
	let b2 = chain.child(
		b1,
		1,
		&[profile(4, "alfred", "Alf"), profile(2, "bert", "Al"), profile(5, "alan", "Alan")],
	);

	let found = chain.index.search_handles(b2.hash, "AL", 10).unwrap();
	let handles: Vec<_> =
		found.iter().map(|m| (m.handle.as_str(), m.display_name.as_str())).collect();
	assert_eq!(handles, vec![("alan", "Alan"), ("alfred", "Alf"), ("alice", "Alice")]);
	assert_eq!(found[0].account, who(5));
	assert_eq!(chain.index.search_handles(b2.hash, "al", 2).unwrap().len(), 2);
	let bert = chain.index.profile_by_handle(b2.hash, "@Bert", NOW).unwrap().unwrap();
	assert_eq!((bert.account, bert.handle.as_deref()), (who(2), Some("bert")));
	assert_eq!(chain.index.profile_by_handle(b2.hash, "albert", NOW).unwrap(), None);
}

#[test]
fn graph_moved_rekeys_follows_and_blocks_both_ways() {
	let chain = Chain::new();
	let b1 = chain.child(
		chain.genesis,
		1,
		&[
			follow(1, 2),
			follow(3, 1),
			SocialChange::Blocked { blocker: who(1), blocked: who(4) },
			SocialChange::Blocked { blocker: who(5), blocked: who(1) },
		],
	);
	chain.index.finalize(b1.hash).unwrap();
	let b2 = chain.child(b1, 1, &[SocialChange::GraphMoved { from: who(1), to: who(6) }]);

	let index = &chain.index;
	assert_eq!(index.following(b2.hash, &who(6), None, 10).unwrap().items, vec![who(2)]);
	assert_eq!(index.followers(b2.hash, &who(6), None, 10).unwrap().items, vec![who(3)]);
	assert_eq!(index.followers(b2.hash, &who(2), None, 10).unwrap().items, vec![who(6)]);
	assert_eq!(index.following(b2.hash, &who(1), None, 10).unwrap().items, vec![]);
	assert_eq!(index.followers(b2.hash, &who(1), None, 10).unwrap().items, vec![]);
	let moved = index.profile_by_account(b2.hash, &who(6), NOW).unwrap().unwrap();
	assert_eq!((moved.followers, moved.following), (1, 1));
	let old = index.profile_by_account(b2.hash, &who(1), NOW).unwrap().unwrap();
	assert_eq!((old.followers, old.following), (0, 0));

	let b3 = chain.child(
		b2,
		1,
		&[root(1, 4, "blocked by 6"), root(2, 5, "blocks 6"), follow(6, 4), follow(6, 5)],
	);
	assert_eq!(ids(&home(&chain, &b3, 6, None, 10)), Vec::<PostId>::new());
}

#[test]
fn follow_pages_resume_after_the_cursor() {
	let chain = Chain::new();
	let b1 = chain.child(chain.genesis, 1, &[follow(1, 2), follow(1, 3)]);
	chain.index.finalize(b1.hash).unwrap();
	let b2 = chain.child(
		b1,
		1,
		&[follow(1, 4), SocialChange::Unfollowed { follower: who(1), followee: who(2) }],
	);

	let first = chain.index.following(b2.hash, &who(1), None, 1).unwrap();
	assert_eq!(first.items, vec![who(3)]);
	let second = chain.index.following(b2.hash, &who(1), first.next_cursor.as_deref(), 1).unwrap();
	assert_eq!((second.items, second.next_cursor), (vec![who(4)], None));
	let at_b1 = chain.index.following(b1.hash, &who(1), None, 10).unwrap();
	assert_eq!(at_b1.items, vec![who(2), who(3)]);
}

#[test]
fn thread_lists_the_root_then_replies_and_deletes_mirror_the_runtime_counters() {
	let chain = Chain::new();
	let b1 = chain.child(
		chain.genesis,
		1,
		&[
			root(1, 1, "root"),
			reply(2, 2, 1, 1, "first"),
			reply(3, 3, 2, 1, "nested"),
			reply(4, 2, 1, 1, "second"),
			SocialChange::PostCreated {
				post_id: 5,
				author: who(3),
				kind: PostKind::Repost { of: 1 },
				content: IndexedContent::None,
			},
		],
	);
	chain.index.finalize(b1.hash).unwrap();
	let b2 = chain.child(
		b1,
		1,
		&[SocialChange::PostDeleted { post_id: 4 }, SocialChange::PostDeleted { post_id: 5 }],
	);

	let first = chain.index.thread(b2.hash, 1, None, 2, NOW).unwrap();
	assert_eq!(ids(&first), vec![1, 2]);
	let rest = chain.index.thread(b2.hash, 1, first.next_cursor.as_deref(), 10, NOW).unwrap();
	assert_eq!((ids(&rest), rest.next_cursor), (vec![3, 4], None));
	assert_eq!(ids(&chain.index.replies(b2.hash, 1, None, 10, NOW).unwrap()), vec![2, 4]);

	let root_at = |at: &BlockRef| chain.index.post(at.hash, 1, NOW).unwrap().unwrap().post;
	assert_eq!((root_at(&b1).replies, root_at(&b1).reposts), (2, 1));
	assert_eq!((root_at(&b2).replies, root_at(&b2).reposts), (1, 0));
	assert_eq!(author_feed(&chain, &b2, 3, true), vec![3]);
}

/// A cursor's item is found by a seek, which includes it in both directions: newest-first pages
/// whose cursor points into the store must start after it, as oldest-first ones do above.
#[test]
fn newest_first_pages_resume_after_a_cursor_in_the_store() {
	let chain = Chain::new();
	let b1 = chain.child(
		chain.genesis,
		1,
		&[root(1, 1, "#kith a"), root(2, 1, "#kith b"), follow(2, 1), follow(3, 1)],
	);
	chain.index.finalize(b1.hash).unwrap();
	let b2 = chain.child(b1, 1, &[root(3, 1, "#kith c"), follow(4, 1)]);

	let index = &chain.index;
	let first = index.author_feed(b2.hash, &who(1), None, 2, false, NOW).unwrap();
	assert_eq!(ids(&first), vec![3, 2]);
	let cursor = first.next_cursor.as_deref();
	let rest = index.author_feed(b2.hash, &who(1), cursor, 2, false, NOW).unwrap();
	assert_eq!((ids(&rest), rest.next_cursor), (vec![1], None));

	let first = index.tag_feed(b2.hash, "kith", None, 2, NOW).unwrap();
	assert_eq!(ids(&first), vec![3, 2]);
	let rest = index.tag_feed(b2.hash, "kith", first.next_cursor.as_deref(), 2, NOW).unwrap();
	assert_eq!((ids(&rest), rest.next_cursor), (vec![1], None));

	let seqs = |page: &Page<Notification>| page.items.iter().map(|n| n.seq).collect::<Vec<_>>();
	let first = index.notifications(b2.hash, &who(1), None, 2).unwrap();
	assert_eq!(seqs(&first), vec![3, 2]);
	let rest = index.notifications(b2.hash, &who(1), first.next_cursor.as_deref(), 2).unwrap();
	assert_eq!((seqs(&rest), rest.next_cursor), (vec![1], None));
}

#[test]
fn reactions_and_tips_count_on_the_post() {
	let chain = Chain::new();
	let b1 = chain.child(
		chain.genesis,
		1,
		&[
			root(1, 1, "react"),
			SocialChange::Reacted { post_id: 1, who: who(2), reaction: 0, previous: None },
			SocialChange::Reacted { post_id: 1, who: who(3), reaction: 0, previous: None },
			SocialChange::Reacted { post_id: 1, who: who(2), reaction: 1, previous: Some(0) },
			SocialChange::Tipped {
				from: who(2),
				to: who(1),
				post_id: Some(1),
				amount: 5,
				memo: Some(b"thanks".to_vec()),
			},
		],
	);
	chain.index.finalize(b1.hash).unwrap();
	let b2 =
		chain.child(b1, 1, &[SocialChange::Unreacted { post_id: 1, who: who(3), reaction: 0 }]);

	let post = |at: &BlockRef| chain.index.post(at.hash, 1, NOW).unwrap().unwrap().post;
	assert_eq!(post(&b1).reactions, [1, 1, 0, 0, 0, 0]);
	assert_eq!(post(&b2).reactions, [0, 1, 0, 0, 0, 0]);
	assert_eq!((post(&b2).tips, post(&b2).tipped), (1, 5));
	assert_eq!(
		notification_kinds(&chain, &b2, 1)[0],
		NotificationKind::Tipped {
			post_id: Some(1),
			by: who(2),
			amount: 5,
			memo: Some("thanks".into())
		}
	);
}

#[test]
fn malformed_cursors_are_rejected() {
	let chain = Chain::new();
	let at = chain.genesis.hash;
	let index = &chain.index;
	for cursor in ["zz", "0011", "", "000000000000000000"] {
		let result = index.author_feed(at, &who(1), Some(cursor), 10, false, NOW);
		assert!(matches!(result, Err(Error::BadCursor)), "{cursor:?} is accepted");
	}
	assert!(matches!(index.followers(at, &who(1), Some("0102"), 10), Err(Error::BadCursor)));
	let home = index.home_feed(at, &who(1), Some("x"), 10, false, ModerationView::Flag, NOW);
	assert!(matches!(home, Err(Error::BadCursor)));
}

#[test]
fn views_serialize_in_camel_case_with_balances_as_strings() {
	let chain = Chain::new();
	let b1 = chain.child(
		chain.genesis,
		1,
		&[
			root(1, 1, "x"),
			SocialChange::Tipped {
				from: who(2),
				to: who(1),
				post_id: Some(1),
				amount: u128::MAX,
				memo: None,
			},
		],
	);
	let post = chain.index.post(b1.hash, 1, NOW).unwrap().unwrap();
	let json = serde_json::to_value(&post).unwrap();
	assert_eq!(json["tipped"], serde_json::json!(u128::MAX.to_string()));
	assert_eq!(json["authorSuspended"], serde_json::json!(false));
	assert_eq!(json["kind"], serde_json::json!({ "type": "root" }));
	assert_eq!(json["content"], serde_json::json!({ "type": "text", "text": "x" }));
}
