//! The `social_*` methods called through an `RpcModule`, on an index filled through `Index::import`.

use std::{
	collections::HashMap,
	sync::{Arc, LazyLock},
	time::Duration,
};

use jsonrpsee::RpcModule;
use kith_primitives::{
	index::{IndexedContent, IndexedProfile, SocialChange},
	PostId, PostKind,
};
use kith_social_rpc_api::SocialApiServer;
use serde_json::{json, Value};
use sp_core::{
	crypto::{AccountId32, Ss58AddressFormat, Ss58Codec},
	sr25519, Pair,
};
use tempfile::TempDir;

use super::{mark_read_payload, SocialRpc};
use crate::{BlockRef, Change, Hash, Index, SharedIndex};

const INVALID_PARAMS: i64 = -32602;

/// The development keys the tests use, derived once: a derivation takes a while in a debug build.
static PAIRS: LazyLock<HashMap<&str, sr25519::Pair>> = LazyLock::new(|| {
	["Alice", "Bob", "Charlie", "Eve"]
		.into_iter()
		.map(|name| (name, sr25519::Pair::from_string(&format!("//{name}"), None).unwrap()))
		.collect()
});

fn pair(name: &str) -> sr25519::Pair {
	PAIRS[name].clone()
}

fn account(name: &str) -> AccountId32 {
	pair(name).public().into()
}

/// The account as Kith wallets show it: SS58 with Kith's prefix.
fn kith_address(name: &str) -> String {
	account(name).to_ss58check_with_version(Ss58AddressFormat::custom(4242))
}

/// The account as the RPC returns it (SS58 in the process's default format).
fn returned(name: &str) -> Value {
	json!(account(name).to_ss58check())
}

fn text(s: &str) -> IndexedContent {
	IndexedContent::Text(s.as_bytes().to_vec())
}

fn profile(name: &str, handle: &str, display: &str) -> Change {
	SocialChange::Profile {
		who: account(name),
		profile: Some(IndexedProfile {
			handle: Some(handle.as_bytes().to_vec()),
			display_name: display.as_bytes().to_vec(),
			..Default::default()
		}),
	}
}

fn follow(follower: &str, followee: &str) -> Change {
	SocialChange::Followed { follower: account(follower), followee: account(followee) }
}

fn post(id: PostId, author: &str, kind: PostKind, body: &str) -> Change {
	SocialChange::PostCreated { post_id: id, author: account(author), kind, content: text(body) }
}

fn root(id: PostId, author: &str, body: &str) -> Change {
	post(id, author, PostKind::Root, body)
}

fn reply(id: PostId, author: &str, parent: PostId, body: &str) -> Change {
	post(id, author, PostKind::Reply { parent, root: parent }, body)
}

fn block_hash(fork: u8, number: u32) -> Hash {
	let mut hash = [fork; 32];
	hash[..4].copy_from_slice(&number.to_be_bytes());
	hash
}

fn hex_hash(hash: Hash) -> Value {
	json!(format!("0x{}", hex::encode(hash)))
}

/// An index behind a `SocialRpc`: block 1 (finalized) has profiles, follows, posts, replies and a tip;
/// block 2 (the best block) one more post.
///
/// Alice follows Bob and Carol. Posts: 1 Bob "hello #kith @alice", 2 Carol, 3 Alice's reply to 1,
/// 4 Carol's reply to 1, 5 Bob (block 2). Bob's notifications: Alice followed (1), Alice replied (2),
/// Carol replied (3), Alice tipped (4).
struct Fixture {
	shared: Arc<SharedIndex>,
	module: RpcModule<SocialRpc>,
	b1: BlockRef,
	b2: BlockRef,
	_dir: TempDir,
}

impl Fixture {
	fn new() -> Fixture {
		let dir = tempfile::tempdir().unwrap();
		let index = Index::open(dir.path()).unwrap();
		let genesis = BlockRef { hash: block_hash(0, 0), parent: [0; 32], number: 0 };
		index.import(genesis, &[]).unwrap();
		index.finalize(genesis.hash).unwrap();
		let shared = Arc::new(SharedIndex::new(index));
		let module = SocialRpc::new(shared.clone()).into_rpc();
		let mut fixture = Fixture { shared, module, b1: genesis, b2: genesis, _dir: dir };
		fixture.b1 = fixture.child(
			genesis,
			1,
			&[
				profile("Alice", "alice", "Alice"),
				profile("Bob", "bob", "Bob"),
				profile("Charlie", "carol", "Carol"),
				follow("Alice", "Bob"),
				follow("Alice", "Charlie"),
				root(1, "Bob", "hello #kith @alice"),
				root(2, "Charlie", "second"),
				reply(3, "Alice", 1, "hi bob"),
				reply(4, "Charlie", 1, "me too"),
				SocialChange::Tipped {
					from: account("Alice"),
					to: account("Bob"),
					post_id: Some(1),
					amount: 5,
					memo: None,
				},
			],
		);
		fixture.shared.index().finalize(fixture.b1.hash).unwrap();
		fixture.b2 = fixture.child(fixture.b1, 1, &[root(5, "Bob", "later #Kith")]);
		fixture
	}

