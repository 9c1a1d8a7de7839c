//! Runtime tests of moderation on the `development` preset (cases vote for 5 blocks): reports from
//! three accounts open a case, token holders uphold it, and the posts and tipping pallets refuse the
//! suspended author until the suspension ends; a rejected case's deposits reach the creator reward
//! pool. Signed extrinsics through `Executive`.

mod common;

use common::{apply, apply_ok, error_name, in_block_one, run_to_block};
use frame_support::traits::fungible::Inspect;
use kith_runtime::{Balances, Runtime, System, DAYS, UNIT};
use pallet_moderation::{
	runtime_api::runtime_decl_for_moderation_api::ModerationApiV1, CaseStatus, Target,
};
use pallet_posts::{ContentInput, NewPostKind};
use pallet_tipping::TipTarget;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};

/// Starter rules: 0 "Spam" hides, 1 "Harassment" suspends for seven days.
const SPAM: u32 = 0;
const HARASSMENT: u32 = 1;

fn post(text: &str) -> pallet_posts::Call<Runtime> {
	pallet_posts::Call::create_post {
		kind: NewPostKind::Root,
		content: Some(ContentInput::Text(text.as_bytes().to_vec())),
	}
}

fn report(who: Sr25519Keyring, target: Target<kith_runtime::AccountId>, rule: u32) {
	apply_ok(
		who,
		pallet_moderation::Call::report {
			target,
			rule_id: rule,
			note: b"see the thread".to_vec().try_into().unwrap(),
		},
	);
}

fn vote(who: Sr25519Keyring, case_id: u32, uphold: bool, amount: u128) {
	// Without conviction: it counts a tenth, and the freeze ends with the case.
	let conviction = pallet_moderation::Conviction::None;
	apply_ok(who, pallet_moderation::Call::vote_case { case_id, uphold, amount, conviction });
}

/// Runs to case `id`'s closing block.
fn close(id: u32) {
	run_to_block(Runtime::case(id).unwrap().closes);
}

#[test]
fn an_upheld_harassment_case_suspends_the_author_from_posting_reacting_and_tipping() {
	in_block_one(|| {
		apply_ok(Bob, post("you again?"));
		for who in [Charlie, Dave, Eve] {
			report(who, Target::Post(0), HARASSMENT);
		}
		let case = Runtime::open_cases(None, 10);
		assert_eq!(case.len(), 1, "the third report opened a case");
		assert_eq!(case[0].1.affected, Bob.to_account_id());
		assert_eq!(Runtime::reports(Target::Post(0)).len(), 3);
		vote(Alice, 0, true, 500 * UNIT);
		vote(Ferdie, 0, false, 100 * UNIT);
		close(0);

		assert!(matches!(Runtime::case(0).unwrap().status, CaseStatus::Upheld { .. }));
		let until = Runtime::status(Target::Account(Bob.to_account_id())).suspended_until;
		assert_eq!(until, Some(System::block_number() + 7 * DAYS));
		assert_eq!(error_name(apply(Bob, post("let me explain")).unwrap()), "AuthorSuspended");
		apply_ok(Alice, post("a post to react to"));
		let react =
			pallet_posts::Call::react { post_id: 1, reaction: pallet_posts::Reaction::Like };
		assert_eq!(error_name(apply(Bob, react).unwrap()), "AuthorSuspended");
		let tip =
			pallet_tipping::Call::tip { target: TipTarget::Post(1), amount: UNIT, memo: None };
		assert_eq!(error_name(apply(Bob, tip).unwrap()), "Suspended");
		// Others are not affected, and the reporters got their deposits back.
		apply_ok(Charlie, post("glad that is settled"));
		assert_eq!(Runtime::reports(Target::Post(0)).len(), 0);
	});
}

