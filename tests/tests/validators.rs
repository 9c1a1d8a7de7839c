//! The open validator set on a `--chain local` network of four nodes (sessions of 5 blocks): Alice, Bob
//! and Charlie validate from genesis; Dave runs a `--validator` node that is not in the set. Over
//! JSON-RPC, Dave rotates his node's session keys (`author_rotateKeysWithOwner`), sets them
//! (`session.set_keys`) and registers with a bond (`validators.register`). After the session boundary
//! Dave is in the set and authors blocks (the Aura slot in a block's digest maps to him), and GRANDPA
//! keeps finalizing with four voters. Then Charlie is killed (`kill -9`): the chain keeps finalizing
//! with three of four, Charlie is jailed after a session without blocks, and the set shrinks to three.
//!
//! And the classic operator's mistake on a four-validator chain: Dave's keys run on two nodes at once.
//! To make the two nodes' votes differ for certain (two nodes in step mostly vote alike: votes aim
//! below the best block), the network starts in two halves that cannot finalize (Alice with Dave's
//! first node, Bob with Charlie), and Dave's second node joins Bob's half once it has blocks: in GRANDPA
//! round 1, Dave's key has voted for the genesis block in one half and for a later block in the other.
//! When the halves meet, the other voters' nodes see both votes and report them (an unsigned
//! `grandpa.report_equivocation_unsigned`, included by the reporting validator's next block). Dave is
//! slashed, jailed and leaves the set, and finality goes on.

use codec::{Decode, Encode};
use kith_e2e::{chain_spec, decode_hex, decode_hex_as, hex, Node};
use kith_runtime::{
	genesis_config_presets::VALIDATOR_BOND, opaque::SessionKeys, AccountId, Balance, Runtime,
	RuntimeCall, UncheckedExtrinsic, UNIT,
};
use serde_json::json;
use sp_keyring::{
	Ed25519Keyring,
	Sr25519Keyring::{self, Alice, Bob, Charlie, Dave},
};
use sp_runtime::Perbill;
use std::time::Duration;

/// Sessions of this many blocks (30 s), instead of the preset's minute: a session must still have at
/// least as many blocks as validators (4), or nobody is jailed for missing it.
const SESSION_LENGTH: u32 = 5;

/// Long enough for several sessions.
const SESSIONS: Duration = Duration::from_secs(300);

fn validators(node: &Node) -> Vec<AccountId> {
	node.runtime_call("ValidatorsApi_validators", ())
}

fn jailed(node: &Node) -> Vec<(AccountId, u32)> {
	node.runtime_call("ValidatorsApi_jailed", ())
}

fn candidates(node: &Node) -> Vec<(AccountId, Balance, bool)> {
	node.runtime_call("ValidatorsApi_candidates", ())
}

/// The account that authored block `number`: the validator of the session at its parent whose index
/// is the Aura slot in the block's pre-runtime digest, modulo the set's size.
fn author(node: &Node, number: u32) -> AccountId {
	let slot: u64 = node
		.digest(node.block_hash(number))
		.iter()
		.find_map(|item| item.pre_runtime_try_to(b"aura"))
		.expect("every block has an Aura pre-runtime digest");
	let set: Vec<AccountId> = node
		.storage_at(
			&pallet_session::Validators::<Runtime>::hashed_key(),
			node.block_hash(number - 1),
		)
		.expect("a session set");
	set[(slot % set.len() as u64) as usize].clone()
}

fn start(spec: &std::path::Path, name: &str, flag: &str, boot: Option<&str>) -> Node {
	let mut args = vec!["--chain", spec.to_str().unwrap(), flag];
	if let Some(boot) = boot {
		args.extend(["--bootnodes", boot]);
	}
	Node::start(name, &args)
}

