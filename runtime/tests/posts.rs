//! Runtime tests of posts: the posts pallet's calls as signed extrinsics through `Executive`, with the
//! follows pallet's blocks in force, read back through the `PostsApi` implementation.

mod common;

use common::{apply, apply_ok, error_name, in_block_one};
use kith_runtime::Runtime;
use pallet_posts::{
	runtime_api::runtime_decl_for_posts_api::PostsApiV2, ContentInput, NewPostKind, PostKind,
	Reaction,
};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};

fn create(kind: NewPostKind, text: &str) -> pallet_posts::Call<Runtime> {
	let content = (!matches!(kind, NewPostKind::Repost { .. }))
		.then(|| ContentInput::Text(text.as_bytes().to_vec()));
	pallet_posts::Call::create_post { kind, content }
}

#[test]
fn a_thread_with_a_repost_a_quote_and_reactions() {
	in_block_one(|| {
		apply_ok(Alice, create(NewPostKind::Root, "gm kith"));
		apply_ok(Bob, create(NewPostKind::Reply { parent: 0 }, "gm"));
		apply_ok(Charlie, create(NewPostKind::Reply { parent: 1 }, "gm gm"));
		apply_ok(Bob, create(NewPostKind::Repost { of: 0 }, ""));
		apply_ok(Charlie, create(NewPostKind::Quote { of: 0 }, "look at this"));
		apply_ok(Bob, pallet_posts::Call::react { post_id: 0, reaction: Reaction::Love });

		let root = Runtime::post(0).unwrap();
		assert_eq!((root.reply_count, root.repost_count, root.quote_count), (1, 1, 1));
		assert_eq!(Runtime::reactions(0).unwrap().love, 1);
		assert_eq!(Runtime::post(2).unwrap().kind, PostKind::Reply { parent: 1, root: 0 });
		assert_eq!(Runtime::post(3).unwrap().kind, PostKind::Repost { of: 0 });
	});
}

#[test]
fn a_blocked_account_cannot_reply_and_typed_errors_change_nothing() {
	in_block_one(|| {
		apply_ok(Alice, create(NewPostKind::Root, "my thread"));
		apply_ok(Alice, pallet_follows::Call::block { who: Bob.to_account_id().into() });
		assert_eq!(
			error_name(apply(Bob, create(NewPostKind::Reply { parent: 0 }, "hey")).unwrap()),
			"BlockedByAuthor"
		);
		assert_eq!(
			error_name(apply(Bob, create(NewPostKind::Reply { parent: 9 }, "hey")).unwrap()),
			"PostNotFound"
		);
		let too_long = pallet_posts::Call::create_post {
			kind: NewPostKind::Root,
			content: Some(ContentInput::Text(vec![b'a'; 1_025])),
		};
		assert_eq!(error_name(apply(Bob, too_long).unwrap()), "TextTooLong");
		assert_eq!(Runtime::post(0).unwrap().reply_count, 0);
		assert!(Runtime::post(1).is_none());
	});
}
