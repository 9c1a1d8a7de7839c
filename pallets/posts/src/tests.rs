//! Tests of the posts pallet on the mock runtime.

use crate::{
	mock::*, Content, ContentInput, Error, Event, HoldReason, NewPostKind, NextPostId, PostId,
	PostKind, PostOf, Reaction,
};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use sp_runtime::traits::{BlakeTwo256, Hash};

const CID: &[u8] = b"bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";

fn text(s: &str) -> Option<ContentInput> {
	Some(ContentInput::Text(s.as_bytes().to_vec()))
}

fn post(who: u64, kind: NewPostKind, content: Option<ContentInput>) -> sp_runtime::DispatchResult {
	Posts::create_post(RuntimeOrigin::signed(who), kind, content)
}

/// Creates a post that must succeed and returns its id.
fn new_post(who: u64, kind: NewPostKind, content: Option<ContentInput>) -> PostId {
	let id = NextPostId::<Test>::get();
	assert_ok!(post(who, kind, content));
	id
}

fn held(reason: HoldReason, who: u64) -> u64 {
	Balances::balance_on_hold(&reason.into(), &who)
}

fn get(id: PostId) -> PostOf<Test> {
	Posts::post(id).expect("the post exists")
}

#[test]
fn create_root_post_stores_it_holds_a_deposit_and_emits_the_content_hash() {
	test(|| {
		let id = new_post(1, NewPostKind::Root, text("hello kith"));
		let p = get(id);
		assert_eq!(p.author, 1);
		assert_eq!(p.kind, PostKind::Root);
		assert_eq!(p.created_at, 1);
		assert_eq!(p.deposit, 100 + 10);
		assert_eq!(held(HoldReason::Post, 1), 110);
		let content = p.content.unwrap();
		System::assert_last_event(
			Event::PostCreated {
				post_id: id,
				author: 1,
				kind: PostKind::Root,
				content_hash: Some(BlakeTwo256::hash_of(&content)),
				deposit: 110,
			}
			.into(),
		);
	});
}

#[test]
fn media_posts_hold_a_cid_and_a_caption() {
	test(|| {
		let media = ContentInput::Media { cid: CID.to_vec(), text: b"sunset".to_vec() };
		let id = new_post(1, NewPostKind::Root, Some(media));
		assert!(matches!(get(id).content, Some(Content::Media { .. })));
		assert_eq!(get(id).deposit, 100 + CID.len() as u64 + 6);
		// An empty caption is fine for media.
		new_post(
			1,
			NewPostKind::Root,
			Some(ContentInput::Media { cid: CID.to_vec(), text: vec![] }),
		);
	});
}

#[test]
fn bad_content_is_refused_with_typed_errors() {
	test(|| {
		let long = ContentInput::Text(vec![b'a'; 1025]);
		assert_noop!(post(1, NewPostKind::Root, Some(long)), Error::<Test>::TextTooLong);
		assert_noop!(
			post(1, NewPostKind::Root, Some(ContentInput::Text(vec![0xff]))),
			Error::<Test>::NotUtf8
		);
		assert_noop!(post(1, NewPostKind::Root, text("")), Error::<Test>::ContentRequired);
		assert_noop!(post(1, NewPostKind::Root, None), Error::<Test>::ContentRequired);
		let bad_cid = ContentInput::Media { cid: b"not-a-cid".to_vec(), text: vec![] };
		assert_noop!(post(1, NewPostKind::Root, Some(bad_cid)), Error::<Test>::InvalidContentRef);
		let long_caption = ContentInput::Media { cid: CID.to_vec(), text: vec![b'a'; 281] };
		assert_noop!(post(1, NewPostKind::Root, Some(long_caption)), Error::<Test>::CaptionTooLong);
		// The longest text is fine.
		new_post(1, NewPostKind::Root, Some(ContentInput::Text(vec![b'a'; 1024])));
	});
}

