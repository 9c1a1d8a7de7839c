//! `kith-node --chain local`: Alice, Bob and Charlie validate on one machine.
//!
//! GRANDPA finalizes with more than two thirds of the voters' weight: with three equal validators that is
//! all three (it tolerates ⌊(3 − 1) / 3⌋ = 0 faults). So while one of them is down, the other two keep
//! producing blocks (Aura) but finality waits; once the third is back and has caught up, finality resumes
//! and covers the blocks made without it.

use kith_e2e::Node;

/// Starts Alice, then Bob and Charlie with Alice as their boot node.
fn start_testnet() -> Vec<Node> {
	let alice = Node::start("alice", &["--chain", "local", "--alice"]);
	let boot = alice.multiaddr();
	let bob = Node::start("bob", &["--chain", "local", "--bob", "--bootnodes", &boot]);
	let charlie = Node::start("charlie", &["--chain", "local", "--charlie", "--bootnodes", &boot]);
	vec![alice, bob, charlie]
}

#[test]
fn three_validators_agree_on_finality_and_survive_a_crash() {
	let mut nodes = start_testnet();

	// All three finalize the same chain.
	for node in &nodes {
		node.wait_finalized(5);
	}
	let hash = nodes[0].block_hash(5);
	for node in &nodes[1..] {
		assert_eq!(node.block_hash(5), hash, "{} has the same block #5", node.name);
	}

	// Charlie crashes; Alice and Bob keep producing blocks, but two of three voters cannot finalize them.
	nodes[2].kill();
	let best = nodes[0].best_number();
	nodes[0].wait_best(best + 4);
	nodes[1].wait_best(best + 4);
	let stalled = nodes[0].finalized_number();
	assert!(
		stalled <= best,
		"finalized #{stalled} without Charlie, beyond #{best} where he stopped"
	);

	// Charlie restarts on its database, catches up, and finality resumes past what was built without it.
	nodes[2].restart();
	let target = nodes[0].best_number();
	for node in &nodes {
		node.wait_finalized(target);
	}
	assert_eq!(nodes[2].block_hash(target), nodes[0].block_hash(target));
	assert_eq!(nodes[1].block_hash(target), nodes[0].block_hash(target));
}