#[test]
fn dave_joins_the_set_and_authors_and_an_absent_charlie_is_jailed() {
	let spec = chain_spec("local", json!({ "validators": { "sessionLength": SESSION_LENGTH } }));
	let starting = kith_e2e::start_together();
	let alice = start(&spec, "alice", "--alice", None);
	let boot = alice.multiaddr();
	let bob = start(&spec, "bob", "--bob", Some(&boot));
	let mut charlie = start(&spec, "charlie", "--charlie", Some(&boot));
	let dave = start(&spec, "dave", "--validator", Some(&boot));
	drop(starting);
	for node in [&alice, &bob, &charlie, &dave] {
		node.wait_finalized(1);
	}
	let (dave_id, charlie_id) = (Dave.to_account_id(), Charlie.to_account_id());
	assert_eq!(validators(&alice).len(), 3);

	// Dave's node makes new session keys, with a proof that Dave's account owns them.
	let generated = dave.rpc("author_rotateKeysWithOwner", json!([hex(&dave_id.encode())]));
	let keys = SessionKeys::decode(&mut &decode_hex(&generated["keys"])[..]).unwrap();
	let proof = decode_hex(&generated["proof"]);
	let dave_pair = Sr25519Keyring::Dave.pair();
	dave.submit(&dave_pair, RuntimeCall::Session(pallet_session::Call::set_keys { keys, proof }));
	dave.submit(
		&dave_pair,
		RuntimeCall::Validators(pallet_validators::Call::register { bond: 50_000 * UNIT }),
	);
	let set = alice.wait_within(SESSIONS, "Dave in the set", || {
		let set = validators(&alice);
		set.contains(&dave_id).then_some(set)
	});
	let joined = alice.best_number();
	assert_eq!(set.len(), 4, "Dave joined Alice, Bob and Charlie: {set:?}");

	let authored = alice.wait_within(SESSIONS, "a block authored by Dave", || {
		let best = alice.best_number();
		(joined + 1..=best).find(|n| author(&alice, *n) == dave_id)
	});
	// GRANDPA finalizes with Dave among its four voters.
	for node in [&alice, &bob, &charlie, &dave] {
		node.wait_finalized(authored);
	}

	// Charlie crashes: three of four voters are more than two thirds, so finality goes on.
	charlie.kill();
	let best = alice.best_number();
	alice.wait_finalized(best + 3);
	alice.wait_within(SESSIONS, "Charlie jailed", || {
		jailed(&alice).iter().any(|(who, _)| *who == charlie_id).then_some(())
	});
	alice.wait_within(SESSIONS, "the set without Charlie", || {
		let set = validators(&alice);
		(!set.contains(&charlie_id)).then_some(set)
	});
	assert_eq!(validators(&alice).len(), 3);
	let finalized = alice.finalized_number();
	dave.wait_finalized(finalized + 2);
}

/// The block (number) at or below `best` that includes an unsigned GRANDPA equivocation report, and
/// the number of the block the first reported vote was for.
fn equivocation_report(node: &Node, best: u32) -> (u32, u32) {
	(1..=best)
		.rev()
		.find_map(|number| {
			let block =
				node.rpc("chain_getBlock", json!([format!("{:?}", node.block_hash(number))]));
			block["block"]["extrinsics"].as_array().expect("extrinsics").iter().find_map(|xt| {
				let xt: UncheckedExtrinsic = decode_hex_as(xt);
				let RuntimeCall::Grandpa(pallet_grandpa::Call::report_equivocation_unsigned {
					equivocation_proof,
					..
				}) = xt.function
				else {
					return None;
				};
				let (_, equivocation) = <(
					u64,
					sp_consensus_grandpa::Equivocation<kith_runtime::Hash, u32>,
				)>::decode(&mut &equivocation_proof.encode()[..])
				.expect("a proof is a set id and an equivocation");
				let voted = match equivocation {
					sp_consensus_grandpa::Equivocation::Prevote(e) => e.first.0.target_number,
					sp_consensus_grandpa::Equivocation::Precommit(e) => e.first.0.target_number,
				};
				Some((number, voted))
			})
		})
		.unwrap_or_else(|| node.fail("no block includes the equivocation report"))
}

/// Starts Alice, Bob, Charlie and Dave's validators of `spec` so that Dave's key votes twice in one
/// round: two halves that do not know of each other, neither with the three votes GRANDPA needs, so
/// both stay in round 1: Alice with Dave's node, and Bob with a second node that the operator first
/// syncs (a backup, say) and then restarts with Dave's keys; then the halves meet and Charlie starts.
/// Returns the nodes (Alice, Bob, Charlie, Dave, Dave's twin), Alice's best block at the meeting and
/// when it was.
fn split_and_meet(
	spec: &std::path::Path,
) -> (Node, Node, Node, Node, Node, u32, std::time::Instant) {
	let starting = kith_e2e::start_together();
	let alice = start(spec, "alice", "--alice", None);
	let dave = start(spec, "dave", "--dave", Some(&alice.multiaddr()));
	let bob = start(spec, "bob", "--bob", None);
	let mut twin = Node::start(
		"dave-twin",
		&["--chain", spec.to_str().unwrap(), "--bootnodes", &bob.multiaddr()],
	);
	drop(starting);
	assert_eq!(validators(&alice).len(), 4);
	// The backup sees Bob's chain above genesis; with Dave's keys it votes in round 1 for a block of
	// it, while Dave's first node voted in round 1 on Alice's side.
	twin.wait_best(2);
	twin.kill();
	twin.restart_with(&["--dave"]);
	twin.wait_best(3);
	std::thread::sleep(Duration::from_secs(6));
	let healed = alice.best_number();
	alice.rpc("system_addReservedPeer", json!([bob.multiaddr()]));
	let met = std::time::Instant::now();
	let charlie = start(spec, "charlie", "--charlie", Some(&alice.multiaddr()));
	(alice, bob, charlie, dave, twin, healed, met)
}

