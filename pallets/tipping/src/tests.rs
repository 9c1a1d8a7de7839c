//! Tests of the tipping pallet on the mock runtime.

use crate::{mock::*, CreatorTips, Error, Event, MemoOf, PostTips, TipTarget, TipTotals};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};

fn memo(text: &[u8]) -> Option<MemoOf<Test>> {
	Some(text.to_vec().try_into().unwrap())
}

fn balance(who: u64) -> u64 {
	Balances::balance(&who)
}

#[test]
fn tipping_a_post_pays_its_author_counts_it_and_passes_it_on() {
	test(|| {
		let post = add_post(2);
		let issuance = Balances::total_issuance();
		assert_ok!(Tipping::tip(RuntimeOrigin::signed(1), TipTarget::Post(post), 100, memo(b"gm")));
		assert_eq!((balance(1), balance(2)), (900, 1_100));
		assert_eq!(Balances::total_issuance(), issuance, "tips never mint or burn");
		assert_eq!(Tipping::post_tips(post), TipTotals { total: 100, count: 1 });
		assert_eq!(Tipping::creator_tips(&2), TipTotals { total: 100, count: 1 });
		assert_eq!(APPRECIATED.with(|a| a.borrow().clone()), vec![(1, 2, post)]);
		System::assert_last_event(
			Event::Tipped { from: 1, to: 2, post: Some(post), amount: 100, memo: memo(b"gm") }
				.into(),
		);

		assert_ok!(Tipping::tip(RuntimeOrigin::signed(3), TipTarget::Post(post), 50, None));
		assert_eq!(Tipping::post_tips(post), TipTotals { total: 150, count: 2 });
		assert_eq!(Tipping::creator_tips(&2), TipTotals { total: 150, count: 2 });
	});
}

#[test]
fn a_tip_is_charged_what_its_appreciation_took() {
	use crate::WeightInfo;
	test(|| {
		let post = add_post(2);
		let tip = |target| Tipping::tip(RuntimeOrigin::signed(1), target, 10, None).unwrap();
		let on_post = tip(TipTarget::Post(post)).actual_weight;
		assert_eq!(on_post, Some(<() as WeightInfo>::tip() + APPRECIATION_TOOK));
		let to_creator = tip(TipTarget::Creator(2)).actual_weight;
		assert_eq!(to_creator, Some(<() as WeightInfo>::tip()), "no post, no appreciation");
	});
}

#[test]
fn tipping_a_creator_pays_them_and_counts_for_them_only() {
	test(|| {
		assert_ok!(Tipping::tip(RuntimeOrigin::signed(1), TipTarget::Creator(4), 30, None));
		assert_eq!((balance(1), balance(4)), (970, 1_030));
		assert_eq!(Tipping::creator_tips(&4), TipTotals { total: 30, count: 1 });
		assert_eq!(PostTips::<Test>::iter().count(), 0);
		assert!(APPRECIATED.with(|a| a.borrow().is_empty()), "only tips on posts are appreciation");
		System::assert_last_event(
			Event::Tipped { from: 1, to: 4, post: None, amount: 30, memo: None }.into(),
		);
	});
}

#[test]
fn tipping_yourself_or_your_own_post_is_refused() {
	test(|| {
		let post = add_post(1);
		assert_noop!(
			Tipping::tip(RuntimeOrigin::signed(1), TipTarget::Post(post), 100, None),
			Error::<Test>::CannotTipSelf
		);
		assert_noop!(
			Tipping::tip(RuntimeOrigin::signed(1), TipTarget::Creator(1), 100, None),
			Error::<Test>::CannotTipSelf
		);
		assert!(APPRECIATED.with(|a| a.borrow().is_empty()));
	});
}

#[test]
fn tipping_a_missing_or_deleted_post_is_refused() {
	test(|| {
		assert_noop!(
			Tipping::tip(RuntimeOrigin::signed(1), TipTarget::Post(7), 100, None),
			Error::<Test>::PostNotFound
		);
		let post = add_post(2);
		delete_post(post);
		assert_noop!(
			Tipping::tip(RuntimeOrigin::signed(1), TipTarget::Post(post), 100, None),
			Error::<Test>::PostDeleted
		);
	});
}

#[test]
fn a_tip_below_the_minimum_is_refused() {
	test(|| {
		assert_noop!(
			Tipping::tip(RuntimeOrigin::signed(1), TipTarget::Creator(2), 9, None),
			Error::<Test>::TipTooSmall
		);
	});
}

#[test]
fn a_tip_that_would_kill_the_tipper_or_exceeds_its_funds_is_refused() {
	test(|| {
		// Account 1 has 1,000 and the existential deposit is 10.
		assert_noop!(
			Tipping::tip(RuntimeOrigin::signed(1), TipTarget::Creator(2), 1_000, None),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Tipping::tip(RuntimeOrigin::signed(1), TipTarget::Creator(2), 5_000, None),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(Tipping::tip(RuntimeOrigin::signed(1), TipTarget::Creator(2), 990, None));
		assert_eq!(balance(1), 10);
		assert_eq!(CreatorTips::<Test>::get(2), Some(TipTotals { total: 990, count: 1 }));
	});
}

#[test]
fn a_memo_must_be_utf8() {
	test(|| {
		assert_noop!(
			Tipping::tip(RuntimeOrigin::signed(1), TipTarget::Creator(2), 10, memo(&[0xff, 0xfe])),
			Error::<Test>::MemoNotUtf8
		);
		assert_ok!(Tipping::tip(
			RuntimeOrigin::signed(1),
			TipTarget::Creator(2),
			10,
			memo("☕ merci".as_bytes())
		));
	});
}

#[test]
fn a_memo_longer_than_the_bound_does_not_decode() {
	use codec::Decode;
	let long = vec![b'a'; 141];
	let encoded = codec::Encode::encode(&Some(long));
	assert!(Option::<MemoOf<Test>>::decode(&mut &encoded[..]).is_err());
}

#[test]
fn a_suspended_account_cannot_tip() {
	test(|| {
		SUSPENDED.with(|s| s.borrow_mut().push(1));
		assert_noop!(
			Tipping::tip(RuntimeOrigin::signed(1), TipTarget::Creator(2), 10, None),
			Error::<Test>::Suspended
		);
	});
}

/// Finding 9 of the moderation review: a blocked account could still tip the blocker (with a memo
/// the blocker did not want to read).
#[test]
fn an_account_that_blocked_you_cannot_be_tipped() {
	test(|| {
		let post = add_post(2);
		BLOCKS.with(|b| b.borrow_mut().push((2, 1)));
		for target in [TipTarget::Creator(2), TipTarget::Post(post)] {
			assert_noop!(
				Tipping::tip(RuntimeOrigin::signed(1), target, 100, memo(b"hi")),
				Error::<Test>::BlockedByRecipient
			);
		}
		// Others still can, and the blocked account can tip others.
		assert_ok!(Tipping::tip(RuntimeOrigin::signed(3), TipTarget::Post(post), 100, None));
		assert_ok!(Tipping::tip(RuntimeOrigin::signed(1), TipTarget::Creator(3), 100, None));
	});
}
