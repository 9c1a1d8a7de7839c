//! Tests of the validators pallet on the mock runtime (at most 3 validators, at least 2; bonds of 100
//! at least; unbonding and jail last 2 sessions).

use crate::{mock::*, Candidates, Error, Event, HoldReason, Jailed, Punished, Unbonding};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold, MutateHold},
};
use sp_runtime::{DispatchError, Perbill};
use sp_staking::offence::{OffenceDetails, OnOffenceHandler};

fn register(who: u64, bond: u64) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Validators::register(RuntimeOrigin::signed(who), bond)
}

fn bonded(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::Bond.into(), &who)
}

/// Registers `who` with `bond` and session keys.
fn candidate(who: u64, bond: u64) {
	assert_ok!(register(who, bond));
	set_keys(who);
}

#[test]
fn genesis_candidates_validate_the_first_sessions() {
	test(|| {
		assert_eq!(active(), vec![1, 2]);
		assert_eq!(queued(), vec![1, 2]);
		assert_eq!(bonded(1), 300);
		assert_eq!(Validators::candidates(), vec![(1, 300, false), (2, 200, false)]);
	});
}

#[test]
fn register_holds_the_bond_and_checks_it() {
	test(|| {
		assert_noop!(register(3, 99), Error::<Test>::BondTooLow);
		assert_noop!(register(1, 100), Error::<Test>::AlreadyCandidate);
		assert!(register(3, 1_001).is_err(), "more than it has");
		assert_ok!(register(3, 150));
		System::assert_last_event(Event::Registered { who: 3, bond: 150 }.into());
		assert_eq!(bonded(3), 150);
		assert_ok!(Validators::bond_extra(RuntimeOrigin::signed(3), 50));
		assert_eq!(Candidates::<Test>::get(3).unwrap().bond, 200);
		for who in 4..9 {
			assert_ok!(register(who, 100));
		}
		assert_eq!(Candidates::<Test>::count(), 8);
		// Full: the smallest bond is 100 (4 to 8); 100 does not take its place.
		assert_noop!(register(9, 100), Error::<Test>::TooManyCandidates);
	});
}

#[test]
fn a_larger_bond_evicts_the_smallest_candidate_from_a_full_list() {
	test(|| {
		for who in 3..9 {
			assert_ok!(register(who, 100 + who));
		}
		assert_eq!(Candidates::<Test>::count(), 8);
		// The smallest is 3 (103): 103 does not evict it, 104 does.
		assert_noop!(register(9, 103), Error::<Test>::TooManyCandidates);
		assert_ok!(register(9, 104));
		System::assert_has_event(Event::Evicted { who: 3, by: 9 }.into());
		System::assert_has_event(Event::Left { who: 3, amount: 103, unlock_session: 3 }.into());
		assert_eq!(Candidates::<Test>::count(), 8);
		assert!(!Candidates::<Test>::contains_key(3));
		assert_eq!(bonded(3), 103, "the evicted bond unbonds");
		// It may validate the next session (planned with it): its bond unlocks two sessions after that.
		assert_eq!(Unbonding::<Test>::get(3).into_inner(), vec![(103, 3)]);

		// A leaving candidate goes first, whatever its bond.
		assert_ok!(Validators::unregister(RuntimeOrigin::signed(1)));
		assert_ok!(register(3, 100));
		System::assert_has_event(Event::Evicted { who: 1, by: 3 }.into());
		assert_eq!(Unbonding::<Test>::get(1).into_inner(), vec![(300, 3)]);
		assert!(Candidates::<Test>::contains_key(3));
	});
}

#[test]
fn an_evicted_candidate_with_full_unbonding_chunks_unbonds_into_the_last_one() {
	test(|| {
		for who in 3..9 {
			assert_ok!(register(who, 100 + who));
		}
		// 3 already unbonds two chunks (the mock's most).
		Unbonding::<Test>::insert(
			3,
			frame_support::BoundedVec::truncate_from(vec![(10, 1), (20, 1)]),
		);
		assert_ok!(Balances::hold(&HoldReason::Bond.into(), &3, 30));
		assert_ok!(register(9, 200));
		System::assert_has_event(Event::Evicted { who: 3, by: 9 }.into());
		assert_eq!(Unbonding::<Test>::get(3).into_inner(), vec![(10, 1), (123, 3)]);
		assert_eq!(bonded(3), 133);
	});
}

