//! Governance on a running `--dev` node (tracks at development pace), all over JSON-RPC:
//! - a preimage and a referendum for a new rulebook, votes from two accounts with conviction,
//!   enactment, and the new version read through `ModerationApi`;
//! - a forkless runtime upgrade through the `root` track: `state_getRuntimeVersion` shows the new
//!   `spec_version` and blocks keep being produced and finalized.

use codec::Encode;
use frame_support::traits::{schedule::DispatchTime, Bounded};
use kith_e2e::Node;
use kith_runtime::{governance::origins, BlockNumber, OriginCaller, Runtime, RuntimeCall, UNIT};
use pallet_conviction_voting::{AccountVote, Conviction, Vote};
use pallet_moderation::{RuleAction, RuleDescription, RuleInput, Rulebook, RulebookEntry};
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::traits::{BlakeTwo256, Hash};

fn rulebook(node: &Node) -> Rulebook<BlockNumber> {
	node.runtime_call("ModerationApi_rulebook", ())
}

/// Alice notes `call` as a preimage, submits it on the track of `origin` and places the decision
/// deposit; returns the referendum's index (the node's first referendum) once it is deciding, so that
/// votes land on an open referendum.
fn propose(node: &Node, origin: OriginCaller, call: RuntimeCall) -> u32 {
	let bytes = call.encode();
	let proposal = Bounded::Lookup { hash: BlakeTwo256::hash(&bytes), len: bytes.len() as u32 };
	let alice = Alice.pair();
	node.submit_all(vec![
		(alice.clone(), RuntimeCall::Preimage(pallet_preimage::Call::note_preimage { bytes })),
		(
			alice.clone(),
			RuntimeCall::Referenda(pallet_referenda::Call::submit {
				proposal_origin: Box::new(origin),
				proposal,
				enactment_moment: DispatchTime::After(0),
			}),
		),
		(
			alice,
			RuntimeCall::Referenda(pallet_referenda::Call::place_decision_deposit { index: 0 }),
		),
	]);
	node.wait_for("the referendum to start deciding", || match referendum(node, 0) {
		Some(pallet_referenda::ReferendumInfo::Ongoing(status)) => status.deciding.map(|_| 0),
		_ => None,
	})
}

/// Referendum `index` as stored at the best block.
fn referendum(node: &Node, index: u32) -> Option<pallet_referenda::ReferendumInfoOf<Runtime, ()>> {
	node.storage(&pallet_referenda::ReferendumInfoFor::<Runtime>::hashed_key_for(index))
}

/// `voters` vote aye on referendum `index` with `balance` each, locked with `conviction`.
fn vote_aye(
	node: &Node,
	index: u32,
	voters: &[Sr25519Keyring],
	balance: u128,
	conviction: Conviction,
) {
	let vote = AccountVote::Standard { vote: Vote { aye: true, conviction }, balance };
	let call = RuntimeCall::ConvictionVoting(pallet_conviction_voting::Call::vote {
		poll_index: index,
		vote,
	});
	node.submit_all(voters.iter().map(|voter| (voter.pair(), call.clone())).collect());
}

/// Whether referendum `index` was approved.
fn approved(node: &Node, index: u32) -> bool {
	matches!(referendum(node, index), Some(pallet_referenda::ReferendumInfo::Approved(..)))
}

#[test]
fn a_rulebook_referendum_over_rpc_is_voted_and_enacted() {
	let node = Node::dev("governance");
	node.wait_best(1);
	let before = rulebook(&node);
	assert_eq!(before.version, 1);

	// The new rulebook keeps every rule and adds one.
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
			description: RuleDescription::Text(
				b"Paying for votes or reactions.".to_vec().try_into().unwrap(),
			),
			action: RuleAction::Suspend { blocks: 600 },
		},
	});
	let call = RuntimeCall::Moderation(pallet_moderation::Call::set_rulebook {
		entries: entries.try_into().unwrap(),
	});
	let index = propose(&node, OriginCaller::Origins(origins::Origin::ModerationRules), call);
	vote_aye(&node, index, &[Bob, Charlie], 900_000 * UNIT, Conviction::Locked2x);

	let after =
		node.wait_for("the new rulebook", || Some(rulebook(&node)).filter(|b| b.version == 2));
	assert_eq!(after.rules.len(), before.rules.len() + 1);
	assert_eq!(after.rules.last().map(|r| r.title.to_vec()), Some(b"Vote buying".to_vec()));
	assert!(approved(&node, index));
}

#[test]
fn a_runtime_upgrade_passes_through_the_root_track() {
	let node = Node::dev("upgrade");
	node.wait_best(1);
	// Right after the upgrade the node compiles the new runtime before it answers, which on a loaded
	// machine can outlast one request's timeout: no answer (code 0) is no version yet, asked again; an
	// error the node answers with fails the test.
	let spec_version =
		|node: &Node| match node.try_rpc("state_getRuntimeVersion", serde_json::json!([])) {
			Ok(version) => version["specVersion"].as_u64(),
			Err(e) if e.code == 0 => None,
			Err(e) => node.fail(&format!("state_getRuntimeVersion failed: {e:?}")),
		};
	let old = kith_runtime::VERSION.spec_version as u64;
	assert_eq!(spec_version(&node), Some(old));

	// Compressed, as wasm-builder's release blobs are: the chain stores it so and decompresses to run.
	let wasm = kith_runtime_upgrade_test::WASM_BINARY.expect("the upgrade runtime is built");
	let code = sp_maybe_compressed_blob::compress_strongly(
		wasm,
		sp_maybe_compressed_blob::CODE_BLOB_BOMB_LIMIT,
	)
	.expect("the runtime is far below the bomb limit");
	let call = RuntimeCall::System(frame_system::Call::set_code { code });
	let index = propose(&node, OriginCaller::system(frame_system::RawOrigin::Root), call);
	// The root track asks for more support than the rulebook's: here about 40% of all KITH votes aye.
	vote_aye(
		&node,
		index,
		&[Bob, Charlie, Dave, Eve, Ferdie],
		990_000 * UNIT,
		Conviction::Locked1x,
	);

	let upgraded_at = node
		.wait_for("the upgrade", || (spec_version(&node)? == old + 1).then(|| node.best_number()));
	assert!(approved(&node, index));
	// Blocks keep coming under the new runtime, and GRANDPA finalizes them.
	node.wait_best(upgraded_at + 3);
	node.wait_finalized(upgraded_at + 2);
}
