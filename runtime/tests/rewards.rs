//! Runtime tests of tipping and creator rewards: signed extrinsics through `Executive` over several
//! blocks of the `development` preset (eras of ten blocks), read back through the runtime APIs. Alice
//! authors every block there (and earns block rewards and fee shares), so the creators are others.

mod common;

use common::{apply, apply_ok, error_name, in_block_one, last_fee, run_to_block};
use frame_support::traits::fungible::Inspect;
use kith_runtime::{
	genesis_config_presets::{DEV_ERA_LENGTH, REWARD_PER_ERA},
	Balances, Runtime, UNIT,
};
use pallet_creator_rewards::{
	runtime_api::runtime_decl_for_creator_rewards_api::CreatorRewardsApiV1, Payout,
};
use pallet_posts::{ContentInput, NewPostKind, Reaction};
use pallet_tipping::{
	runtime_api::runtime_decl_for_tipping_api::TippingApiV1, TipTarget, TipTotals,
};
use sp_keyring::Sr25519Keyring::{self, Bob, Charlie, Dave, Eve, Ferdie};

fn balance(who: Sr25519Keyring) -> u128 {
	Balances::balance(&who.to_account_id())
}

fn post(who: Sr25519Keyring, text: &str) {
	apply_ok(
		who,
		pallet_posts::Call::create_post {
			kind: NewPostKind::Root,
			content: Some(ContentInput::Text(text.as_bytes().to_vec())),
		},
	);
}

fn tip(target: TipTarget<kith_runtime::AccountId>, amount: u128) -> pallet_tipping::Call<Runtime> {
	pallet_tipping::Call::tip { target, amount, memo: None }
}

/// What the creator reward pool burns of a fee (four fifths; the block author gets the rest).
fn burned(fee: u128) -> u128 {
	fee - fee / 5
}

#[test]
fn a_tip_pays_the_author_and_is_counted() {
	in_block_one(|| {
		post(Eve, "tip me");
		let before = balance(Eve);
		apply_ok(Bob, tip(TipTarget::Post(0), 5 * UNIT));
		apply_ok(Charlie, tip(TipTarget::Creator(Eve.to_account_id()), UNIT));
		assert_eq!(balance(Eve), before + 6 * UNIT);
		assert_eq!(Runtime::post_tips(0), TipTotals { total: 5 * UNIT, count: 1 });
		assert_eq!(
			Runtime::creator_tips(Eve.to_account_id()),
			TipTotals { total: 6 * UNIT, count: 2 }
		);

		assert_eq!(error_name(apply(Eve, tip(TipTarget::Post(0), UNIT)).unwrap()), "CannotTipSelf");
		assert_eq!(error_name(apply(Bob, tip(TipTarget::Post(9), UNIT)).unwrap()), "PostNotFound");
		assert_eq!(error_name(apply(Bob, tip(TipTarget::Post(0), 1)).unwrap()), "TipTooSmall");
		assert_eq!(
			error_name(apply(Bob, tip(TipTarget::Post(0), 10_000_000 * UNIT)).unwrap()),
			"InsufficientBalance"
		);
		assert_eq!(Runtime::post_tips(0).count, 1, "failed tips changed nothing");
	});
}