	/// Imports a child of `parent` on fork `fork` and makes it the best block.
	fn child(&self, parent: BlockRef, fork: u8, changes: &[Change]) -> BlockRef {
		let block = self.import(parent, fork, changes);
		self.shared.set_best(block, Vec::new());
		block
	}

	/// Imports a child of `parent` on fork `fork`.
	fn import(&self, parent: BlockRef, fork: u8, changes: &[Change]) -> BlockRef {
		let number = parent.number + 1;
		let block = BlockRef { hash: block_hash(fork, number), parent: parent.hash, number };
		self.shared.index().import(block, changes).unwrap();
		block
	}

	/// Calls `method`: its result, or its error's code and message.
	async fn call(&self, method: &str, params: Value) -> Result<Value, (i64, String)> {
		let request = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
		let (response, _) = self.module.raw_json_request(&request.to_string(), 1).await.unwrap();
		let response: Value = serde_json::from_str(&response).unwrap();
		match response.get("error") {
			Some(error) => Err((
				error["code"].as_i64().unwrap(),
				error["message"].as_str().unwrap().to_string(),
			)),
			None => Ok(response["result"].clone()),
		}
	}

	/// Calls `method`, which must succeed.
	async fn ok(&self, method: &str, params: Value) -> Value {
		self.call(method, params).await.unwrap_or_else(|e| panic!("{method} failed: {e:?}"))
	}

	/// Calls `method`, which must fail with "invalid params"; returns the message.
	async fn invalid(&self, method: &str, params: Value) -> String {
		match self.call(method, params.clone()).await {
			Err((INVALID_PARAMS, message)) => message,
			other => panic!("{method}({params}) gave {other:?}, not invalid params"),
		}
	}
}

fn ids(result: &Value) -> Vec<u64> {
	result["items"].as_array().unwrap().iter().map(|item| item["id"].as_u64().unwrap()).collect()
}

fn seqs(result: &Value) -> Vec<u64> {
	result["items"].as_array().unwrap().iter().map(|item| item["seq"].as_u64().unwrap()).collect()
}

#[tokio::test]
async fn home_feed_lists_followed_posts_newest_first_and_says_where_it_was_read() {
	let f = Fixture::new();
	let feed = f.ok("social_homeFeed", json!([kith_address("Alice"), null, 10])).await;
	assert_eq!(ids(&feed), vec![5, 2, 1]);
	assert_eq!(feed["at"], json!({ "hash": hex_hash(f.b2.hash), "number": 2, "finalized": false }));
	assert_eq!(feed["nextCursor"], Value::Null);
	let first = &feed["items"][0];
	assert_eq!(first["author"], returned("Bob"));
	assert_eq!(first["authorHandle"], json!("bob"));
	assert_eq!(first["content"], json!({ "type": "text", "text": "later #Kith" }));

	let page = f.ok("social_homeFeed", json!([kith_address("Alice"), null, 2])).await;
	assert_eq!(ids(&page), vec![5, 2]);
	let cursor = page["nextCursor"].clone();
	let rest = f.ok("social_homeFeed", json!([kith_address("Alice"), cursor, 2])).await;
	assert_eq!((ids(&rest), &rest["nextCursor"]), (vec![1], &Value::Null));

	let options = json!({ "includeReplies": true, "moderation": "filter" });
	let replies = f.ok("social_homeFeed", json!([kith_address("Alice"), null, 10, options])).await;
	assert_eq!(ids(&replies), vec![5, 4, 2, 1]);
}

#[tokio::test]
async fn reads_at_a_finalized_best_block_say_it_is_finalized() {
	let f = Fixture::new();
	f.shared.index().finalize(f.b2.hash).unwrap();
	let feed = f.ok("social_homeFeed", json!([kith_address("Alice"), null, 10])).await;
	assert_eq!(feed["at"]["finalized"], json!(true));
}