#[test]
fn replies_form_threads_of_any_depth_and_count_on_the_parent() {
	test(|| {
		let root = new_post(1, NewPostKind::Root, text("root"));
		let a = new_post(2, NewPostKind::Reply { parent: root }, text("a"));
		let b = new_post(3, NewPostKind::Reply { parent: a }, text("b"));
		let c = new_post(1, NewPostKind::Reply { parent: root }, text("c"));
		assert_eq!(get(b).kind, PostKind::Reply { parent: a, root });
		assert_eq!(get(root).reply_count, 2);
		assert_eq!(get(a).reply_count, 1);
		assert_eq!(get(c).kind, PostKind::Reply { parent: root, root });
	});
}

#[test]
fn targets_must_exist_be_live_and_not_be_reposts() {
	test(|| {
		assert_noop!(
			post(1, NewPostKind::Reply { parent: 7 }, text("?")),
			Error::<Test>::PostNotFound
		);
		let root = new_post(1, NewPostKind::Root, text("root"));
		let repost = new_post(2, NewPostKind::Repost { of: root }, None);
		assert_noop!(
			post(3, NewPostKind::Reply { parent: repost }, text("?")),
			Error::<Test>::TargetIsRepost
		);
		assert_noop!(
			post(3, NewPostKind::Quote { of: repost }, text("?")),
			Error::<Test>::TargetIsRepost
		);
		assert_ok!(Posts::delete_post(RuntimeOrigin::signed(1), root));
		assert_noop!(
			post(3, NewPostKind::Reply { parent: root }, text("?")),
			Error::<Test>::PostDeleted
		);
		assert_noop!(
			post(3, NewPostKind::Quote { of: root }, text("?")),
			Error::<Test>::PostDeleted
		);
	});
}

#[test]
fn reposts_carry_no_content_and_happen_once_per_account() {
	test(|| {
		let root = new_post(1, NewPostKind::Root, text("root"));
		assert_noop!(
			post(2, NewPostKind::Repost { of: root }, text("x")),
			Error::<Test>::RepostHasContent
		);
		let repost = new_post(2, NewPostKind::Repost { of: root }, None);
		assert_eq!(get(repost).deposit, 100);
		assert_eq!(get(root).repost_count, 1);
		assert_noop!(
			post(2, NewPostKind::Repost { of: root }, None),
			Error::<Test>::AlreadyReposted
		);
		// After deleting the repost, the account may repost again.
		assert_ok!(Posts::delete_post(RuntimeOrigin::signed(2), repost));
		assert_eq!(get(root).repost_count, 0);
		new_post(2, NewPostKind::Repost { of: root }, None);
	});
}

#[test]
fn quotes_need_content_and_count_on_the_quoted_post() {
	test(|| {
		let root = new_post(1, NewPostKind::Root, text("root"));
		assert_noop!(
			post(2, NewPostKind::Quote { of: root }, None),
			Error::<Test>::ContentRequired
		);
		let quote = new_post(2, NewPostKind::Quote { of: root }, text("so true"));
		assert_eq!(get(quote).kind, PostKind::Quote { of: root });
		assert_eq!(get(root).quote_count, 1);
	});
}

#[test]
fn blocked_accounts_cannot_reply_repost_quote_or_react() {
	test(|| {
		let root = new_post(1, NewPostKind::Root, text("root"));
		BLOCKS.with(|b| b.borrow_mut().push((1, 2)));
		assert_noop!(
			post(2, NewPostKind::Reply { parent: root }, text("hi")),
			Error::<Test>::BlockedByAuthor
		);
		assert_noop!(
			post(2, NewPostKind::Repost { of: root }, None),
			Error::<Test>::BlockedByAuthor
		);
		assert_noop!(
			post(2, NewPostKind::Quote { of: root }, text("hi")),
			Error::<Test>::BlockedByAuthor
		);
		assert_noop!(
			Posts::react(RuntimeOrigin::signed(2), root, Reaction::Like),
			Error::<Test>::BlockedByAuthor
		);
		// Others may.
		new_post(3, NewPostKind::Reply { parent: root }, text("hi"));
	});
}

