//! Tests of the creator rewards pallet on the mock runtime.

use crate::{
	mock::*, Barred, Carry, ClearedUpTo, CreatorScores, CuratorEras, CurrentEra, EraRewards, Eras,
	Error, Event, FlagReason, Flaggers, FreezeReason, Ledgers, Payout, PostScores, ScoreTarget,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectFreeze, Mutate},
		tokens::Preservation,
	},
};
use kith_primitives::{OnAppreciation, PostId};

/// `who` appreciates post `post` by `author`, as a reaction or a tip would tell the pallet.
fn appreciate(who: u64, author: u64, post: PostId) {
	CreatorRewards::on_appreciation(&who, &author, post);
}

fn bond(who: u64, amount: u64) {
	assert_ok!(CreatorRewards::bond(RuntimeOrigin::signed(who), amount));
}

fn frozen(who: u64) -> u64 {
	Balances::balance_frozen(&FreezeReason::Curation.into(), &who)
}

/// Claims era `era` for `who` and returns what it received.
fn claim(who: u64, era: u32) -> u64 {
	let before = Balances::balance(&who);
	assert_ok!(CreatorRewards::claim(RuntimeOrigin::signed(who), era));
	Balances::balance(&who) - before
}

/// The creator reward `who` can claim of `era`.
fn creator_reward(who: u64, era: u32) -> u64 {
	CreatorRewards::pending_rewards(&who)
		.into_iter()
		.find(|(e, _)| *e == era)
		.map_or(0, |(_, payout)| payout.creator)
}

#[test]
fn a_bond_is_frozen_and_powers_votes_from_the_next_era() {
	test(|| {
		bond(1, 400);
		assert_eq!(frozen(1), 400);
		System::assert_last_event(Event::Bonded { who: 1, amount: 400, bonded: 400 }.into());
		appreciate(1, 9, 0);
		assert_eq!(CreatorScores::<Test>::get(0, 9), 0, "a new bond does not vote in its own era");

		next_era();
		appreciate(1, 9, 0);
		assert_eq!(CreatorScores::<Test>::get(1, 9), 100, "a quarter of the bond: 4 votes an era");
		System::assert_last_event(
			Event::VoteSpent { curator: 1, creator: 9, post: 0, era: 1, power: 100 }.into(),
		);
		// Bonding more now only counts from the next era.
		bond(1, 400);
		appreciate(1, 9, 1);
		assert_eq!(CreatorScores::<Test>::get(1, 9), 200);
		next_era();
		appreciate(1, 9, 0);
		assert_eq!(CreatorScores::<Test>::get(2, 9), 200);
	});
}

