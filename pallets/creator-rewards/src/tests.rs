//! Tests of the creator rewards pallet on the mock runtime.

use crate::{
	mock::*, Carry, ClearedUpTo, CreatorScores, CurrentEra, EraRewards, Eras, Error, Event,
	FreezeReason, Ledgers, Payout,
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
fn appreciating_your_own_post_steers_nothing() {
	test(|| {
		bond(1, 400);
		next_era();
		appreciate(1, 1, 0);
		assert_eq!(CreatorScores::<Test>::get(1, 1), 0);
		assert_eq!(CreatorRewards::current_era().score, 0);
		assert_eq!(Ledgers::<Test>::get(1).unwrap().voted.len(), 0, "no vote was spent");
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
				pool: 2 * REWARD, // era 0 had no votes: its pool carried over
				creators: 1_600_000,
				curators: 400_000,
				score: 2_000,
				carried: 0,
			}
			.into(),
		);
		assert_eq!(Balances::total_issuance(), issuance, "closing an era mints nothing");
		assert_eq!(
			CreatorRewards::pending_rewards(&11),
			vec![(1, Payout { creator: 800_000, curator: 0, capped: 0 })]
		);
		assert_eq!(claim(10, 1), 600_000); // 1.6M × 750 / 2000
		assert_eq!(claim(11, 1), 800_000); // 1.6M × 1000 / 2000, exactly the cap
		assert_eq!(claim(12, 1), 200_000);
		assert_eq!(claim(1, 1), 300_000); // 400k × 1500 / 2000
		assert_eq!(claim(2, 1), 100_000);
		System::assert_last_event(
			Event::Claimed { who: 2, era: 1, creator: 0, curator: 100_000, capped: 0 }.into(),
		);
		assert_eq!(Balances::total_issuance(), issuance + 2 * REWARD);
		assert_eq!(Eras::<Test>::get(1).unwrap().paid, 2 * REWARD);
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
fn a_creator_share_above_the_cap_carries_into_the_next_pool() {
	test(|| {
		bond(1, 400);
		next_era();
		appreciate(1, 9, 0);
		next_era();
		// The only creator: the whole creators' part (1.6M) would be its, the cap is half.
		assert_eq!(claim(9, 1), 800_000);
		System::assert_last_event(
			Event::Claimed { who: 9, era: 1, creator: 800_000, curator: 0, capped: 800_000 }.into(),
		);
		assert_eq!(Carry::<Test>::get(), 800_000);
		assert_eq!(CreatorRewards::current_era().pool, REWARD + 800_000);
	});
}

#[test]
fn unclaimed_rewards_expire_after_the_window_and_return_to_the_pool() {
	test(|| {
		bond(1, 400);
		next_era();
		appreciate(1, 9, 0);
		next_era(); // era 1 closed: 1.6M creators (cap 800k), 400k curators
		claim(9, 1);
		next_era(); // era 2 closed without votes: its 1M + the 800k capped carry on
		assert_eq!(Carry::<Test>::get(), REWARD + 800_000);
		assert_eq!(creator_reward(9, 1), 0);
		next_era(); // era 3 closes; era 1 leaves the window (2 eras)
		System::assert_has_event(Event::EraExpired { era: 1, returned: 400_000 }.into());
		assert_noop!(CreatorRewards::claim(RuntimeOrigin::signed(1), 1), Error::<Test>::EraExpired);
		assert_eq!(Carry::<Test>::get(), 2 * REWARD + 800_000 + 400_000);
		// on_idle removed the expired era's scores.
		assert_eq!(ClearedUpTo::<Test>::get(), 2);
		assert_eq!(crate::CuratorPower::<Test>::iter_prefix(1).count(), 0);
	});
}

/// Runs one era where `curators` (each bonding `bond_each`) spend one vote each on creator 50's post,
/// and curator 99 (bonding 600,000) votes for creator 60, so that 50 stays below the cap; returns what
/// 50 and the curators together can claim.
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
		let curators_reward = curators.iter().map(|&who| claim(who, 1)).sum();
		result = (claim(50, 1), curators_reward);
	});
	result
}

#[test]
fn splitting_a_bond_across_many_accounts_steers_exactly_as_much() {
	// Power 100,000 against 150,000; the creators' part is 1.6M, the curators' 400k.
	let one = era_with_curators(&[1], 400_000);
	let ten = era_with_curators(&(1..=10).collect::<Vec<_>>(), 40_000);
	assert_eq!(one, (640_000, 160_000));
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
fn a_ring_of_accounts_appreciating_each_other_earns_only_what_its_bond_steers() {
	// Accounts 1, 2, 3 each bond 1,000 and spend their 4 votes on the others' posts (2 posts each);
	// account 4 bonds the same 3,000 and spends its votes on outsider 9's posts.
	let posts = |author: u64| [author * 10, author * 10 + 1];
	let mut ring = 0;
	let mut outsider = 0;
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
		ring = (1..=3).map(|who| creator_reward(who, 1)).sum::<u64>();
		outsider = creator_reward(9, 1);
		assert_eq!(Eras::<Test>::get(1).map(|e| e.score), Some(6_000));
	});
	// The creators' part is 1.6M: the ring's 3,000 of power earn it what the same 3,000 steer to an
	// outsider (800,000), no more; each member's third rounds down by less than one unit.
	assert_eq!(outsider, 800_000);
	assert_eq!(ring, 3 * 266_666);
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
fn an_era_without_votes_carries_its_whole_pool() {
	test(|| {
		next_era();
		System::assert_has_event(
			Event::EraClosed {
				era: 0,
				pool: REWARD,
				creators: 0,
				curators: 0,
				score: 0,
				carried: REWARD,
			}
			.into(),
		);
		assert_eq!(Eras::<Test>::get(0), Some(EraRewards::default()));
		assert_eq!(CreatorRewards::current_era().pool, 2 * REWARD);
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
		// Two empty eras of 5 carried on, and the era in progress adds 5.
		assert_eq!(CreatorRewards::current_era().pool, 15);
	});
}

#[test]
fn funds_taken_elsewhere_are_burned_into_the_next_pool_and_minted_when_claimed() {
	use frame_support::traits::{fungible::Balanced, OnUnbalanced};
	test(|| {
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

		bond(1, 1_000);
		next_era();
		appreciate(1, 10, 0);
		next_era();
		// Era 0 had no votes (its pool and the 500 carried over): era 1's pool has both eras' reward
		// and the 500, capped per creator.
		let era = Eras::<Test>::get(1).unwrap();
		assert_eq!(era.creators + era.curators, 2 * REWARD + 500);
	});
}