#[test]
fn a_validator_whose_keys_run_on_two_nodes_is_reported_slashed_and_jailed() {
	// Alice, Bob, Charlie and Dave validate from genesis.
	let keys: Vec<_> = [(Alice, Ed25519Keyring::Alice), (Bob, Ed25519Keyring::Bob)]
		.into_iter()
		.chain([(Charlie, Ed25519Keyring::Charlie), (Dave, Ed25519Keyring::Dave)])
		.map(|(account, finality)| {
			let id = account.to_account_id();
			let keys =
				SessionKeys { aura: account.public().into(), grandpa: finality.public().into() };
			(id.clone(), id, keys)
		})
		.collect();
	let bonds: Vec<_> = keys.iter().map(|(id, ..)| (id.clone(), VALIDATOR_BOND)).collect();
	let spec = chain_spec(
		"local",
		json!({
			"validators": { "sessionLength": SESSION_LENGTH, "candidates": bonds },
			"session": { "keys": keys },
		}),
	);
	// Voters see two votes of Dave's key in one round only if the halves meet while both are in it;
	// how far each has got then is up to timing, so the scenario runs again (at most three times) when
	// no node has reported an equivocation a minute after the halves met.
	let (alice, bob, charlie, dave, twin, healed, met) = (1..=3)
		.find_map(|attempt| {
			let nodes = split_and_meet(&spec);
			let reported = (0..60).any(|_| {
				std::thread::sleep(Duration::from_secs(1));
				[&nodes.0, &nodes.1, &nodes.2, &nodes.3, &nodes.4]
					.iter()
					.any(|node| node.log().contains("Submitted equivocation report"))
			});
			eprintln!("attempt {attempt}: equivocation reported: {reported}");
			reported.then_some(nodes)
		})
		.expect("an equivocation is reported in one of three attempts");
	let dave_id = Dave.to_account_id();

	// One offender in a set of four: GRANDPA's fraction, min(3·1/4, 1)² = 56.25%, is above the
	// least slash (10%). (Dave may be jailed before that for a session without a block on the
	// canonical chain, his blocks in Alice's half orphaned: the slash is what the report does.)
	let slash = Perbill::from_rational(3u32, 4u32).square() * VALIDATOR_BOND;
	assert_eq!(slash, 56_250 * UNIT);
	// Both of Dave's nodes vote until the set changes: a later round can hold another equivocation and
	// another report, and each takes its own share. At least the first slash is due.
	let mut seen = Vec::new();
	let slashed = (0..SESSIONS.as_secs()).any(|_| {
		seen = candidates(&alice);
		let done =
			seen.iter().any(|(who, bond, _)| *who == dave_id && *bond <= VALIDATOR_BOND - slash);
		if !done {
			std::thread::sleep(Duration::from_secs(1));
		}
		done
	});
	assert!(
		slashed,
		"Dave not slashed within {SESSIONS:?}: candidates {seen:?}, jailed {:?} at Alice's best block {}",
		jailed(&alice),
		alice.best_number()
	);
	// Read after the slash was seen: the block that includes the report is at or below it.
	let punished = alice.best_number();
	let took = met.elapsed();
	assert!(
		jailed(&alice).iter().any(|(who, _)| *who == dave_id),
		"Dave is jailed for the offence: {:?}",
		jailed(&alice)
	);
	let (included, voted) = equivocation_report(&alice, punished);
	eprintln!(
		"equivocation: a vote for block {voted}; the halves met at Alice's block {healed}; the \
		 report was included (Dave slashed and jailed) in block {included}, {:.1} s after they met",
		took.as_secs_f64()
	);

	// Dave leaves the set at the next election, and the other three finalize on.
	alice.wait_within(SESSIONS, "the set without Dave", || {
		(!validators(&alice).contains(&dave_id)).then_some(())
	});
	let finalized = alice.finalized_number();
	for node in [&alice, &bob, &charlie] {
		node.wait_finalized(finalized + 3);
	}
	drop((dave, twin));
}
