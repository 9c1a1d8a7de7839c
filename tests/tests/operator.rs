//! What an operator meets first, against the real binary. A node given no chain refuses to start (the
//! chains built in are secured by the well-known development keys). `build-spec --chain
//! staging:<keys.json>` makes a chain of the operator's own keys, with no well-known account and no sudo
//! key; a validator whose keys were put in its key store with `kith-node key insert` (no RPC) then
//! produces and finalizes that chain's blocks.

use kith_e2e::{node_binary, Node};
use kith_runtime::{genesis_config_presets::VALIDATOR_BOND, AccountId, UNIT};
use serde_json::{json, Value};
use sp_core::{crypto::Ss58Codec, ed25519, sr25519, Pair};
use std::{path::Path, process::Command};

/// Runs `kith-node` with `args`; returns whether it succeeded, its stdout and its stderr.
fn kith_node(args: &[&str]) -> (bool, String, String) {
	let out = Command::new(node_binary()).args(args).output().expect("kith-node runs");
	let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
	(out.status.success(), text(out.stdout), text(out.stderr))
}

#[test]
fn without_a_chain_the_node_refuses_to_start() {
	let loopback =
		["--tmp", "--no-mdns", "--listen-addr", "/ip4/127.0.0.1/tcp/0", "--rpc-port", "0"];
	let (ok, _, stderr) = kith_node(&loopback);
	assert!(!ok);
	assert!(stderr.contains("no chain given: --dev for a development chain"), "{stderr}");
	let (ok, _, stderr) = kith_node(&["build-spec", "--chain", "staging"]);
	assert!(!ok);
	assert!(stderr.contains("the staging chain needs its validators' keys"), "{stderr}");
}

/// The `--flags` of a deployment file's command lines (its `kith-node` lines and their continuations).
fn deploy_flags(file: &str) -> Vec<String> {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy").join(file);
	let text = std::fs::read_to_string(&path).unwrap();
	let mut flags: Vec<String> = text
		.lines()
		.filter(|line| !line.trim_start().starts_with('#'))
		.flat_map(|line| line.split_whitespace())
		.filter(|word| word.starts_with("--"))
		.map(|word| word.trim_matches(|c| c == '\'' || c == '"').to_string())
		.collect();
	flags.sort();
	flags.dedup();
	flags
}

#[test]
fn the_service_and_container_pass_only_flags_the_node_takes() {
	let mut taken = String::new();
	for command in [&["--help"][..], &["key", "generate-node-key", "--help"]] {
		let (ok, help, _) = kith_node(command);
		assert!(ok);
		taken += &help;
	}
	let takes =
		|flag: &str| taken.lines().any(|line| line.split([' ', ',', '=']).any(|word| word == flag));
	for file in ["kith-node.service", "entrypoint.sh"] {
		let flags = deploy_flags(file);
		assert!(flags.contains(&"--rpc-methods".to_string()), "{file}: {flags:?}");
		for flag in flags {
			assert!(takes(&flag), "{file} passes {flag}, which kith-node does not take");
		}
	}
}

#[test]
fn a_staging_chain_runs_on_the_operators_keys_only() {
	let dir = tempfile::tempdir().unwrap();
	// The operator's validator: an account (its phrase stays offline) and a phrase for the session
	// keys the node holds, Aura (sr25519) and GRANDPA (ed25519).
	let account = sr25519::Pair::generate().0.public().to_ss58check();
	let (aura, phrase, _) = sr25519::Pair::generate_with_phrase(None);
	let grandpa = ed25519::Pair::from_phrase(&phrase, None).unwrap().0;
	let keys_file = |balance: u128| {
		let path = dir.path().join(format!("keys-{balance}.json"));
		let keys = json!({
			"name": "Kith Test Staging",
			"validators": [{
				"account": account,
				"aura": aura.public().to_ss58check(),
				"grandpa": grandpa.public().to_ss58check(),
			}],
			"balances": [[account, balance]],
		});
		std::fs::write(&path, keys.to_string()).unwrap();
		format!("staging:{}", path.display())
	};

	// A validator without its bond is refused with the reason.
	let (ok, _, stderr) = kith_node(&["build-spec", "--chain", &keys_file(1_000)]);
	assert!(!ok);
	assert!(stderr.contains("needs a balance of more than 100000 KITH"), "{stderr}");

	let staging = keys_file(2 * (VALIDATOR_BOND / UNIT));
	let (ok, spec, stderr) = kith_node(&["build-spec", "--chain", &staging]);
	assert!(ok, "{stderr}");
	let spec: Value = serde_json::from_str(&spec).unwrap();
	assert_eq!(spec["chainType"], "Live");
	let genesis = &spec["genesis"]["runtimeGenesis"]["patch"];
	assert_eq!(genesis["balances"]["balances"].as_array().unwrap().len(), 1, "{genesis}");
	assert!(genesis["sudo"]["key"].is_null(), "no sudo key: {}", genesis["sudo"]);
	let validator = genesis["session"]["keys"][0][0].as_str().expect("an address");
	let (validator, _) = AccountId::from_ss58check_with_version(validator).unwrap();
	assert_eq!(validator, AccountId::from_ss58check(&account).unwrap());
	let text = spec.to_string();
	let alice = sp_keyring::Sr25519Keyring::Alice.to_account_id();
	assert!(!text.contains(&alice.to_ss58check()), "no development account");
	let spec_path = dir.path().join("staging.json");
	std::fs::write(&spec_path, text).unwrap();
	let spec_path = spec_path.to_str().unwrap();

	// The operator puts the keys in the node's key store, offline, then starts it.
	let insert = |base: &Path| {
		for (key_type, scheme) in [("aura", "sr25519"), ("gran", "ed25519")] {
			let base = base.to_str().unwrap();
			let args = ["key", "insert", "--base-path", base, "--chain", spec_path];
			let (ok, _, stderr) = kith_node(
				&[&args[..], &["--key-type", key_type, "--scheme", scheme, "--suri", &phrase]]
					.concat(),
			);
			assert!(ok, "key insert: {stderr}");
		}
	};
	// Alone on its network, it authors only with --force-authoring.
	let node = Node::start_prepared(
		"staging",
		&["--chain", spec_path, "--validator", "--force-authoring"],
		insert,
	);
	node.wait_finalized(2);
}