#[test]
fn curators_steer_an_era_pool_and_the_creator_claims_it_after_the_review() {
	in_block_one(|| {
		post(Eve, "a post worth appreciating");
		post(Ferdie, "another one");
		apply_ok(Bob, pallet_creator_rewards::Call::bond { amount: 2_000 * UNIT });
		apply_ok(Dave, pallet_creator_rewards::Call::bond { amount: 1_000 * UNIT });
		assert_eq!(Runtime::current_era().era, 0);

		run_to_block(DEV_ERA_LENGTH + 1);
		assert_eq!(Runtime::current_era().era, 1);
		// Bob's votes are worth 2,000 / 20 = 100 KITH, Dave's 50 KITH; Charlie has no bond.
		apply_ok(Bob, pallet_posts::Call::react { post_id: 0, reaction: Reaction::Like });
		apply_ok(Dave, tip(TipTarget::Post(0), UNIT));
		apply_ok(Charlie, pallet_posts::Call::react { post_id: 0, reaction: Reaction::Love });
		apply_ok(Dave, pallet_posts::Call::react { post_id: 1, reaction: Reaction::Insightful });
		assert_eq!(Runtime::scores(1, Eve.to_account_id()), (150 * UNIT, 0));
		assert_eq!(Runtime::scores(1, Ferdie.to_account_id()), (50 * UNIT, 0));
		assert_eq!(Runtime::scores(1, Dave.to_account_id()), (0, 100 * UNIT));
		assert_eq!(Runtime::current_era().score, 200 * UNIT);

		run_to_block(2 * DEV_ERA_LENGTH + 1);
		assert_eq!(
			error_name(apply(Eve, pallet_creator_rewards::Call::claim { era: 1 }).unwrap()),
			"EraInReview"
		);
		run_to_block(3 * DEV_ERA_LENGTH + 1);
		// Era 0 had no votes: its pool was never minted. Era 1's pool is its reward and four fifths of
		// the fees paid in it, half for creators and half for curators, in full (a score of 200 KITH
		// passes the development target of 100).
		let era = Runtime::era_rewards(1).unwrap();
		let (creators, curators) = (era.creators, era.curators);
		assert!(creators + curators > REWARD_PER_ERA, "fees went to the pool");
		assert_eq!(curators, (creators + curators) / 2);
		assert_eq!(
			Runtime::pending_rewards(Eve.to_account_id()),
			vec![(1, Payout { creator: creators * 3 / 4, curator: 0, withheld: 0 })]
		);
		let issuance = Balances::total_issuance();
		let before = balance(Eve);
		apply_ok(Eve, pallet_creator_rewards::Call::claim { era: 1 });
		let fee = last_fee();
		assert_eq!(balance(Eve), before + creators * 3 / 4 - fee);
		let before = balance(Dave);
		apply_ok(Dave, pallet_creator_rewards::Call::claim { era: 1 });
		assert_eq!(
			balance(Dave),
			before + curators * 100 / 200 - last_fee(),
			"Dave spent 100 of 200"
		);
		assert_eq!(
			Balances::total_issuance(),
			issuance + creators * 3 / 4 + curators / 2 - burned(fee) - burned(last_fee()),
			"issuance grew by the claims, less what the pool burned of the fees"
		);
		assert_eq!(
			error_name(apply(Eve, pallet_creator_rewards::Call::claim { era: 1 }).unwrap()),
			"NothingToClaim"
		);
	});
}

/// Bob self-deals: he reacts to his own second account Eve's post, takes the reaction back, reacts
/// again and tips it. Dave, with the same bond, curates Ferdie's post. Unflagged, Bob and Eve together
/// earn twice what Dave earns; once Charlie, with the same bond, flags Eve's post in the review, they
/// earn nothing and Dave's honest curation takes the era.
#[test]
fn self_dealing_earns_at_most_twice_honest_curation_and_flags_of_the_same_bond_take_it_all() {
	in_block_one(|| {
		post(Eve, "my own post, upvoted by my other account");
		post(Ferdie, "a post others like");
		for curator in [Bob, Charlie, Dave] {
			apply_ok(curator, pallet_creator_rewards::Call::bond { amount: 2_000 * UNIT });
		}
		let self_dealing = |era: u32| {
			run_to_block(era * DEV_ERA_LENGTH + 1);
			apply_ok(Bob, pallet_posts::Call::react { post_id: 0, reaction: Reaction::Like });
			apply_ok(Bob, pallet_posts::Call::unreact { post_id: 0 });
			apply_ok(Bob, pallet_posts::Call::react { post_id: 0, reaction: Reaction::Love });
			apply_ok(Bob, tip(TipTarget::Post(0), UNIT));
			apply_ok(Dave, pallet_posts::Call::react { post_id: 1, reaction: Reaction::Like });
			assert_eq!(Runtime::scores(era, Eve.to_account_id()).0, 100 * UNIT, "one vote");
			// Taking the reactions back does not take the votes back, and leaves room for the next era.
			apply_ok(Bob, pallet_posts::Call::unreact { post_id: 0 });
			apply_ok(Dave, pallet_posts::Call::unreact { post_id: 1 });
		};
		self_dealing(1);
		self_dealing(2); // era 1 in review, unflagged
		run_to_block(3 * DEV_ERA_LENGTH + 1); // era 2 in review
		apply_ok(
			Charlie,
			pallet_creator_rewards::Call::flag {
				post: 0,
				reason: pallet_creator_rewards::FlagReason::SelfVoting,
			},
		);
		run_to_block(4 * DEV_ERA_LENGTH + 1);

		let earned = |who: Sr25519Keyring, era: u32| {
			Runtime::pending_rewards(who.to_account_id())
				.into_iter()
				.find(|(e, _)| *e == era)
				.map_or(0, |(_, payout)| payout.creator + payout.curator)
		};
		let (attacker, honest) = (earned(Bob, 1) + earned(Eve, 1), earned(Dave, 1));
		assert!(honest > 0 && attacker <= 2 * honest && attacker + 2 >= 2 * honest);
		let pool = Runtime::era_rewards(2).unwrap();
		assert_eq!(earned(Bob, 2) + earned(Eve, 2), 0, "flagged: nothing");
		assert_eq!(earned(Dave, 2), pool.curators, "honest curation takes the curators' half");
	});
}
