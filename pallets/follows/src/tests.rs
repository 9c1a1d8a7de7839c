//! Tests of the follows pallet on the mock runtime.

use crate::{mock::*, Error, Event, HoldReason};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use kith_primitives::{OnIdentityMoved, SocialGraph};

fn follow(who: u64, whom: u64) -> sp_runtime::DispatchResult {
	Follows::follow(RuntimeOrigin::signed(who), whom)
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::GraphEdge.into(), &who)
}

#[test]
fn follow_records_the_edge_both_ways_counts_it_and_holds_a_deposit() {
	test(|| {
		assert_ok!(follow(1, 2));
		assert!(Follows::is_following(&1, &2));
		assert!(!Follows::is_following(&2, &1));
		assert_eq!(Follows::counts(&1), (0, 1));
		assert_eq!(Follows::counts(&2), (1, 0));
		assert_eq!(Follows::following(&1, None, 10), vec![2]);
		assert_eq!(Follows::followers(&2, None, 10), vec![1]);
		assert_eq!(held(1), 10);
		assert_eq!(held(2), 0);
		System::assert_last_event(Event::Followed { follower: 1, followee: 2 }.into());
	});
}

#[test]
fn follow_self_fails_with_cannot_follow_self() {
	test(|| {
		assert_noop!(follow(1, 1), Error::<Test>::CannotFollowSelf);
	});
}

#[test]
fn follow_twice_fails_with_already_following() {
	test(|| {
		assert_ok!(follow(1, 2));
		assert_noop!(follow(1, 2), Error::<Test>::AlreadyFollowing);
	});
}

#[test]
fn following_more_than_the_maximum_fails_with_too_many_following() {
	test(|| {
		for whom in 2..5 {
			assert_ok!(follow(1, whom));
		}
		assert_noop!(follow(1, 5), Error::<Test>::TooManyFollowing);
		assert_ok!(Follows::unfollow(RuntimeOrigin::signed(1), 2));
		assert_ok!(follow(1, 5));
	});
}

#[test]
fn follow_without_funds_for_the_deposit_fails_and_changes_nothing() {
	test(|| {
		assert_ok!(follow(99, 1));
		// 5 left of 15, below the deposit of 10.
		assert_noop!(follow(99, 2), Error::<Test>::InsufficientBalance);
		assert_eq!(Follows::counts(&99), (0, 1));
	});
}

#[test]
fn unfollow_removes_the_edge_and_releases_the_deposit() {
	test(|| {
		assert_ok!(follow(1, 2));
		assert_ok!(Follows::unfollow(RuntimeOrigin::signed(1), 2));
		assert!(!Follows::is_following(&1, &2));
		assert_eq!(Follows::counts(&1), (0, 0));
		assert_eq!(Follows::counts(&2), (0, 0));
		assert_eq!(held(1), 0);
		assert_eq!(Balances::free_balance(1), 1_000);
		System::assert_last_event(Event::Unfollowed { follower: 1, followee: 2 }.into());
	});
}

#[test]
fn unfollow_without_following_fails_with_not_following() {
	test(|| {
		assert_noop!(Follows::unfollow(RuntimeOrigin::signed(1), 2), Error::<Test>::NotFollowing);
		assert_ok!(follow(2, 1));
		assert_noop!(Follows::unfollow(RuntimeOrigin::signed(1), 2), Error::<Test>::NotFollowing);
	});
}

#[test]
fn block_removes_the_blocked_accounts_follow_and_stops_it_following_again() {
	test(|| {
		assert_ok!(follow(2, 1));
		assert_ok!(Follows::block(RuntimeOrigin::signed(1), 2));
		assert!(!Follows::is_following(&2, &1));
		assert_eq!(Follows::counts(&1), (0, 0));
		assert_eq!(Follows::counts(&2), (0, 0));
		// The blocked account got its edge deposit back; the blocker holds the block's.
		assert_eq!(held(2), 0);
		assert_eq!(held(1), 10);
		assert!(<Follows as SocialGraph<u64>>::is_blocked(&1, &2));
		assert!(!<Follows as SocialGraph<u64>>::is_blocked(&2, &1));
		System::assert_has_event(Event::Unfollowed { follower: 2, followee: 1 }.into());
		System::assert_last_event(Event::Blocked { blocker: 1, blocked: 2 }.into());

		assert_noop!(follow(2, 1), Error::<Test>::Blocked);
		// The blocker may still follow the blocked account.
		assert_ok!(follow(1, 2));
	});
}

#[test]
fn block_errors() {
	test(|| {
		assert_noop!(Follows::block(RuntimeOrigin::signed(1), 1), Error::<Test>::CannotBlockSelf);
		assert_ok!(Follows::block(RuntimeOrigin::signed(1), 2));
		assert_noop!(Follows::block(RuntimeOrigin::signed(1), 2), Error::<Test>::AlreadyBlocked);
		assert_ok!(Follows::block(RuntimeOrigin::signed(1), 3));
		assert_noop!(Follows::block(RuntimeOrigin::signed(1), 4), Error::<Test>::TooManyBlocked);
		assert_noop!(Follows::unblock(RuntimeOrigin::signed(1), 4), Error::<Test>::NotBlocked);
		assert_noop!(Follows::unblock(RuntimeOrigin::signed(5), 6), Error::<Test>::NotBlocked);
	});
}

#[test]
fn unblock_lifts_the_block_and_releases_the_deposit() {
	test(|| {
		assert_ok!(Follows::block(RuntimeOrigin::signed(1), 2));
		assert_ok!(Follows::unblock(RuntimeOrigin::signed(1), 2));
		assert!(!<Follows as SocialGraph<u64>>::is_blocked(&1, &2));
		assert_eq!(held(1), 0);
		System::assert_last_event(Event::Unblocked { blocker: 1, blocked: 2 }.into());
		assert_ok!(follow(2, 1));
	});
}

