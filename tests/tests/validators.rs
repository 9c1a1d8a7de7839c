//! The open validator set on a `--chain local` network of four nodes (sessions of 5 blocks): Alice, Bob
//! and Charlie validate from genesis; Dave runs a `--validator` node that is not in the set. Over
//! JSON-RPC, Dave rotates his node's session keys (`author_rotateKeysWithOwner`), sets them
//! (`session.set_keys`) and registers with a bond (`validators.register`). After the session boundary
//! Dave is in the set and authors blocks (the Aura slot in a block's digest maps to him), and GRANDPA
//! keeps finalizing with four voters. Then Charlie is killed (`kill -9`): the chain keeps finalizing
//! with three of four, Charlie is jailed after a session without blocks, and the set shrinks to three.

use codec::{Decode, Encode};
use kith_e2e::{chain_spec, decode_hex, hex, Node};
use kith_runtime::{opaque::SessionKeys, AccountId, Runtime, RuntimeCall, UNIT};
use serde_json::json;
use sp_keyring::Sr25519Keyring::{self, Charlie, Dave};
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