#[test]
fn a_rejected_spam_case_slashes_the_deposits_into_the_creator_reward_pool() {
	in_block_one(|| {
		apply_ok(Bob, post("a perfectly normal post"));
		for who in [Charlie, Dave, Eve] {
			report(who, Target::Post(0), SPAM);
		}
		vote(Alice, 0, false, 500 * UNIT);
		let carry = pallet_creator_rewards::Carry::<Runtime>::get();
		let issuance = Balances::total_issuance();
		let voted_at = System::block_number();
		close(0);
		assert!(matches!(Runtime::case(0).unwrap().status, CaseStatus::Rejected { .. }));
		assert!(!Runtime::status(Target::Post(0)).hidden);
		// Three report deposits of 1 KITH went to the pool, burned until creators claim them; each
		// block meanwhile minted its 1 KITH reward.
		assert_eq!(pallet_creator_rewards::Carry::<Runtime>::get(), carry + 3 * UNIT);
		let blocks = (System::block_number() - voted_at) as u128;
		assert_eq!(Balances::total_issuance(), issuance - 3 * UNIT + blocks * UNIT);
		apply_ok(Bob, post("still here"));
	});
}

/// Finding 4 of the moderation review: a suspended account moved its identity (handle, profile,
/// followers) to a fresh key and went on posting. Now the suspension moves with the identity; a
/// handle transfer moves only the handle and leaves the suspension on the account.
#[test]
fn a_suspension_moves_with_the_identity_and_stays_on_a_transfer_of_the_handle() {
	in_block_one(|| {
		let claim = |handle: &str| pallet_profiles::Call::claim_handle {
			handle: handle.as_bytes().to_vec(),
		};
		apply_ok(Bob, claim("bob"));
		apply_ok(Dave, claim("dave"));
		apply_ok(Bob, post("you again?"));
		for who in [Charlie, Dave, Eve] {
			report(who, Target::Account(Bob.to_account_id()), HARASSMENT);
		}
		vote(Alice, 0, true, 500 * UNIT);
		close(0);
		assert!(matches!(Runtime::case(0).unwrap().status, CaseStatus::Upheld { .. }));
		let until = Runtime::status(Target::Account(Bob.to_account_id())).suspended_until;
		assert!(until.is_some());

		// Bob moves to Ferdie's key (funded, with no identity of its own).
		let to_ferdie =
			pallet_profiles::Call::move_identity { new_account: Ferdie.to_account_id().into() };
		apply_ok(Bob, to_ferdie);
		assert_eq!(Runtime::status(Target::Account(Ferdie.to_account_id())).suspended_until, until);
		assert_eq!(error_name(apply(Ferdie, post("new key, same me")).unwrap()), "AuthorSuspended");
		assert_eq!(Runtime::status(Target::Account(Bob.to_account_id())).suspended_until, None);

		// The suspended Ferdie gives the handle to Alice's key: the suspension stays with Ferdie.
		let give = pallet_profiles::Call::transfer_handle { to: Alice.to_account_id().into() };
		apply_ok(Ferdie, give);
		assert_eq!(error_name(apply(Ferdie, post("still me")).unwrap()), "AuthorSuspended");
		apply_ok(Alice, post("the handle is mine now"));
	});
}

/// Finding 5: a move failed with `Frozen` when a vote lock overlapped the deposits to move. It now
/// says exactly why, and works once the lock is gone.
#[test]
fn a_move_refused_for_frozen_deposits_says_so_and_works_after_the_unlock() {
	in_block_one(|| {
		apply_ok(Dave, pallet_profiles::Call::claim_handle { handle: b"dave".to_vec() });
		apply_ok(Bob, post("a post to vote on"));
		for who in [Charlie, Eve, Ferdie] {
			report(who, Target::Post(0), SPAM);
		}
		// Dave votes with everything he has, deposits included.
		let all = Balances::total_balance(&Dave.to_account_id()) - UNIT;
		vote(Dave, 0, false, all);
		let to_alice =
			|| pallet_profiles::Call::move_identity { new_account: Alice.to_account_id().into() };
		assert_eq!(error_name(apply(Dave, to_alice()).unwrap()), "DepositsFrozen");
		close(0);
		apply_ok(Dave, pallet_moderation::Call::unlock { who: Dave.to_account_id() });
		apply_ok(Dave, to_alice());
	});
}