/// Finding 9 of the moderation review: only the parent's author was checked, so a blocked account
/// could still reply to someone else's reply inside the blocker's thread.
#[test]
fn a_blocked_account_cannot_reply_anywhere_in_the_blockers_thread() {
	test(|| {
		let root = new_post(1, NewPostKind::Root, text("root"));
		let reply = new_post(3, NewPostKind::Reply { parent: root }, text("first"));
		let deeper = new_post(4, NewPostKind::Reply { parent: reply }, text("second"));
		BLOCKS.with(|b| b.borrow_mut().push((1, 2)));
		for parent in [reply, deeper] {
			assert_noop!(
				post(2, NewPostKind::Reply { parent }, text("hi")),
				Error::<Test>::BlockedByAuthor
			);
		}
		// In a thread the blocker did not start, a reply to the blocker's neighbours is fine.
		let other = new_post(3, NewPostKind::Root, text("other"));
		let answer = new_post(1, NewPostKind::Reply { parent: other }, text("answer"));
		let below = new_post(4, NewPostKind::Reply { parent: answer }, text("below"));
		new_post(2, NewPostKind::Reply { parent: below }, text("hi"));
	});
}

#[test]
fn suspended_accounts_cannot_post_edit_or_react() {
	test(|| {
		let root = new_post(1, NewPostKind::Root, text("root"));
		SUSPENDED.with(|s| s.borrow_mut().push(1));
		assert_noop!(post(1, NewPostKind::Root, text("again")), Error::<Test>::AuthorSuspended);
		assert_noop!(
			Posts::edit_post(RuntimeOrigin::signed(1), root, ContentInput::Text(b"x".to_vec())),
			Error::<Test>::AuthorSuspended
		);
		assert_noop!(
			Posts::react(RuntimeOrigin::signed(1), root, Reaction::Like),
			Error::<Test>::AuthorSuspended
		);
	});
}

#[test]
fn edit_replaces_content_adjusts_the_deposit_and_marks_the_post() {
	test(|| {
		let id = new_post(1, NewPostKind::Root, text("short"));
		System::set_block_number(5);
		let longer = ContentInput::Text(vec![b'x'; 50]);
		assert_ok!(Posts::edit_post(RuntimeOrigin::signed(1), id, longer));
		assert_eq!(get(id).edited_at, Some(5));
		assert_eq!(held(HoldReason::Post, 1), 150);
		let content = get(id).content.unwrap();
		System::assert_last_event(
			Event::PostEdited {
				post_id: id,
				author: 1,
				content_hash: BlakeTwo256::hash_of(&content),
				deposit: 150,
			}
			.into(),
		);
		assert_ok!(Posts::edit_post(
			RuntimeOrigin::signed(1),
			id,
			ContentInput::Text(b"x".to_vec())
		));
		assert_eq!(held(HoldReason::Post, 1), 101);
	});
}

#[test]
fn edit_refusals() {
	test(|| {
		let id = new_post(1, NewPostKind::Root, text("mine"));
		let repost = new_post(1, NewPostKind::Repost { of: id }, None);
		let new = || ContentInput::Text(b"new".to_vec());
		assert_noop!(
			Posts::edit_post(RuntimeOrigin::signed(2), id, new()),
			Error::<Test>::NotAuthor
		);
		assert_noop!(
			Posts::edit_post(RuntimeOrigin::signed(1), 9, new()),
			Error::<Test>::PostNotFound
		);
		assert_noop!(
			Posts::edit_post(RuntimeOrigin::signed(1), repost, new()),
			Error::<Test>::CannotEditRepost
		);
		assert_noop!(
			Posts::edit_post(RuntimeOrigin::signed(1), id, ContentInput::Text(vec![b'a'; 2000])),
			Error::<Test>::TextTooLong
		);
		assert_ok!(Posts::delete_post(RuntimeOrigin::signed(1), id));
		assert_noop!(
			Posts::edit_post(RuntimeOrigin::signed(1), id, new()),
			Error::<Test>::PostDeleted
		);
	});
}

