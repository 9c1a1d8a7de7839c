//! Posts on a running `--dev` node: post, reply, quote, react, edit and delete over JSON-RPC, read back
//! through `state_call` of `PostsApi` (feeds and threads are the index's: tests/tests/feed.rs).

use kith_e2e::Node;
use kith_runtime::{Runtime, RuntimeCall};
use pallet_posts::{
	Content, ContentInput, NewPostKind, PostId, PostKind, PostOf, Reaction, ReactionCounts,
};
use sp_keyring::Sr25519Keyring::{Alice, Bob};

type Post = PostOf<Runtime>;

fn call(call: pallet_posts::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Posts(call)
}

fn text(s: &str) -> Option<ContentInput> {
	Some(ContentInput::Text(s.as_bytes().to_vec()))
}

fn post(node: &Node, id: PostId) -> Option<Post> {
	node.runtime_call("PostsApi_post", id)
}

fn text_of(post: &Post) -> Vec<u8> {
	match &post.content {
		Some(Content::Text(text)) => text.to_vec(),
		other => panic!("not a text post: {other:?}"),
	}
}

#[test]
fn post_reply_quote_react_edit_and_delete_over_rpc() {
	let node = Node::dev("posts");
	node.wait_best(1);
	let (alice, bob) = (Alice.pair(), Bob.pair());

	node.submit(
		&alice,
		call(pallet_posts::Call::create_post {
			kind: NewPostKind::Root,
			content: text("hello, kith"),
		}),
	);
	let root = post(&node, 0).expect("the root post is in a block once submit returns");
	assert_eq!(root.author, Alice.to_account_id());
	assert_eq!(text_of(&root), b"hello, kith");

	node.submit_all(vec![
		(
			bob.clone(),
			call(pallet_posts::Call::create_post {
				kind: NewPostKind::Reply { parent: 0 },
				content: text("hi alice"),
			}),
		),
		(
			bob.clone(),
			call(pallet_posts::Call::create_post {
				kind: NewPostKind::Quote { of: 0 },
				content: text("worth reading"),
			}),
		),
		(
			bob.clone(),
			call(pallet_posts::Call::react { post_id: 0, reaction: Reaction::Insightful }),
		),
		(
			alice.clone(),
			call(pallet_posts::Call::edit_post {
				post_id: 0,
				content: ContentInput::Text(b"hello, kith (edited)".to_vec()),
			}),
		),
	]);

	// Each call is in a block once `submit_all` returns: the state shows all of them.
	let root = post(&node, 0).unwrap();
	assert_eq!((root.reply_count, root.quote_count, root.reactions.total()), (1, 1, 1));
	assert!(root.edited_at.is_some());
	assert_eq!(text_of(&root), b"hello, kith (edited)");
	let reactions: Option<ReactionCounts> = node.runtime_call("PostsApi_reactions", 0u64);
	assert_eq!(reactions.unwrap().insightful, 1);
	let reply = (1..3).find(|&id| {
		post(&node, id).is_some_and(|p| {
			p.author == Bob.to_account_id() && p.kind == PostKind::Reply { parent: 0, root: 0 }
		})
	});
	let reply = reply.expect("Bob's reply");

	node.submit(&bob, call(pallet_posts::Call::delete_post { post_id: reply }));
	let tombstone = post(&node, reply).unwrap();
	assert!(tombstone.deleted);
	assert!(tombstone.content.is_none());
	assert_eq!(post(&node, 0).unwrap().reply_count, 0);
}

/// A call that fails in its block fails the test at once with the pallet's error by name and its
/// documentation, and changes nothing.
#[test]
fn a_failing_call_reports_the_pallet_error_by_name() {
	let node = Node::dev("posts-error");
	node.wait_best(1);
	let too_long = "x".repeat(2_000);
	let error = node
		.try_submit(
			&Alice.pair(),
			call(pallet_posts::Call::create_post {
				kind: NewPostKind::Root,
				content: text(&too_long),
			}),
		)
		.unwrap_err();
	assert!(error.starts_with("posts.TextTooLong: "), "{error}");
	assert!(error.len() > "posts.TextTooLong: ".len(), "with its documentation: {error}");
	assert_eq!(post(&node, 0), None, "nothing was posted");
}