#[test]
fn the_best_bonded_candidates_with_keys_are_elected() {
	test(|| {
		candidate(3, 500);
		assert_ok!(register(4, 900)); // no keys: not elected
		candidate(5, 200); // ties with 2: the lower account wins
		assert_eq!(rotate(), Some(vec![3, 1, 2]));
		System::assert_last_event(
			Event::NewSetPlanned { session: 2, validators: vec![3, 1, 2].try_into().unwrap() }
				.into(),
		);
		assert_eq!(active(), vec![1, 2], "session 1 runs the set planned at genesis");
		assert_eq!(queued(), vec![3, 1, 2]);
		rotate();
		assert_eq!(active(), vec![3, 1, 2]);
		set_keys(4);
		assert_eq!(rotate(), Some(vec![4, 3, 1]), "at most three");
	});
}

#[test]
fn too_few_eligible_candidates_keep_the_current_set() {
	test(|| {
		assert_ok!(Validators::unregister(RuntimeOrigin::signed(2)));
		assert_eq!(rotate(), None);
		System::assert_last_event(Event::SetKept { session: 2, eligible: 1 }.into());
		rotate();
		assert_eq!(active(), vec![1, 2], "kept");
	});
}

#[test]
fn an_unregistered_candidate_leaves_at_the_next_election_and_unbonds_later() {
	test(|| {
		candidate(3, 150);
		assert_ok!(Validators::unregister(RuntimeOrigin::signed(3)));
		assert_noop!(
			Validators::unregister(RuntimeOrigin::signed(3)),
			Error::<Test>::AlreadyLeaving
		);
		assert_noop!(
			Validators::bond_extra(RuntimeOrigin::signed(3), 1),
			Error::<Test>::AlreadyLeaving
		);
		assert!(Candidates::<Test>::contains_key(3), "until the next election");
		assert_eq!(rotate(), Some(vec![1, 2]));
		System::assert_has_event(Event::Left { who: 3, amount: 150, unlock_session: 3 }.into());
		assert!(!Candidates::<Test>::contains_key(3));
		assert_eq!(bonded(3), 150, "still held while unbonding");
		assert_noop!(
			Validators::withdraw_unbonded(RuntimeOrigin::signed(3)),
			Error::<Test>::NothingToWithdraw
		);
		rotate();
		rotate();
		assert_ok!(Validators::withdraw_unbonded(RuntimeOrigin::signed(3)));
		System::assert_last_event(Event::Withdrawn { who: 3, amount: 150 }.into());
		assert_eq!(bonded(3), 0);
		assert_eq!(Balances::balance(&3), 1_000);
		assert!(!Unbonding::<Test>::contains_key(3));
		assert_noop!(Validators::unregister(RuntimeOrigin::signed(3)), Error::<Test>::NotCandidate);
	});
}

#[test]
fn a_validator_without_blocks_in_a_session_is_jailed_and_can_unjail_later() {
	test(|| {
		candidate(3, 150);
		rotate(); // session 1: 1 and 2; 3 planned for session 2
		rotate(); // session 2: 1, 2, 3
		assert_eq!(active(), vec![1, 2, 3]);
		author(1, 2);
		author(2, 2);
		// 3 authored nothing in a session of four blocks (three validators): jailed when it ends.
		assert_eq!(rotate(), Some(vec![1, 2]), "3 is not elected for session 4");
		System::assert_has_event(Event::Jailed { who: 3, session: 2, until: 5 }.into());
		assert_eq!(Validators::jailed(), vec![(3, 5)]);
		assert_eq!(bonded(3), 150, "no slashing");
		assert_noop!(Validators::unjail(RuntimeOrigin::signed(3)), Error::<Test>::StillJailed);
		assert_noop!(Validators::unjail(RuntimeOrigin::signed(1)), Error::<Test>::NotJailed);
		rotate(); // session 4
		rotate(); // session 5
		assert_ok!(Validators::unjail(RuntimeOrigin::signed(3)));
		assert!(!Jailed::<Test>::contains_key(3));
		assert_eq!(rotate(), Some(vec![1, 2, 3]), "elected again");
	});
}