#[test]
fn delete_leaves_a_tombstone_releases_the_deposit_and_updates_the_parent() {
	test(|| {
		let root = new_post(1, NewPostKind::Root, text("root"));
		let reply = new_post(2, NewPostKind::Reply { parent: root }, text("reply"));
		let child = new_post(3, NewPostKind::Reply { parent: reply }, text("child"));
		assert_ok!(Posts::delete_post(RuntimeOrigin::signed(2), reply));

		let tombstone = get(reply);
		assert!(tombstone.deleted);
		assert!(tombstone.content.is_none());
		assert_eq!(tombstone.kind, PostKind::Reply { parent: root, root });
		assert_eq!(held(HoldReason::Post, 2), 0);
		assert_eq!(get(root).reply_count, 0);
		// The child still points at its (deleted) parent, which keeps its place in the thread.
		assert_eq!(get(child).kind, PostKind::Reply { parent: reply, root });
		// Ids are never reused.
		assert_eq!(new_post(2, NewPostKind::Root, text("again")), child + 1);
		System::assert_has_event(
			Event::PostDeleted {
				post_id: reply,
				author: 2,
				kind: PostKind::Reply { parent: root, root },
			}
			.into(),
		);
	});
}

#[test]
fn delete_refusals() {
	test(|| {
		let id = new_post(1, NewPostKind::Root, text("mine"));
		assert_noop!(Posts::delete_post(RuntimeOrigin::signed(2), id), Error::<Test>::NotAuthor);
		assert_noop!(Posts::delete_post(RuntimeOrigin::signed(1), 42), Error::<Test>::PostNotFound);
		assert_ok!(Posts::delete_post(RuntimeOrigin::signed(1), id));
		assert_noop!(Posts::delete_post(RuntimeOrigin::signed(1), id), Error::<Test>::PostDeleted);
	});
}

#[test]
fn reactions_are_one_per_account_changeable_and_counted() {
	test(|| {
		let id = new_post(1, NewPostKind::Root, text("react to me"));
		assert_ok!(Posts::react(RuntimeOrigin::signed(2), id, Reaction::Like));
		assert_ok!(Posts::react(RuntimeOrigin::signed(3), id, Reaction::Like));
		assert_eq!(Posts::reactions(id).unwrap().like, 2);
		assert_eq!(held(HoldReason::Reaction, 2), 5);

		assert_ok!(Posts::react(RuntimeOrigin::signed(2), id, Reaction::Insightful));
		let counts = Posts::reactions(id).unwrap();
		assert_eq!((counts.like, counts.insightful, counts.total()), (1, 1, 2));
		assert_eq!(held(HoldReason::Reaction, 2), 5, "changing a reaction holds no second deposit");
		System::assert_last_event(
			Event::Reacted {
				post_id: id,
				who: 2,
				reaction: Reaction::Insightful,
				previous: Some(Reaction::Like),
			}
			.into(),
		);
		assert_noop!(
			Posts::react(RuntimeOrigin::signed(2), id, Reaction::Insightful),
			Error::<Test>::AlreadyReacted
		);

		assert_ok!(Posts::unreact(RuntimeOrigin::signed(2), id));
		assert_eq!(Posts::reactions(id).unwrap().total(), 1);
		assert_eq!(held(HoldReason::Reaction, 2), 0);
		assert_noop!(Posts::unreact(RuntimeOrigin::signed(2), id), Error::<Test>::NotReacted);
	});
}

