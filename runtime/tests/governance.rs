//! Runtime tests of governance on the `development` preset (tracks at development pace): a referendum
//! on the `moderation_rules` track, voted by token holders with conviction, enacts a new rulebook; one
//! that fails approval leaves the rulebook as it was.

mod common;

use codec::Encode;
use common::{apply_ok, in_block_one, run_to_block};
use frame_support::traits::{schedule::DispatchTime, Bounded};
use kith_runtime::{
	governance::{origins, tracks},
	BlockNumber, OriginCaller, Runtime, RuntimeCall, System, UNIT,
};
use pallet_conviction_voting::{AccountVote, Conviction, Vote};
use pallet_moderation::{
	runtime_api::runtime_decl_for_moderation_api::ModerationApiV1, RuleAction, RuleDescription,
	RuleInput, RulebookEntry,
};
use pallet_referenda::ReferendumInfo;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave};
use sp_runtime::traits::{BlakeTwo256, Hash};

/// A rulebook that keeps rule 0 and adds "Vote buying".
fn new_rulebook() -> RuntimeCall {
	let rule = RuleInput {
		title: b"Vote buying".to_vec().try_into().unwrap(),
		description: RuleDescription::Text(
			b"Offering payment for votes.".to_vec().try_into().unwrap(),
		),
		action: RuleAction::Suspend { blocks: 100 },
	};
	let keep = Runtime::rulebook().rules[0].clone();
	let keep = RuleInput { title: keep.title, description: keep.description, action: keep.action };
	RuntimeCall::Moderation(pallet_moderation::Call::set_rulebook {
		entries: vec![RulebookEntry { id: Some(0), rule: keep }, RulebookEntry { id: None, rule }]
			.try_into()
			.unwrap(),
	})
}

/// Alice notes the preimage of `call` and submits it on the track of `origin`; returns its index.
fn propose(origin: OriginCaller, call: RuntimeCall) -> u32 {
	let bytes = call.encode();
	assert!(bytes.len() > 128, "too long to go inline");
	let proposal = Bounded::Lookup { hash: BlakeTwo256::hash(&bytes), len: bytes.len() as u32 };
	apply_ok(Alice, pallet_preimage::Call::note_preimage { bytes });
	let index = pallet_referenda::ReferendumCount::<Runtime>::get();
	apply_ok(
		Alice,
		pallet_referenda::Call::submit {
			proposal_origin: Box::new(origin),
			proposal,
			enactment_moment: DispatchTime::After(0),
		},
	);
	apply_ok(Alice, pallet_referenda::Call::place_decision_deposit { index });
	index
}

fn vote(who: Sr25519Keyring, index: u32, aye: bool, balance: u128) {
	let vote = Vote { aye, conviction: Conviction::Locked1x };
	apply_ok(
		who,
		pallet_conviction_voting::Call::vote {
			poll_index: index,
			vote: AccountVote::Standard { vote, balance },
		},
	);
}

fn run_blocks(count: BlockNumber) {
	run_to_block(System::block_number() + count);
}

#[test]
fn a_moderation_rules_referendum_passes_with_conviction_votes_and_enacts_the_rulebook() {
	in_block_one(|| {
		assert_eq!(Runtime::rulebook().version, 1);
		let index = propose(origins::Origin::ModerationRules.into(), new_rulebook());
		let status = match pallet_referenda::ReferendumInfoFor::<Runtime>::get(index) {
			Some(ReferendumInfo::Ongoing(status)) => status,
			other => panic!("not ongoing: {other:?}"),
		};
		assert_eq!(status.track, tracks::MODERATION_RULES);
		vote(Bob, index, true, 900_000 * UNIT);
		vote(Charlie, index, true, 900_000 * UNIT);
		vote(Dave, index, false, 100_000 * UNIT);

		run_blocks(40);
		assert!(matches!(
			pallet_referenda::ReferendumInfoFor::<Runtime>::get(index),
			Some(ReferendumInfo::Approved(..))
		));
		let book = Runtime::rulebook();
		assert_eq!(book.version, 2);
		let titles: Vec<_> = book.rules.iter().map(|r| (r.id, r.title.to_vec())).collect();
		assert_eq!(titles, vec![(0, b"Spam".to_vec()), (5, b"Vote buying".to_vec())]);
		// The votes stay locked with conviction.
		assert!(pallet_balances::Locks::<Runtime>::get(Bob.to_account_id())
			.iter()
			.any(|lock| lock.amount == 900_000 * UNIT));
	});
}

#[test]
fn a_referendum_that_fails_approval_leaves_the_rulebook_unchanged() {
	in_block_one(|| {
		let index = propose(origins::Origin::ModerationRules.into(), new_rulebook());
		vote(Bob, index, true, 200_000 * UNIT);
		vote(Charlie, index, false, 900_000 * UNIT);
		run_blocks(40);
		assert!(matches!(
			pallet_referenda::ReferendumInfoFor::<Runtime>::get(index),
			Some(ReferendumInfo::Rejected(..))
		));
		assert_eq!(Runtime::rulebook().version, 1);
		assert_eq!(Runtime::rulebook().rules.len(), 5);
	});
}

#[test]
fn only_a_referendum_or_root_may_change_the_rulebook() {
	in_block_one(|| {
		let call = new_rulebook();
		let signed = common::apply(Alice, call).unwrap();
		assert_eq!(signed, Err(sp_runtime::DispatchError::BadOrigin));
		assert_eq!(Runtime::rulebook().version, 1);
	});
}