#[test]
fn followers_are_paged_after_the_last_account_of_the_previous_page() {
	test(|| {
		for follower in 2..10 {
			assert_ok!(follow(follower, 1));
		}
		// Pages are capped at MaxPageSize (4) whatever the limit asked.
		let first = Follows::followers(&1, None, 100);
		assert_eq!(first.len(), 4);
		let second = Follows::followers(&1, first.last(), 100);
		assert_eq!(second.len(), 4);
		let third = Follows::followers(&1, second.last(), 100);
		assert!(third.is_empty());
		let mut all: Vec<u64> = first.into_iter().chain(second).collect();
		all.sort();
		assert_eq!(all, (2..10).collect::<Vec<_>>());
		assert_eq!(Follows::followers(&1, None, 2).len(), 2);
		// An account outside the graph cannot be resumed after, and has no followers.
		assert!(Follows::followers(&1, Some(&77), 10).is_empty());
		assert!(Follows::followers(&77, None, 10).is_empty());
	});
}

#[test]
fn moving_the_graph_moves_edges_blocks_and_deposits_to_the_new_account() {
	test(|| {
		assert_ok!(follow(1, 2));
		assert_ok!(follow(3, 1));
		assert_ok!(Follows::block(RuntimeOrigin::signed(1), 4));
		assert_ok!(<Follows as OnIdentityMoved<u64>>::on_identity_moved(&1, &8));

		assert!(Follows::is_following(&8, &2));
		assert!(Follows::is_following(&3, &8));
		assert!(!Follows::is_following(&1, &2));
		assert_eq!(Follows::followers(&2, None, 10), vec![8]);
		assert!(<Follows as SocialGraph<u64>>::is_blocked(&8, &4));
		assert_eq!((held(1), held(8)), (0, 20));
		assert_noop!(follow(4, 8), Error::<Test>::Blocked);
		System::assert_last_event(Event::GraphMoved { from: 1, to: 8, member: 0 }.into());
		// The new owner can unfollow and get the deposit moved to it.
		assert_ok!(Follows::unfollow(RuntimeOrigin::signed(8), 2));
		assert_eq!(held(8), 10);
	});
}

#[test]
fn moving_the_graph_to_an_account_that_follows_or_blocks_fails() {
	test(|| {
		assert_ok!(follow(1, 2));
		assert_ok!(follow(4, 3));
		assert_noop!(
			<Follows as OnIdentityMoved<u64>>::on_identity_moved(&1, &4),
			Error::<Test>::TargetInGraph
		);
		assert_ok!(Follows::block(RuntimeOrigin::signed(5), 3));
		assert_noop!(
			<Follows as OnIdentityMoved<u64>>::on_identity_moved(&1, &5),
			Error::<Test>::TargetInGraph
		);
		// An account that never took part moves nothing, and that is fine.
		assert_ok!(<Follows as OnIdentityMoved<u64>>::on_identity_moved(&6, &7));
	});
}

/// Finding 5 of the moderation review: following and unfollowing someone's new key gave it a member
/// id, and a key with a member id could never receive a moved identity. Now what others did to the
/// new key cannot stop the move: the member ids swap.
#[test]
fn a_third_party_cannot_block_a_move_by_following_the_new_key() {
	test(|| {
		assert_ok!(follow(1, 2));
		assert_ok!(follow(3, 8));
		assert_ok!(Follows::unfollow(RuntimeOrigin::signed(3), 8));
		assert_ok!(follow(4, 8));
		assert_ok!(Follows::block(RuntimeOrigin::signed(5), 8));
		assert_ok!(<Follows as OnIdentityMoved<u64>>::on_identity_moved(&1, &8));

		assert!(Follows::is_following(&8, &2));
		assert_eq!(Follows::counts(&8), (0, 1));
		// What pointed at the new key now points at the old one, deposits where they were.
		assert!(Follows::is_following(&4, &1));
		assert!(<Follows as SocialGraph<u64>>::is_blocked(&5, &1));
		assert_eq!(Follows::counts(&1), (1, 0));
		assert_eq!((held(1), held(8), held(4), held(5)), (0, 10, 10, 10));
	});
}

#[test]
fn an_account_that_leaves_the_graph_leaves_no_member_id_behind() {
	use crate::{AccountOf, BlockedByCount, FollowerCount, MemberOf, NextMemberId};
	test(|| {
		// Anyone can give an account a member id by following it; the unfollow takes it away again.
		assert_ok!(follow(1, 2));
		assert_ok!(Follows::unfollow(RuntimeOrigin::signed(1), 2));
		assert_ok!(Follows::block(RuntimeOrigin::signed(3), 4));
		assert_ok!(Follows::unblock(RuntimeOrigin::signed(3), 4));
		for who in [1, 2, 3, 4] {
			assert_eq!(MemberOf::<Test>::get(who), None, "account {who}");
		}
		assert_eq!(AccountOf::<Test>::iter().count(), 0);
		assert_eq!(FollowerCount::<Test>::iter().count(), 0);
		assert_eq!(BlockedByCount::<Test>::iter().count(), 0);

		// An id still in use either way stays; ids are never given twice.
		assert_ok!(follow(1, 2));
		assert_ok!(follow(3, 2));
		assert_ok!(Follows::unfollow(RuntimeOrigin::signed(1), 2));
		assert_eq!(MemberOf::<Test>::get(1), None);
		assert_eq!(MemberOf::<Test>::get(2), Some(5), "2 keeps its id while 3 follows it");
		assert_eq!(NextMemberId::<Test>::get(), 7);
		assert_eq!(Follows::followers(&2, None, 10), vec![3]);
	});
}