#[test]
fn deleted_posts_take_no_new_reactions_but_old_ones_can_be_withdrawn() {
	test(|| {
		let id = new_post(1, NewPostKind::Root, text("soon gone"));
		assert_ok!(Posts::react(RuntimeOrigin::signed(2), id, Reaction::Love));
		assert_ok!(Posts::delete_post(RuntimeOrigin::signed(1), id));
		assert_noop!(
			Posts::react(RuntimeOrigin::signed(3), id, Reaction::Love),
			Error::<Test>::PostDeleted
		);
		assert_noop!(
			Posts::react(RuntimeOrigin::signed(7), 99, Reaction::Love),
			Error::<Test>::PostNotFound
		);
		assert_ok!(Posts::unreact(RuntimeOrigin::signed(2), id));
		assert_eq!(held(HoldReason::Reaction, 2), 0);
	});
}

#[test]
fn a_post_without_funds_for_its_deposit_is_refused() {
	test(|| {
		assert_noop!(
			post(99, NewPostKind::Root, Some(ContentInput::Text(vec![b'a'; 100]))),
			Error::<Test>::InsufficientBalance
		);
		assert_eq!(NextPostId::<Test>::get(), 0);
	});
}

#[test]
fn reacting_to_your_own_post_is_refused() {
	test(|| {
		let id = new_post(1, NewPostKind::Root, text("mine"));
		assert_noop!(
			Posts::react(RuntimeOrigin::signed(1), id, Reaction::Like),
			Error::<Test>::OwnPost
		);
		assert!(APPRECIATED.with(|a| a.borrow().is_empty()));
	});
}

#[test]
fn positive_reactions_are_passed_on_as_appreciation_and_others_are_not() {
	test(|| {
		let id = new_post(1, NewPostKind::Root, text("appreciate me"));
		assert_ok!(Posts::react(RuntimeOrigin::signed(2), id, Reaction::Sad));
		assert_ok!(Posts::react(RuntimeOrigin::signed(3), id, Reaction::Angry));
		assert!(APPRECIATED.with(|a| a.borrow().is_empty()), "Sad and Angry are not appreciation");
		assert_ok!(Posts::react(RuntimeOrigin::signed(2), id, Reaction::Love));
		assert_ok!(Posts::react(RuntimeOrigin::signed(4), id, Reaction::Insightful));
		assert_eq!(APPRECIATED.with(|a| a.borrow().clone()), vec![(2, 1, id), (4, 1, id)]);
	});
}

#[test]
fn a_reaction_is_charged_what_its_appreciation_took_and_a_root_post_less_than_a_reply() {
	use crate::WeightInfo;
	use frame_support::dispatch::{GetDispatchInfo, Pays, PostDispatchInfo};
	test(|| {
		let id = new_post(1, NewPostKind::Root, text("appreciate me"));
		let react = <() as WeightInfo>::react();
		let charged = |reaction| Posts::react(RuntimeOrigin::signed(2), id, reaction).unwrap();
		assert_eq!(
			charged(Reaction::Like),
			PostDispatchInfo {
				actual_weight: Some(react + APPRECIATION_TOOK),
				pays_fee: Pays::Yes
			}
		);
		assert_eq!(charged(Reaction::Sad).actual_weight, Some(react), "no appreciation");

		let call = |kind| crate::Call::<Test>::create_post {
			kind,
			content: Some(ContentInput::Text(b"hi".to_vec())),
		};
		let root = call(NewPostKind::Root).get_dispatch_info().call_weight;
		let reply = call(NewPostKind::Reply { parent: id }).get_dispatch_info().call_weight;
		assert_eq!(root, <() as WeightInfo>::create_root_post(2));
		assert!(root.ref_time() < reply.ref_time());
	});
}

#[test]
fn post_authorship_is_answered_for_other_pallets() {
	use kith_primitives::{PostAuthors, PostAuthorship};
	test(|| {
		let id = new_post(3, NewPostKind::Root, text("by three"));
		assert_eq!(Posts::authorship(id), Some(PostAuthorship { author: 3, deleted: false }));
		assert_ok!(Posts::delete_post(RuntimeOrigin::signed(3), id));
		assert_eq!(Posts::authorship(id), Some(PostAuthorship { author: 3, deleted: true }));
		assert_eq!(Posts::authorship(id + 1), None);
	});
}
