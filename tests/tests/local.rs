//! `kith-node --chain local`: Alice, Bob and Charlie validate on one machine.
//!
//! GRANDPA finalizes with more than two thirds of the voters' weight: with three equal validators that is
//! all three (it tolerates ⌊(3 − 1) / 3⌋ = 0 faults). So while one of them is down, the other two keep
//! producing blocks (Aura) but finality waits; once the third is back and has caught up, finality resumes
//! and covers the blocks made without it.

use kith_e2e::Node;

/// Whether a multiaddress points at this machine's loopback interface only.
fn is_loopback(addr: &str) -> bool {
	let mut parts = addr.split('/').skip(1);
	match (parts.next(), parts.next()) {
		(Some("ip4"), Some(ip)) => {
			ip.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
		},
		(Some("ip6"), Some(ip)) => {
			ip.parse::<std::net::Ipv6Addr>().is_ok_and(|ip| ip.is_loopback())
		},
		_ => false,
	}
}

/// Starts Alice, then Bob and Charlie with Alice as their boot node.
fn start_testnet() -> Vec<Node> {
	let spec = kith_e2e::chain_spec("local", serde_json::Value::Null);
	let spec = spec.to_str().unwrap();
	let _starting = kith_e2e::start_together();
	let alice = Node::start("alice", &["--chain", spec, "--alice"]);
	let boot = alice.multiaddr();
	let bob = Node::start("bob", &["--chain", spec, "--bob", "--bootnodes", &boot]);
	let charlie = Node::start("charlie", &["--chain", spec, "--charlie", "--bootnodes", &boot]);
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

	// Every node listens on loopback only, and knows its peers only at loopback addresses.
	for node in &nodes {
		let listening = node.listen_addresses();
		assert!(!listening.is_empty(), "{} listens", node.name);
		assert!(listening.iter().all(|a| is_loopback(a)), "{}: {listening:?}", node.name);
		let health = node.rpc("system_health", serde_json::json!([]));
		assert_eq!(health["peers"], serde_json::json!(2), "{} has both others as peers", node.name);
		let known = node.network_addresses();
		assert!(!known.is_empty(), "{} reports its network state", node.name);
		assert!(known.iter().all(|a| is_loopback(a)), "{}: {known:?}", node.name);
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
