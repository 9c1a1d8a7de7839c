//! Governance on a running `--dev` node (tracks at development pace): a preimage and a referendum for
//! a new rulebook submitted over JSON-RPC, votes from two accounts with conviction, enactment, and the
//! new version read through `ModerationApi`.

use codec::Encode;
use frame_support::traits::{schedule::DispatchTime, Bounded};
use kith_e2e::Node;
use kith_runtime::{governance::origins, BlockNumber, OriginCaller, Runtime, RuntimeCall, UNIT};
use pallet_conviction_voting::{AccountVote, Conviction, Vote};
use pallet_moderation::{RuleAction, RuleDescription, RuleInput, Rulebook, RulebookEntry};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};
use sp_runtime::traits::{BlakeTwo256, Hash};

fn rulebook(node: &Node) -> Rulebook<BlockNumber> {
	node.runtime_call("ModerationApi_rulebook", ())
}

#[test]
fn a_rulebook_referendum_over_rpc_is_voted_and_enacted() {
	let node = Node::start("governance", &["--dev"]);
	node.wait_best(1);
	let before = rulebook(&node);
	assert_eq!(before.version, 1);

	let mut entries: Vec<_> = before
		.rules
		.iter()
		.map(|rule| RulebookEntry {
			id: Some(rule.id),
			rule: RuleInput {
				title: rule.title.clone(),
				description: rule.description.clone(),
				action: rule.action,
			},
		})
		.collect();
	entries.push(RulebookEntry {
		id: None,
		rule: RuleInput {
			title: b"Vote buying".to_vec().try_into().unwrap(),
			description: RuleDescription::Text(b"Paying for votes or reactions.".to_vec().try_into().unwrap()),
			action: RuleAction::Suspend { blocks: 600 },
		},
	});
	let call = RuntimeCall::Moderation(pallet_moderation::Call::set_rulebook {
		entries: entries.try_into().unwrap(),
	});
	let bytes = call.encode();
	let proposal = Bounded::Lookup { hash: BlakeTwo256::hash(&bytes), len: bytes.len() as u32 };

	let alice = Alice.pair();
	node.submit(&alice, RuntimeCall::Preimage(pallet_preimage::Call::note_preimage { bytes }));
	node.submit(
		&alice,
		RuntimeCall::Referenda(pallet_referenda::Call::submit {
			proposal_origin: Box::new(OriginCaller::Origins(origins::Origin::ModerationRules)),
			proposal,
			enactment_moment: DispatchTime::After(0),
		}),
	);
	node.submit(&alice, RuntimeCall::Referenda(pallet_referenda::Call::place_decision_deposit { index: 0 }));
	for voter in [Bob, Charlie] {
		node.submit(
			&voter.pair(),
			RuntimeCall::ConvictionVoting(pallet_conviction_voting::Call::vote {
				poll_index: 0,
				vote: AccountVote::Standard {
					vote: Vote { aye: true, conviction: Conviction::Locked2x },
					balance: 900_000 * UNIT,
				},
			}),
		);
	}

	let after = node.wait_for("the new rulebook", || Some(rulebook(&node)).filter(|b| b.version == 2));
	assert_eq!(after.rules.len(), before.rules.len() + 1);
	assert_eq!(after.rules.last().map(|r| r.title.to_vec()), Some(b"Vote buying".to_vec()));
	let key = pallet_referenda::ReferendumInfoFor::<Runtime>::hashed_key_for(0u32);
	let info: Option<pallet_referenda::ReferendumInfoOf<Runtime, ()>> = node.storage(&key);
	assert!(matches!(info, Some(pallet_referenda::ReferendumInfo::Approved(..))), "{info:?}");
}