#[tokio::test]
async fn author_feed_lists_replies_only_when_asked() {
	let f = Fixture::new();
	let carol = kith_address("Charlie");
	assert_eq!(ids(&f.ok("social_authorFeed", json!([carol, null, 10])).await), vec![2]);
	let with_replies = f.ok("social_authorFeed", json!([carol, null, 10, true])).await;
	assert_eq!(ids(&with_replies), vec![4, 2]);
}

#[tokio::test]
async fn thread_lists_the_root_then_its_replies() {
	let f = Fixture::new();
	let thread = f.ok("social_thread", json!([1, null, 10])).await;
	assert_eq!(ids(&thread), vec![1, 3, 4]);
	let message = f.invalid("social_thread", json!([99, null, 10])).await;
	assert_eq!(message, "post 99 is not known to the social index");
}

#[tokio::test]
async fn post_returns_the_post_with_its_counters() {
	let f = Fixture::new();
	let result = f.ok("social_post", json!([1])).await;
	let post = &result["post"];
	assert_eq!((post["id"].clone(), post["replies"].clone()), (json!(1), json!(2)));
	assert_eq!((post["tips"].clone(), post["tipped"].clone()), (json!(1), json!("5")));
	assert_eq!(result["at"]["number"], json!(2));
	let message = f.invalid("social_post", json!([42])).await;
	assert_eq!(message, "post 42 is not known to the social index");
}

#[tokio::test]
async fn profile_is_found_by_address_hex_handle_and_at_handle() {
	let f = Fixture::new();
	let hex_id = format!("0x{}", hex::encode(account("Bob")));
	let generic = account("Bob").to_ss58check_with_version(Ss58AddressFormat::custom(42));
	for key in [kith_address("Bob"), generic, hex_id, "@Bob".into(), "bob".into()] {
		let result = f.ok("social_profile", json!([key])).await;
		let profile = &result["profile"];
		assert_eq!(profile["account"], returned("Bob"), "{key}");
		assert_eq!(profile["handle"], json!("bob"));
		assert_eq!(profile["displayName"], json!("Bob"));
		assert_eq!(profile["followers"], json!(1));
	}
	let message = f.invalid("social_profile", json!(["@nobody"])).await;
	assert_eq!(message, "handle @nobody is not known to the social index");
	let message = f.invalid("social_profile", json!([kith_address("Eve")])).await;
	assert!(message.contains("is not known to the social index"), "{message}");
	let message = f.invalid("social_profile", json!(["not a handle!"])).await;
	assert!(message.starts_with("invalid account or handle `not a handle!`"), "{message}");
}

#[tokio::test]
async fn search_handles_and_tag_feed_find_by_prefix_and_tag() {
	let f = Fixture::new();
	let found = f.ok("social_searchHandles", json!(["@A", 10])).await;
	assert_eq!(
		found["items"],
		json!([{ "handle": "alice", "account": returned("Alice"), "displayName": "Alice" }])
	);
	let all = f.ok("social_searchHandles", json!(["b", 10])).await;
	assert_eq!(all["items"][0]["handle"], json!("bob"));
	assert_eq!(ids(&f.ok("social_tagFeed", json!(["#KITH", null, 10])).await), vec![5, 1]);
	assert_eq!(ids(&f.ok("social_tagFeed", json!(["kith", null, 1])).await), vec![5]);
}

#[tokio::test]
async fn followers_and_following_page_the_graph() {
	let f = Fixture::new();
	let following = f.ok("social_following", json!([kith_address("Alice"), null, 10])).await;
	let mut expected = vec![returned("Bob"), returned("Charlie")];
	expected.sort_by_key(|a| {
		let address = a.as_str().unwrap();
		AccountId32::from_ss58check(address).unwrap()
	});
	assert_eq!(following["items"], json!(expected));
	let followers = f.ok("social_followers", json!([kith_address("Bob"), null, 10])).await;
	assert_eq!(followers["items"], json!([returned("Alice")]));
}

#[tokio::test]
async fn notifications_unread_count_and_mark_read_with_the_accounts_signature() {
	let f = Fixture::new();
	let bob = kith_address("Bob");
	let notes = f.ok("social_notifications", json!([bob, null, 10])).await;
	assert_eq!(seqs(&notes), vec![4, 3, 2, 1]);
	assert_eq!(notes["items"][3]["kind"], json!({ "type": "followed", "by": returned("Alice") }));
	assert_eq!(
		notes["items"][0]["kind"],
		json!({ "type": "tipped", "postId": 1, "by": returned("Alice"), "amount": "5", "memo": null })
	);
	assert_eq!(f.ok("social_unreadCount", json!([bob])).await["count"], json!(4));

	let signature = pair("Bob").sign(&mark_read_payload(&account("Bob"), 3));
	let signature = format!("0x{}", hex::encode(signature.0));
	let marked = f.ok("social_markRead", json!([bob, 3, signature])).await;
	assert_eq!(marked["count"], json!(1));
	assert_eq!(f.ok("social_unreadCount", json!([bob])).await["count"], json!(1));

	// As a browser extension signs raw bytes: wrapped in <Bytes>.
	let wrapped = [&b"<Bytes>"[..], &mark_read_payload(&account("Bob"), 4), b"</Bytes>"].concat();
	let signature = format!("0x{}", hex::encode(pair("Bob").sign(&wrapped).0));
	assert_eq!(f.ok("social_markRead", json!([bob, 4, signature])).await["count"], json!(0));
}