#[test]
fn nobody_is_jailed_in_a_session_too_short_for_everyone_to_have_a_slot() {
	test(|| {
		author(1, 1);
		assert!(rotate().is_some());
		assert!(Validators::jailed().is_empty(), "one block, two validators: 2 had no slot");
	});
}

#[test]
fn the_genesis_session_jails_nobody_the_next_one_does() {
	test(|| {
		// Session 0: only 1 authors, in a session with a slot for each of 1 and 2.
		author(1, 3);
		rotate();
		assert!(Validators::jailed().is_empty(), "2 may start its node late at genesis");
		author(1, 3);
		rotate();
		System::assert_has_event(Event::Jailed { who: 2, session: 1, until: 4 }.into());
	});
}

#[test]
fn block_rewards_are_minted_to_the_author_only() {
	test(|| {
		let issuance = Balances::total_issuance();
		author(2, 3);
		assert_eq!(Balances::balance(&2), 1_000 - 200 + 15);
		assert_eq!(Balances::balance(&1), 1_000 - 300);
		assert_eq!(Balances::total_issuance(), issuance + 15);
		System::assert_last_event(Event::Rewarded { author: 2, amount: 5 }.into());

		assert_noop!(
			Validators::set_block_reward(RuntimeOrigin::signed(1), 7),
			DispatchError::BadOrigin
		);
		assert_ok!(Validators::set_block_reward(RuntimeOrigin::root(), 7));
		author(1, 1);
		assert_eq!(Balances::balance(&1), 1_000 - 300 + 7);
	});
}

/// Reports an offence of `who` in `session` with `fraction`, by `reporters`.
fn offence(who: u64, fraction: Perbill, session: u32, reporters: Vec<u64>) {
	let details = OffenceDetails { offender: (who, ()), reporters };
	<Validators as OnOffenceHandler<u64, (u64, ()), _>>::on_offence(
		&[details],
		&[fraction],
		session,
	);
}

#[test]
fn an_offender_loses_part_of_its_bond_pays_the_reporter_and_is_jailed() {
	test(|| {
		candidate(3, 150);
		let issuance = Balances::total_issuance();
		// 1 bonds 300 and has 100 unbonding (from an earlier, larger bond).
		Unbonding::<Test>::insert(1, frame_support::BoundedVec::truncate_from(vec![(100, 4)]));
		assert_ok!(Balances::hold(&HoldReason::Bond.into(), &1, 100));
		offence(1, Perbill::zero(), 0, vec![5]);
		// 10% (the least slash) of 300 and of 100; half of it to the reporter, half burned.
		System::assert_has_event(Event::Jailed { who: 1, session: 0, until: 3 }.into());
		System::assert_last_event(
			Event::Slashed { who: 1, session: 0, amount: 40, reward: 20 }.into(),
		);
		assert_eq!(bonded(1), 360);
		assert_eq!(Candidates::<Test>::get(1).unwrap().bond, 270);
		assert_eq!(Unbonding::<Test>::get(1).into_inner(), vec![(90, 4)]);
		assert_eq!(Balances::balance(&5), 1_020);
		assert_eq!(Balances::total_issuance(), issuance - 20);
		assert_eq!(rotate(), Some(vec![2, 3]), "the offender is not elected again");
	});
}

#[test]
fn an_offender_is_punished_once_for_the_sessions_it_validates_anyway() {
	test(|| {
		let least = Perbill::from_percent(10);
		offence(1, Perbill::zero(), 0, vec![5]);
		assert_eq!(Punished::<Test>::get(1), Some((1, least)), "jailed in 0, it validates 1");
		assert_eq!(bonded(1), 270);
		// The same node equivocating again, in session 0 and in session 1: covered.
		offence(1, Perbill::zero(), 0, vec![6]);
		offence(1, Perbill::zero(), 1, vec![6]);
		System::assert_last_event(Event::OffenceCovered { who: 1, session: 1, covered: 1 }.into());
		assert_eq!(bonded(1), 270);
		assert_eq!(Balances::balance(&6), 1_000);
		// An offence in a later session is a new one.
		rotate();
		rotate();
		offence(1, Perbill::zero(), 2, vec![6]);
		assert_eq!(bonded(1), 243);
		assert_eq!(Punished::<Test>::get(1), Some((3, least)));
	});
}