#[test]
fn bonds_that_are_zero_too_small_or_unfunded_are_refused() {
	test(|| {
		assert_noop!(CreatorRewards::bond(RuntimeOrigin::signed(1), 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			CreatorRewards::bond(RuntimeOrigin::signed(1), 99),
			Error::<Test>::BondTooSmall
		);
		// 1,000,000 free, one unit of existential deposit stays free.
		assert_noop!(
			CreatorRewards::bond(RuntimeOrigin::signed(1), 1_000_000),
			Error::<Test>::InsufficientBalance
		);
		bond(1, 999_000);
		assert_noop!(
			CreatorRewards::bond(RuntimeOrigin::signed(1), 1_000),
			Error::<Test>::InsufficientBalance
		);
		// Once above the minimum, small top-ups are fine.
		bond(1, 1);
	});
}

#[test]
fn bonded_tokens_cannot_be_transferred_away() {
	test(|| {
		bond(1, 600_000);
		assert!(
			<Balances as Mutate<u64>>::transfer(&1, &2, 500_000, Preservation::Preserve).is_err()
		);
		assert_ok!(<Balances as Mutate<u64>>::transfer(&1, &2, 399_000, Preservation::Preserve));
	});
}

#[test]
fn a_curator_votes_once_per_post_and_at_most_its_votes_per_era() {
	test(|| {
		bond(1, 400);
		next_era();
		appreciate(1, 9, 0);
		appreciate(1, 9, 0);
		assert_eq!(CreatorScores::<Test>::get(1, 9), 100, "the same post twice counts once");
		for post in 1..10 {
			appreciate(1, 8, post);
		}
		assert_eq!(CreatorScores::<Test>::get(1, 8), 300, "4 votes an era, one already spent");
		assert_eq!(CreatorRewards::current_era().score, 400);
		next_era();
		appreciate(1, 9, 0);
		assert_eq!(CreatorScores::<Test>::get(2, 9), 100, "votes come back each era");
	});
}

#[test]
fn an_appreciation_without_a_curator_bond_costs_its_cheap_path_and_a_vote_the_most() {
	use crate::WeightInfo;
	test(|| {
		let (cheap, most) = (
			<() as WeightInfo>::on_appreciation_without_bond(),
			<() as WeightInfo>::on_appreciation(),
		);
		assert_eq!(CreatorRewards::on_appreciation(&2, &9, 0), cheap, "no bond, no vote");
		bond(1, 400);
		next_era();
		assert_eq!(CreatorRewards::on_appreciation(&1, &9, 0), most);
		assert_eq!(CreatorScores::<Test>::get(1, 9), 100);
		assert_eq!(CreatorRewards::on_appreciation(&1, &9, 0), most, "read all the way, no vote");
		assert_eq!(<CreatorRewards as OnAppreciation<u64>>::weight(), most);
	});
}

#[test]
fn appreciating_your_own_post_steers_nothing() {
	test(|| {
		bond(1, 400);
		next_era();
		appreciate(1, 1, 0);
		assert_eq!(CreatorScores::<Test>::get(1, 1), 0);
		assert_eq!(CreatorRewards::current_era().score, 0);
		assert!(CuratorEras::<Test>::get(1, 1).is_none(), "no vote was spent");
	});
}

#[test]
fn an_era_pays_creators_and_curators_by_score_and_issuance_grows_by_the_claims() {
	test(|| {
		bond(1, 3_000);
		bond(2, 1_000);
		next_era();
		appreciate(1, 10, 0); // 750
		appreciate(1, 11, 1); // 750
		appreciate(2, 11, 2); // 250
		appreciate(2, 12, 3); // 250
		let issuance = Balances::total_issuance();
		next_era();
		System::assert_has_event(
			Event::EraClosed {
				era: 1,
				pool: REWARD, // era 0 had no votes: its pool was never minted
				creators: 500_000,
				curators: 500_000,
				score: 2_000,
				carried: 0,
			}
			.into(),
		);
		assert_eq!(CreatorRewards::pending_rewards(&11), vec![], "era 1 is in review");
		next_era();
		System::assert_has_event(
			Event::EraReviewed {
				era: 1,
				score: 2_000,
				creators: 500_000,
				curators: 500_000,
				unminted: 0,
			}
			.into(),
		);
		assert_eq!(Balances::total_issuance(), issuance, "closing an era mints nothing");
		assert_eq!(
			CreatorRewards::pending_rewards(&11),
			vec![(1, Payout { creator: 250_000, curator: 0, withheld: 0 })]
		);
		assert_eq!(claim(10, 1), 187_500); // 500k × 750 / 2000
		assert_eq!(claim(11, 1), 250_000); // 500k × 1000 / 2000
		assert_eq!(claim(12, 1), 62_500);
		assert_eq!(claim(1, 1), 375_000); // 500k × 1500 / 2000
		assert_eq!(claim(2, 1), 125_000);
		System::assert_last_event(
			Event::Claimed { who: 2, era: 1, creator: 0, curator: 125_000, withheld: 0 }.into(),
		);
		assert_eq!(Balances::total_issuance(), issuance + REWARD);
		assert_eq!(Eras::<Test>::get(1).unwrap().paid, REWARD);
	});
}

#[test]
fn claims_are_once_per_era_and_only_for_closed_eras() {
	test(|| {
		bond(1, 400);
		next_era();
		appreciate(1, 9, 0);
		assert_noop!(
			CreatorRewards::claim(RuntimeOrigin::signed(9), 1),
			Error::<Test>::EraNotClosed
		);
		next_era();
		assert_noop!(
			CreatorRewards::claim(RuntimeOrigin::signed(9), 1),
			Error::<Test>::EraInReview
		);
		next_era();
		claim(9, 1);
		assert_noop!(
			CreatorRewards::claim(RuntimeOrigin::signed(9), 1),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			CreatorRewards::claim(RuntimeOrigin::signed(5), 1),
			Error::<Test>::NothingToClaim
		);
	});
}

#[test]
fn a_lone_creator_takes_the_whole_creators_half_there_is_no_cap_per_account() {
	// A cap per account cannot hold without identity (ten accounts look like ten creators), so there
	// is none: a creator that earned all the votes earns all of the creators' half.
	test(|| {
		bond(1, 400);
		next_era();
		appreciate(1, 9, 0);
		next_era();
		next_era();
		assert_eq!(claim(9, 1), REWARD / 2);
		assert_eq!(claim(1, 1), REWARD / 2);
	});
}

#[test]
fn unclaimed_rewards_expire_after_the_window_and_return_to_the_pool() {
	test(|| {
		bond(1, 400);
		next_era();
		appreciate(1, 9, 0);
		appreciate(1, 8, 1);
		next_era(); // era 1 closed: 500k creators, 500k curators; in review
		next_era(); // era 1 reviewed; era 2 closed without votes
		assert_eq!(claim(9, 1), REWARD / 4);
		assert_eq!(creator_reward(9, 1), 0);
		assert_eq!(Carry::<Test>::get(), 0, "an era without votes leaves nothing behind");
		next_era(); // era 3 closes
		next_era(); // era 4 closes; era 1 leaves the window (3 eras)
		System::assert_has_event(Event::EraExpired { era: 1, returned: 3 * REWARD / 4 }.into());
		assert_noop!(CreatorRewards::claim(RuntimeOrigin::signed(1), 1), Error::<Test>::EraExpired);
		assert_eq!(Carry::<Test>::get(), 3 * REWARD / 4);
		// on_idle removed the expired era's scores and votes.
		assert_eq!(ClearedUpTo::<Test>::get(), 2);
		assert_eq!(CreatorScores::<Test>::iter_prefix(1).count(), 0);
		assert_eq!(PostScores::<Test>::iter_prefix(1).count(), 0);
		assert_eq!(CuratorEras::<Test>::iter_prefix(1).count(), 0);
	});
}

/// Runs one era where `curators` (each bonding `bond_each`) spend one vote each on creator 50's post,
/// and curator 99 (bonding 600,000) votes for creator 60; returns what 50 and the curators together
/// can claim.
fn era_with_curators(curators: &[u64], bond_each: u64) -> (u64, u64) {
	let mut result = (0, 0);
	test(|| {
		for &who in curators {
			bond(who, bond_each);
		}
		bond(99, 600_000);
		next_era();
		for &who in curators {
			appreciate(who, 50, 7);
		}
		appreciate(99, 60, 8);
		next_era();
		next_era();
		let curators_reward = curators.iter().map(|&who| claim(who, 1)).sum();
		result = (claim(50, 1), curators_reward);
	});
	result
}

#[test]
fn splitting_a_bond_across_many_accounts_steers_exactly_as_much() {
	// Power 100,000 against 150,000; the creators' part is 500k, the curators' 500k.
	let one = era_with_curators(&[1], 400_000);
	let ten = era_with_curators(&(1..=10).collect::<Vec<_>>(), 40_000);
	assert_eq!(one, (200_000, 200_000));
	assert_eq!(ten, one, "10 accounts with a tenth each: same creator payout, same curator payout");
	// Amounts that do not divide evenly differ by rounding only (a few units in 10^5).
	let single = era_with_curators(&[1], 700_007);
	let seven = era_with_curators(&(1..=7).collect::<Vec<_>>(), 100_001);
	assert!(
		single.0.abs_diff(seven.0) <= 10 && single.1.abs_diff(seven.1) <= 10,
		"{single:?} {seven:?}"
	);
}

#[test]
fn a_ring_of_accounts_appreciating_each_other_earns_at_most_twice_what_its_bond_earns_a_curator() {
	// Accounts 1, 2, 3 each bond 1,000 and spend their 4 votes on the others' posts (2 posts each);
	// account 4 bonds the same 3,000 and spends its votes on outsider 9's posts.
	let posts = |author: u64| [author * 10, author * 10 + 1];
	let (mut ring, mut outsider, mut honest) = (0, 0, 0);
	test(|| {
		for who in 1..=3 {
			bond(who, 1_000);
		}
		bond(4, 3_000);
		next_era();
		for who in 1..=3u64 {
			for author in (1..=3).filter(|a| *a != who) {
				for post in posts(author) {
					appreciate(who, author, post);
				}
			}
		}
		for post in 0..4 {
			appreciate(4, 9, 100 + post);
		}
		next_era();
		next_era();
		ring = (1..=3).map(|who| claim(who, 1)).sum::<u64>();
		outsider = claim(9, 1);
		honest = claim(4, 1);
		assert_eq!(Eras::<Test>::get(1).map(|e| e.score), Some(6_000));
	});
	// Each half of the pool is 500k: the ring's 3,000 of power earn its creators what the same 3,000
	// steer to an outsider (250,000), and its curators what curator 4 earns (250,000): together
	// twice what the honest curator earns with the same bond, no more (each third rounds down).
	assert_eq!((outsider, honest), (250_000, 250_000));
	assert_eq!(ring, 3 * 83_333 + 3 * 83_333);
	assert!(ring <= 2 * honest);
}

#[test]
fn unbonding_keeps_tokens_frozen_for_two_eras_and_stops_power_next_era() {
	test(|| {
		bond(1, 1_000);
		next_era();
		assert_ok!(CreatorRewards::unbond(RuntimeOrigin::signed(1), 600));
		System::assert_last_event(Event::Unbonded { who: 1, amount: 600, unlock_era: 3 }.into());
		appreciate(1, 9, 0);
		assert_eq!(
			CreatorScores::<Test>::get(1, 9),
			250,
			"this era's votes keep the bond at its start"
		);
		assert_eq!(frozen(1), 1_000);
		next_era();
		appreciate(1, 9, 0);
		assert_eq!(
			CreatorScores::<Test>::get(2, 9),
			100,
			"the next era's votes use the smaller bond"
		);
		assert_noop!(
			CreatorRewards::withdraw_unbonded(RuntimeOrigin::signed(1)),
			Error::<Test>::NothingToWithdraw
		);
		next_era();
		assert_ok!(CreatorRewards::withdraw_unbonded(RuntimeOrigin::signed(1)));
		System::assert_last_event(Event::Withdrawn { who: 1, amount: 600 }.into());
		assert_eq!(frozen(1), 400);

		assert_ok!(CreatorRewards::unbond(RuntimeOrigin::signed(1), 400));
		next_era();
		next_era();
		assert_ok!(CreatorRewards::withdraw_unbonded(RuntimeOrigin::signed(1)));
		assert_eq!(frozen(1), 0);
		assert!(Ledgers::<Test>::get(1).is_none(), "an empty ledger is removed");
	});
}

#[test]
fn unbond_errors_change_nothing() {
	test(|| {
		assert_noop!(
			CreatorRewards::unbond(RuntimeOrigin::signed(1), 10),
			Error::<Test>::NotBonded
		);
		bond(1, 1_000);
		assert_noop!(
			CreatorRewards::unbond(RuntimeOrigin::signed(1), 1_001),
			Error::<Test>::UnbondTooLarge
		);
		assert_noop!(
			CreatorRewards::unbond(RuntimeOrigin::signed(1), 950),
			Error::<Test>::RemainderTooSmall
		);
		assert_noop!(
			CreatorRewards::unbond(RuntimeOrigin::signed(1), 0),
			Error::<Test>::ZeroAmount
		);
		// Chunks of the same era merge; three eras of chunks are the most.
		assert_ok!(CreatorRewards::unbond(RuntimeOrigin::signed(1), 100));
		assert_ok!(CreatorRewards::unbond(RuntimeOrigin::signed(1), 100));
		for _ in 0..2 {
			next_era();
			assert_ok!(CreatorRewards::unbond(RuntimeOrigin::signed(1), 100));
		}
		next_era();
		assert_noop!(
			CreatorRewards::unbond(RuntimeOrigin::signed(1), 100),
			Error::<Test>::TooManyUnlockingChunks
		);
		assert_eq!(Ledgers::<Test>::get(1).unwrap().unlocking.len(), 3);
	});
}

#[test]
fn an_era_without_votes_mints_nothing_and_carries_nothing() {
	test(|| {
		next_era();
		System::assert_has_event(
			Event::EraClosed {
				era: 0,
				pool: REWARD,
				creators: REWARD / 2,
				curators: REWARD / 2,
				score: 0,
				carried: 0,
			}
			.into(),
		);
		assert_eq!(CreatorRewards::current_era().pool, REWARD, "nothing piles up for later");
		next_era();
		System::assert_has_event(
			Event::EraReviewed { era: 0, score: 0, creators: 0, curators: 0, unminted: REWARD }
				.into(),
		);
		assert_eq!(Eras::<Test>::get(0), Some(EraRewards { reviewed: true, ..Default::default() }));
	});
}

#[test]
fn only_the_admin_origin_sets_the_reward_and_the_era_length() {
	test(|| {
		assert_noop!(
			CreatorRewards::set_reward_per_era(RuntimeOrigin::signed(1), 5),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(CreatorRewards::set_reward_per_era(RuntimeOrigin::root(), 5));
		System::assert_last_event(Event::RewardPerEraSet { amount: 5 }.into());
		assert_noop!(
			CreatorRewards::set_era_length(RuntimeOrigin::signed(1), 3),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			CreatorRewards::set_era_length(RuntimeOrigin::root(), 0),
			Error::<Test>::ZeroEraLength
		);
		assert_ok!(CreatorRewards::set_era_length(RuntimeOrigin::root(), 3));
		next_era();
		assert_eq!(System::block_number(), 3, "era 0 started at genesis and now lasts 3 blocks");
		next_era();
		assert_eq!(System::block_number(), 6);
		assert_eq!(CurrentEra::<Test>::get(), 2);
		// Empty eras carry nothing: the era in progress has its own 5.
		assert_eq!(CreatorRewards::current_era().pool, 5);

		assert_noop!(
			CreatorRewards::set_score_target(RuntimeOrigin::signed(1), 3),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			CreatorRewards::set_score_target(RuntimeOrigin::root(), 0),
			Error::<Test>::ZeroScoreTarget
		);
		assert_ok!(CreatorRewards::set_score_target(RuntimeOrigin::root(), 3));
		System::assert_last_event(Event::ScoreTargetSet { target: 3 }.into());
		assert_eq!(ScoreTarget::<Test>::get(), 3);
	});
}

#[test]
fn funds_taken_elsewhere_are_burned_into_the_next_pool_and_minted_when_claimed() {
	use frame_support::traits::{fungible::Balanced, OnUnbalanced};
	test(|| {
		bond(1, 1_000);
		next_era();
		let issuance = Balances::total_issuance();
		let slashed = <Balances as Balanced<u64>>::withdraw(
			&5,
			500,
			frame_support::traits::tokens::Precision::Exact,
			Preservation::Expendable,
			frame_support::traits::tokens::Fortitude::Polite,
		)
		.unwrap();
		CreatorRewards::on_unbalanced(slashed);
		System::assert_last_event(Event::PoolFunded { amount: 500 }.into());
		assert_eq!(Carry::<Test>::get(), 500);
		assert_eq!(Balances::total_issuance(), issuance - 500, "burned until claimed");

		appreciate(1, 10, 0);
		next_era();
		next_era();
		// Era 1's pool has its reward and the 500, paid in full: its score met the target.
		let era = Eras::<Test>::get(1).unwrap();
		assert_eq!(era.creators + era.curators, REWARD + 500);
		assert_eq!(claim(10, 1) + claim(1, 1), REWARD + 500);
		assert_eq!(Balances::total_issuance(), issuance + REWARD);
	});
}

fn flag(who: u64, post: PostId) -> frame_support::dispatch::DispatchResult {
	CreatorRewards::flag(RuntimeOrigin::signed(who), post, FlagReason::SelfVoting)
}

/// What `who` can claim of era `era` (creator and curator rewards together).
fn earned(who: u64, era: u32) -> u64 {
	CreatorRewards::pending_rewards(&who)
		.into_iter()
		.find(|(e, _)| *e == era)
		.map_or(0, |(_, payout)| payout.creator + payout.curator)
}

#[test]
fn a_flag_takes_off_a_posts_score_in_review_up_to_the_flaggers_bond_and_moves_no_tokens() {
	test(|| {
		bond(1, 4_000);
		bond(5, 400);
		bond(8, 400);
		assert_noop!(flag(5, 0), Error::<Test>::NothingToFlag); // era 0: nothing in review
		next_era();
		appreciate(1, 9, 0); // 1,000
		appreciate(1, 8, 1); // 1,000
		assert_noop!(flag(5, 0), Error::<Test>::NothingToFlag); // this era's posts: not yet
		next_era(); // era 1 in review
		let balance = Balances::balance(&9);
		assert_ok!(flag(5, 0));
		System::assert_last_event(
			Event::Flagged {
				flagger: 5,
				post: 0,
				era: 1,
				reason: FlagReason::SelfVoting,
				amount: 400,
			}
			.into(),
		);
		assert_eq!(PostScores::<Test>::get(1, 0).map(|s| (s.up, s.down)), Some((1_000, 400)));
		assert_eq!(CreatorScores::<Test>::get(1, 9), 600);
		assert_eq!(Eras::<Test>::get(1).map(|e| e.score), Some(1_600));
		assert_eq!(Balances::balance(&9), balance, "a flag moves no tokens");

		assert_noop!(flag(5, 0), Error::<Test>::AlreadyFlagged);
		assert_noop!(flag(5, 77), Error::<Test>::NothingToFlag);
		assert_noop!(flag(5, 1), Error::<Test>::NoFlagPowerLeft);
		assert_noop!(flag(8, 1), Error::<Test>::CannotFlagOwnPost);
		assert_noop!(flag(6, 1), Error::<Test>::NotBonded);
		suspend(8);
		assert_noop!(flag(8, 0), Error::<Test>::Suspended);

		next_era();
		// Net scores 600 and 1,000: each half of the pool (500k) is shared by them.
		assert_eq!(earned(9, 1), 187_500);
		assert_eq!(earned(1, 1), 500_000, "the curator's votes still count at their net");
		assert_eq!(Flaggers::<Test>::get(5).map(|f| f.spent), Some(400));
	});
}

#[test]
fn a_hidden_post_earns_nothing_in_its_era_or_the_era_in_review() {
	test(|| {
		bond(1, 400);
		bond(2, 400);
		bond(3, 400);
		next_era();
		appreciate(1, 9, 0);
		appreciate(1, 8, 1);
		next_era(); // era 1 in review
		appreciate(2, 9, 0);
		appreciate(2, 8, 1);
		hide(0, 9);
		System::assert_has_event(Event::PostVoided { post: 0, era: 1, amount: 100 }.into());
		System::assert_has_event(Event::PostVoided { post: 0, era: 2, amount: 100 }.into());
		assert_eq!((CreatorScores::<Test>::get(1, 9), CreatorScores::<Test>::get(2, 9)), (0, 0));
		appreciate(3, 9, 0);
		assert!(CuratorEras::<Test>::get(2, 3).is_none(), "a hidden post takes no votes");
		next_era();
		next_era();
		for era in [1, 2] {
			assert_eq!(earned(9, era), 0);
			assert_eq!(earned(8, era), REWARD / 2);
		}
		// The curators' votes for the hidden post no longer count either.
		assert_eq!(earned(1, 1), REWARD / 2);
	});
}

#[test]
fn a_suspended_account_claims_nothing_of_its_era_or_the_era_in_review_and_keeps_what_it_claimed() {
	test(|| {
		bond(1, 400);
		next_era();
		appreciate(1, 9, 0);
		appreciate(1, 8, 1);
		next_era();
		appreciate(1, 9, 2);
		appreciate(1, 8, 3);
		next_era(); // era 1 reviewed, era 2 in review, era 3 in progress
		assert_eq!(claim(9, 1), REWARD / 4);
		suspend(9);
		System::assert_last_event(Event::AccountBarred { who: 9, from: 2, to: 3 }.into());
		assert!(Barred::<Test>::contains_key(2, 9) && Barred::<Test>::contains_key(3, 9));
		appreciate(1, 9, 4);
		assert_eq!(CreatorScores::<Test>::get(3, 9), 0, "a suspended author takes no votes");
		next_era(); // era 2 reviewed
		assert_eq!(
			CreatorRewards::pending_rewards(&9),
			vec![(2, Payout { creator: 0, curator: 0, withheld: REWARD / 4 })]
		);
		assert_eq!(claim(9, 2), 0);
		System::assert_last_event(
			Event::Claimed { who: 9, era: 2, creator: 0, curator: 0, withheld: REWARD / 4 }.into(),
		);
		assert_eq!(Carry::<Test>::get(), REWARD / 4, "withheld goes to the next pool");
		assert_eq!(
			Balances::balance(&9),
			1_000_000 + REWARD / 4,
			"nothing already claimed is taken"
		);
	});
}

#[test]
fn below_the_score_target_an_era_pays_in_proportion_and_the_rest_is_never_minted() {
	test(|| {
		ScoreTarget::<Test>::put(10_000);
		bond(1, 4_000);
		next_era();
		appreciate(1, 9, 0); // a net score of 1,000: a tenth of the target
		let issuance = Balances::total_issuance();
		next_era();
		next_era();
		System::assert_has_event(
			Event::EraReviewed {
				era: 1,
				score: 1_000,
				creators: 50_000,
				curators: 50_000,
				unminted: 900_000,
			}
			.into(),
		);
		assert_eq!(claim(9, 1) + claim(1, 1), 100_000);
		assert_eq!(Balances::total_issuance(), issuance + 100_000);
	});
}

/// Each attack against an honest curator with the same bond: the attacker's payout (curator and
/// creator accounts together) is at most twice the honest one, and flags from as much bond take it
/// to nothing. Half of the pool goes to creators, half to curators (`CuratorShare` 50%). A ring of
/// three and a bond split across accounts are the two tests above
/// (`a_ring_of_accounts_appreciating_each_other_...`, `splitting_a_bond_across_...`).
mod attacks {
	use super::*;

	/// Attacker curator 1 votes its 4 votes (4,000 bonded: 1,000 each) on its alt 2's posts 0-3;
	/// honest curator 3 (4,000) votes stranger 4's posts 10-13. If `flaggers` is not empty, each
	/// flags the alt's posts in the review. Returns (attacker, honest) payouts of era 1.
	fn one_alt(flaggers: &[(u64, u64)]) -> (u64, u64) {
		let mut result = (0, 0);
		test(|| {
			bond(1, 4_000);
			bond(3, 4_000);
			for &(flagger, amount) in flaggers {
				bond(flagger, amount);
			}
			next_era();
			for post in 0..4 {
				appreciate(1, 2, post);
				appreciate(3, 4, 10 + post);
			}
			next_era();
			for &(flagger, _) in flaggers {
				for post in 0..4 {
					let _ = flag(flagger, post);
				}
			}
			next_era();
			result = (earned(1, 1) + earned(2, 1), earned(3, 1));
		});
		result
	}

	#[test]
	fn self_dealing_with_one_alt() {
		let (attacker, honest) = one_alt(&[]);
		assert_eq!((attacker, honest), (500_000, 250_000), "at most twice, and exactly twice");
		// A flagger with the self-dealer's bond takes its gain to zero; honest curation gets it all.
		let (attacker, honest) = one_alt(&[(5, 4_000)]);
		assert_eq!((attacker, honest), (0, 500_000));
		// Half the bond takes off half.
		let (attacker, _) = one_alt(&[(5, 2_000)]);
		assert_eq!(attacker, 2 * (500_000 * 2_000 / 6_000));
	}

	#[test]
	fn self_dealing_with_ten_alts() {
		let run = |flaggers: &[u64]| {
			let mut result = (0, 0);
			test(|| {
				// The attacker's 40,000 in ten curator accounts 11-20, each voting 4 posts of its
				// own alt 21-30 (1,000 a vote); honest curator 3 bonds 40,000 (10,000 a vote).
				for curator in 11..=20 {
					bond(curator, 4_000);
				}
				bond(3, 40_000);
				for &flagger in flaggers {
					bond(flagger, 10_000);
				}
				next_era();
				for curator in 11..=20u64 {
					for vote in 0..4 {
						appreciate(curator, curator + 10, curator * 10 + vote);
					}
				}
				for post in 0..4 {
					appreciate(3, 4, 1_000 + post);
				}
				next_era();
				// Four flaggers of 10,000 each (as much bond as the attacker), ten posts each.
				for (i, &flagger) in flaggers.iter().enumerate() {
					let alt_posts = (110..=200).step_by(10).flat_map(|first| first..first + 4);
					for post in alt_posts.skip(i * 10).take(10) {
						assert_ok!(flag(flagger, post));
					}
				}
				next_era();
				let attacker = (11..=30).map(|who| earned(who, 1)).sum::<u64>();
				result = (attacker, earned(3, 1));
			});
			result
		};
		assert_eq!(run(&[]), (500_000, 250_000));
		assert_eq!(run(&[41, 42, 43, 44]), (0, 500_000));
	}

	#[test]
	fn bond_and_unbond_at_era_edges() {
		test(|| {
			bond(3, 4_000);
			// The attacker bonds in the last block of era 0: no power in era 0.
			while System::block_number() % ERA != ERA - 1 {
				System::set_block_number(System::block_number() + 1);
			}
			bond(1, 4_000);
			appreciate(1, 2, 0);
			assert!(CuratorEras::<Test>::get(0, 1).is_none(), "a bond votes from the next era");
			next_era();
			for post in 1..5 {
				appreciate(1, 2, post);
				appreciate(3, 4, 10 + post);
			}
			// Unbonding at once keeps the tokens frozen: they cannot power another account.
			assert_ok!(CreatorRewards::unbond(RuntimeOrigin::signed(1), 4_000));
			assert!(<Balances as Mutate<u64>>::transfer(&1, &6, 999_000, Preservation::Preserve)
				.is_err());
			next_era();
			appreciate(1, 2, 9);
			assert!(CuratorEras::<Test>::get(2, 1).is_none(), "no power after unbonding");
			next_era();
			assert!(earned(1, 1) + earned(2, 1) <= 2 * earned(3, 1));
			assert_eq!(earned(3, 1), 250_000);
		});
	}

	#[test]
	fn react_unreact_cycling_and_reaction_plus_tip_count_once() {
		let run = |times: usize| {
			let mut result = 0;
			test(|| {
				bond(1, 4_000);
				bond(3, 4_000);
				next_era();
				// Reactions, unreactions and a tip on the same post: each positive one tells the
				// pallet again.
				for _ in 0..times {
					appreciate(1, 2, 0);
				}
				appreciate(3, 4, 10);
				assert_eq!(CreatorScores::<Test>::get(1, 2), 1_000);
				next_era();
				next_era();
				result = earned(1, 1) + earned(2, 1);
			});
			result
		};
		assert_eq!(run(1), 500_000);
		assert_eq!(run(10), run(1));
	}

	#[test]
	fn flagging_a_rival_just_before_the_review_ends_gains_nothing_over_others() {
		test(|| {
			bond(1, 4_000);
			bond(8, 4_000); // the flagger, also a creator
			next_era();
			appreciate(1, 8, 0); // the flagger's post
			appreciate(1, 9, 1); // the rival's
			appreciate(1, 7, 2); // an uninvolved creator's
			next_era();
			let rival = Balances::balance(&9);
			// The last block of the review.
			while System::block_number() % ERA != ERA - 1 {
				System::set_block_number(System::block_number() + 1);
			}
			assert_ok!(flag(8, 1));
			next_era();
			assert_eq!(Balances::balance(&9), rival, "the rival loses no tokens");
			assert_eq!(earned(9, 1), 0);
			// The rival's share went to every remaining score alike.
			assert_eq!(earned(8, 1), earned(7, 1));
			assert_eq!(earned(8, 1), 250_000);
		});
	}

	#[test]
	fn a_lone_early_bonder_does_not_take_the_whole_pool() {
		test(|| {
			ScoreTarget::<Test>::put(100_000);
			bond(1, 400);
			next_era();
			for post in 0..4 {
				appreciate(1, 2, post);
			}
			next_era();
			next_era();
			// A net score of 400 against a target of 100,000: 0.4% of each half, not all of it.
			assert_eq!(earned(1, 1) + earned(2, 1), REWARD * 400 / 100_000);
			assert_eq!(earned(1, 1), REWARD * 400 / 100_000 / 2, "an honest curator's share");
		});
	}
}