#[tokio::test]
async fn mark_read_refuses_other_signers_and_seqs_beyond_the_latest() {
	let f = Fixture::new();
	let bob = kith_address("Bob");
	let by_alice = pair("Alice").sign(&mark_read_payload(&account("Bob"), 3));
	let message = f
		.invalid("social_markRead", json!([bob, 3, format!("0x{}", hex::encode(by_alice.0))]))
		.await;
	assert!(
		message.starts_with("invalid signature: not the account's sr25519 signature"),
		"{message}"
	);
	let message = f.invalid("social_markRead", json!([bob, 3, "0x1234"])).await;
	assert_eq!(message, "invalid signature: not 64 bytes of 0x-hex");
	let other_seq = pair("Bob").sign(&mark_read_payload(&account("Bob"), 2));
	let message = f
		.invalid("social_markRead", json!([bob, 3, format!("0x{}", hex::encode(other_seq.0))]))
		.await;
	assert!(message.starts_with("invalid signature"), "{message}");

	let beyond = pair("Bob").sign(&mark_read_payload(&account("Bob"), 9));
	let message =
		f.invalid("social_markRead", json!([bob, 9, format!("0x{}", hex::encode(beyond.0))])).await;
	assert_eq!(message, "seq 9 is beyond the account's latest notification (4)");
	assert_eq!(f.ok("social_unreadCount", json!([bob])).await["count"], json!(4));
}

#[test]
fn the_mark_read_payload_is_the_context_the_account_and_the_seq_little_endian() {
	let payload = mark_read_payload(&account("Bob"), 0x0102);
	assert_eq!(payload.len(), 54);
	assert_eq!(&payload[..14], b"kith/mark-read");
	assert_eq!(&payload[14..46], AsRef::<[u8]>::as_ref(&account("Bob")));
	assert_eq!(&payload[46..], &[2, 1, 0, 0, 0, 0, 0, 0]);
}

#[tokio::test]
async fn bad_inputs_are_invalid_params_with_a_message_that_names_them() {
	let f = Fixture::new();
	let alice = kith_address("Alice");
	let polkadot = account("Alice").to_ss58check_with_version(Ss58AddressFormat::custom(0));
	let not_account = |input: &str| {
		format!("invalid account `{input}`: not an SS58 address or 0x-hex account id")
	};
	let unknown = format!(
		"account {} is not known to the social index (it has no profile, handle, post, follow or \
		 notification)",
		kith_address("Eve")
	);
	let cases = [
		("social_homeFeed", json!(["nobody", null, 10]), not_account("nobody")),
		("social_homeFeed", json!([polkadot, null, 10]), not_account(&polkadot)),
		("social_homeFeed", json!(["0x1234", null, 10]), not_account("0x1234")),
		("social_homeFeed", json!([kith_address("Eve"), null, 10]), unknown.clone()),
		("social_homeFeed", json!([alice, null, 0]), "limit must be 1 to 100, not 0".into()),
		("social_homeFeed", json!([alice, null, 101]), "limit must be 1 to 100, not 101".into()),
		(
			"social_homeFeed",
			json!([alice, "zz", 10]),
			"malformed cursor `zz`: pass back the `nextCursor` of a page of the same list".into(),
		),
		("social_authorFeed", json!([kith_address("Eve"), null, 10]), unknown.clone()),
		("social_notifications", json!([kith_address("Eve"), null, 10]), unknown.clone()),
		("social_unreadCount", json!([kith_address("Eve")]), unknown.clone()),
		("social_followers", json!(["x", null, 10]), not_account("x")),
		("social_following", json!([alice, "0102", 10]), "malformed cursor `0102`: pass back the `nextCursor` of a page of the same list".into()),
		(
			"social_tagFeed",
			json!(["", null, 10]),
			"invalid tag ``: a tag is 1 to 64 ASCII letters, digits or `_`, with or without `#`"
				.into(),
		),
		(
			"social_tagFeed",
			json!(["#café", null, 10]),
			"invalid tag `#café`: a tag is 1 to 64 ASCII letters, digits or `_`, with or without `#`"
				.into(),
		),
		(
			"social_searchHandles",
			json!(["@", 10]),
			"invalid handle prefix `@`: give one or more ASCII letters, digits or `_`, with or \
			 without `@`"
				.into(),
		),
		("social_searchHandles", json!(["a", 500]), "limit must be 1 to 100, not 500".into()),
	];
	for (method, params, expected) in cases {
		assert_eq!(f.invalid(method, params.clone()).await, expected, "{method}({params})");
	}
	// What the parameters' types rule out is invalid params too, from jsonrpsee.
	let message =
		f.invalid("social_homeFeed", json!([alice, null, 10, { "moderation": "hide" }])).await;
	assert!(message.contains("Invalid params"), "{message}");
	f.invalid("social_homeFeed", json!([alice, null, -1])).await;
}