#[test]
fn a_larger_fraction_reported_later_for_a_covered_session_takes_what_it_adds() {
	test(|| {
		// A lone offender is reported first (10%); then more offenders of the same round are
		// reported, and the fraction for all of them is 60%: 1 ends up losing 60%, not 10%.
		offence(1, Perbill::zero(), 0, vec![5]);
		assert_eq!(bonded(1), 270);
		offence(1, Perbill::from_percent(60), 0, vec![5]);
		System::assert_last_event(
			Event::Slashed { who: 1, session: 0, amount: 150, reward: 75 }.into(),
		);
		assert_eq!(bonded(1), 120, "60% of 300 in all");
		assert_eq!(Punished::<Test>::get(1), Some((1, Perbill::from_percent(60))));
		// The same fraction again, or a smaller one, adds nothing.
		offence(1, Perbill::from_percent(60), 1, vec![5]);
		System::assert_last_event(Event::OffenceCovered { who: 1, session: 1, covered: 1 }.into());
		assert_eq!(bonded(1), 120);
	});
}

#[test]
fn an_offender_reporting_itself_gets_nothing_back() {
	test(|| {
		let issuance = Balances::total_issuance();
		offence(1, Perbill::zero(), 0, vec![1]);
		System::assert_last_event(
			Event::Slashed { who: 1, session: 0, amount: 30, reward: 0 }.into(),
		);
		assert_eq!(Balances::total_issuance(), issuance - 30, "all of it burned");
	});
}

#[test]
fn a_former_candidate_is_jailed_for_an_offence_and_cannot_register_its_way_out() {
	test(|| {
		candidate(3, 150);
		assert_ok!(Validators::unregister(RuntimeOrigin::signed(3)));
		rotate(); // 3 leaves
		assert!(!Candidates::<Test>::contains_key(3));
		offence(3, Perbill::zero(), 1, vec![5]);
		assert_eq!(Jailed::<Test>::get(3), Some(4));
		assert_eq!(bonded(3), 135, "its unbonding bond is slashed");
		assert_ok!(register(3, 200));
		assert_eq!(rotate(), Some(vec![1, 2]), "jailed: not elected");
	});
}

#[test]
fn a_larger_offence_fraction_wins_and_unjailing_needs_the_minimum_bond_again() {
	test(|| {
		// GRANDPA's fraction for many offenders at once is larger than the least slash.
		offence(2, Perbill::from_percent(60), 0, vec![]);
		System::assert_last_event(
			Event::Slashed { who: 2, session: 0, amount: 120, reward: 0 }.into(),
		);
		assert_eq!(Candidates::<Test>::get(2).unwrap().bond, 80);
		rotate();
		rotate();
		rotate();
		assert_noop!(Validators::unjail(RuntimeOrigin::signed(2)), Error::<Test>::BondBelowMinimum);
		assert_ok!(Validators::bond_extra(RuntimeOrigin::signed(2), 20));
		assert_ok!(Validators::unjail(RuntimeOrigin::signed(2)));
	});
}

#[test]
fn governance_sets_the_least_slash() {
	test(|| {
		assert_noop!(
			Validators::set_offence_slash(RuntimeOrigin::signed(1), Perbill::one()),
			DispatchError::BadOrigin
		);
		assert_ok!(Validators::set_offence_slash(RuntimeOrigin::root(), Perbill::from_percent(50)));
		System::assert_last_event(
			Event::OffenceSlashSet { fraction: Perbill::from_percent(50) }.into(),
		);
		offence(1, Perbill::zero(), 0, vec![5]);
		assert_eq!(bonded(1), 150);
	});
}

#[test]
fn an_offender_record_goes_when_nothing_is_left_to_slash() {
	test(|| {
		candidate(3, 150);
		offence(3, Perbill::zero(), 0, vec![5]);
		assert_ok!(Validators::unregister(RuntimeOrigin::signed(3)));
		rotate(); // 3 leaves: 135 unbonds until session 3
		rotate();
		rotate();
		assert!(Punished::<Test>::contains_key(3));
		assert_eq!(Jailed::<Test>::get(3), Some(3), "served by now");
		assert_ok!(Validators::withdraw_unbonded(RuntimeOrigin::signed(3)));
		assert!(!Punished::<Test>::contains_key(3));
		assert!(!Jailed::<Test>::contains_key(3), "nor is its jail kept");
		assert_eq!(Balances::balance(&3), 1_000 - 15);
	});
}