#[tokio::test]
async fn reads_before_the_first_block_fail_until_the_index_has_one() {
	let dir = tempfile::tempdir().unwrap();
	let shared = Arc::new(SharedIndex::new(Index::open(dir.path()).unwrap()));
	let module = SocialRpc::new(shared).into_rpc();
	let request = json!({ "jsonrpc": "2.0", "id": 1, "method": "social_post", "params": [1] });
	let (response, _) = module.raw_json_request(&request.to_string(), 1).await.unwrap();
	let response: Value = serde_json::from_str(&response).unwrap();
	assert_eq!(
		response["error"]["message"],
		json!("the social index has not imported a block yet")
	);
}

/// The next message of `subscription`, within a deadline.
async fn next(subscription: &mut jsonrpsee::core::server::Subscription) -> Value {
	let next = tokio::time::timeout(Duration::from_secs(10), subscription.next::<Value>());
	next.await.expect("a message in time").expect("the subscription is open").unwrap().0
}

#[tokio::test]
async fn home_feed_subscription_pushes_new_posts_and_retracts_posts_a_reorg_took_back() {
	let f = Fixture::new();
	let mut subscription = f
		.module
		.subscribe_unbounded("social_subscribeHomeFeed", vec![json!(kith_address("Alice"))])
		.await
		.unwrap();

	// A block without anything for Alice pushes nothing; the next one pushes Bob's post.
	let b3 = f.child(f.b2, 1, &[root(6, "Eve", "not followed")]);
	let b4 = f.child(b3, 1, &[root(7, "Bob", "new"), reply(8, "Bob", 1, "a reply")]);
	let update = next(&mut subscription).await;
	assert_eq!(ids(&update), vec![7]);
	assert_eq!(update["at"]["number"], json!(4));
	assert_eq!(update.get("retracted"), None);

	// A reorg from block 3 on: post 7 is gone, and on the new branch post 7 is Charlie's.
	let c4 = f.import(b3, 2, &[root(7, "Charlie", "on the other branch")]);
	let c5 = f.import(c4, 2, &[]);
	f.shared.set_best(c5, vec![b4.hash]);
	let update = next(&mut subscription).await;
	assert_eq!(update["retracted"], json!([7]));
	assert_eq!(ids(&update), vec![7]);
	assert_eq!(update["items"][0]["author"], returned("Charlie"));
	assert_eq!(update["at"]["number"], json!(5));
}

#[tokio::test]
async fn notification_subscription_pushes_new_notifications() {
	let f = Fixture::new();
	let mut subscription = f
		.module
		.subscribe_unbounded("social_subscribeNotifications", vec![json!(kith_address("Bob"))])
		.await
		.unwrap();
	f.child(f.b2, 1, &[follow("Charlie", "Bob"), reply(6, "Charlie", 5, "yes")]);
	let update = next(&mut subscription).await;
	assert_eq!(seqs(&update), vec![6, 5]);
	assert_eq!(
		update["items"][1]["kind"],
		json!({ "type": "followed", "by": returned("Charlie") })
	);
}

#[tokio::test]
async fn subscribing_for_an_unknown_or_malformed_account_is_rejected() {
	let f = Fixture::new();
	let unknown = f.call("social_subscribeHomeFeed", json!([kith_address("Eve")])).await;
	assert!(matches!(unknown, Err((INVALID_PARAMS, m)) if m.contains("is not known")));
	let malformed = f.call("social_subscribeNotifications", json!(["nope"])).await;
	assert!(
		matches!(malformed, Err((INVALID_PARAMS, m)) if m.starts_with("invalid account `nope`"))
	);
}
