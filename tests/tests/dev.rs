//! `kith-node --dev`: one validator that produces and finalizes blocks alone, and its standard JSON-RPC.

use codec::Decode;
use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
use kith_e2e::{decode_hex, Node};
use kith_runtime::{BalancesCall, RuntimeCall, UNIT};
use serde_json::json;
use sp_core::{
	crypto::{Ss58AddressFormat, Ss58AddressFormatRegistry, Ss58Codec},
	sr25519, Pair,
};
use sp_keyring::Sr25519Keyring;

/// Kith's own pallets.
const KITH_PALLETS: &[&str] =
	&["Profiles", "Follows", "Posts", "Tipping", "CreatorRewards", "Moderation", "Validators"];

/// Every pallet of the runtime, as the metadata names them.
const PALLETS: &[&str] = &[
	"System",
	"Timestamp",
	"Aura",
	"Grandpa",
	"Balances",
	"Authorship",
	"Validators",
	"Session",
	"Historical",
	"Offences",
	"TransactionPayment",
	"Sudo",
	"Scheduler",
	"Preimage",
	"Profiles",
	"Follows",
	"Posts",
	"Tipping",
	"CreatorRewards",
	"Moderation",
	"Referenda",
	"ConvictionVoting",
	"Origins",
	"Quota",
	"Proxy",
	"Utility",
];

/// The pallet names of decoded metadata of version 14 or later.
fn pallet_names(bytes: &[u8]) -> (u32, Vec<String>) {
	let prefixed = RuntimeMetadataPrefixed::decode(&mut &bytes[..]).expect("metadata decodes");
	assert_eq!(prefixed.0, frame_metadata::META_RESERVED, "metadata starts with the `meta` magic");
	match prefixed.1 {
		RuntimeMetadata::V14(m) => (14, m.pallets.into_iter().map(|p| p.name).collect()),
		RuntimeMetadata::V15(m) => (15, m.pallets.into_iter().map(|p| p.name).collect()),
		RuntimeMetadata::V16(m) => (16, m.pallets.into_iter().map(|p| p.name).collect()),
		other => panic!("metadata older than V14: version {}", other.version()),
	}
}

/// Every call, event and error of Kith's own pallets carries documentation, as wallets show it.
fn assert_kith_pallets_are_documented(v15: &[u8]) {
	use frame_metadata::v15::RuntimeMetadataV15;
	use scale_info::TypeDef;

	let RuntimeMetadataPrefixed(_, RuntimeMetadata::V15(metadata)) =
		RuntimeMetadataPrefixed::decode(&mut &v15[..]).unwrap()
	else {
		panic!("not V15 metadata")
	};
	let RuntimeMetadataV15 { types, pallets, .. } = metadata;
	for pallet in pallets.iter().filter(|p| KITH_PALLETS.contains(&p.name.as_str())) {
		assert!(!pallet.docs.is_empty(), "{} has a module doc", pallet.name);
		let kinds = [
			("call", pallet.calls.as_ref().map(|c| c.ty.id)),
			("event", pallet.event.as_ref().map(|e| e.ty.id)),
			("error", pallet.error.as_ref().map(|e| e.ty.id)),
		];
		for (kind, id) in kinds {
			let id = id.unwrap_or_else(|| panic!("{} has {kind}s", pallet.name));
			let TypeDef::Variant(variants) = &types.resolve(id).unwrap().type_def else {
				panic!("{} {kind}s are an enum", pallet.name)
			};
			for variant in &variants.variants {
				assert!(
					!variant.docs.is_empty(),
					"{}::{kind}::{} is documented",
					pallet.name,
					variant.name
				);
			}
		}
	}
}

#[test]
fn dev_chain_produces_and_finalizes_blocks_and_serves_the_standard_rpc() {
	// `--dev` itself, as a user starts it; the other tests start the same chain from its cached spec.
	let node = Node::start("dev", &["--dev"]);
	node.wait_finalized(3);

	let health = node.rpc("system_health", json!([]));
	assert_eq!(health["isSyncing"], json!(false));

	let methods = node.rpc("rpc_methods", json!([]));
	let methods: Vec<&str> =
		methods["methods"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
	for method in [
		"chain_getBlock",
		"state_getStorage",
		"author_submitExtrinsic",
		"author_rotateKeys",
		"system_accountNextIndex",
		"payment_queryInfo",
		"chainHead_v1_follow",
		"transaction_v1_broadcast",
		"chainSpec_v1_genesisHash",
	] {
		assert!(methods.contains(&method), "{method} is served");
	}

	let version = node.rpc("state_getRuntimeVersion", json!([]));
	assert_eq!(version["specName"], json!("kith"));
	assert!(version["specVersion"].as_u64().unwrap() >= 100);

	let properties = node.rpc("system_properties", json!([]));
	assert_eq!(properties["tokenSymbol"], json!("KITH"));
	assert_eq!(properties["tokenDecimals"], json!(12));
	assert_eq!(properties["ss58Format"], json!(kith_runtime::SS58_PREFIX));

	let (version, pallets) = pallet_names(&decode_hex(&node.rpc("state_getMetadata", json!([]))));
	assert!(version >= 14);
	for pallet in PALLETS {
		assert!(pallets.iter().any(|p| p == pallet), "{pallet} is in the metadata: {pallets:?}");
	}

	// The newer metadata versions through `Metadata_metadata_at_version`, as subxt asks for them.
	let v15: Option<Vec<u8>> = node.runtime_call("Metadata_metadata_at_version", 15u32);
	let v15 = v15.expect("V15 metadata is offered");
	let (version, pallets) = pallet_names(&v15);
	assert_eq!((version, pallets.len()), (15, PALLETS.len()));
	assert_kith_pallets_are_documented(&v15);
}

#[test]
fn signed_transfer_is_included_and_rpc_takes_kith_and_generic_addresses() {
	let node = Node::dev("dev");
	node.wait_best(1);
	let (recipient, _) = sr25519::Pair::generate();
	let recipient = kith_runtime::AccountId::from(recipient.public());
	assert_eq!(node.free_balance(&recipient), 0);

	let call = RuntimeCall::Balances(BalancesCall::transfer_allow_death {
		dest: recipient.clone().into(),
		value: 42 * UNIT,
	});
	let included = node.submit(&Sr25519Keyring::Alice.pair(), call);
	assert!(included.events.iter().any(|e| matches!(
		e,
		kith_runtime::RuntimeEvent::Balances(pallet_balances::Event::Transfer { amount, .. })
			if *amount == 42 * UNIT
	)));
	assert_eq!(node.free_balance(&recipient), 42 * UNIT);

	// Addresses in Kith's own SS58 format (4242, as polkadot.js apps shows them) and in the generic
	// Substrate format both work wherever the RPC takes an address.
	let alice = Sr25519Keyring::Alice.to_account_id();
	let kith =
		alice.to_ss58check_with_version(Ss58AddressFormat::custom(kith_runtime::SS58_PREFIX));
	let generic =
		alice.to_ss58check_with_version(Ss58AddressFormatRegistry::SubstrateAccount.into());
	assert_ne!(kith, generic);
	for address in [kith, generic] {
		let nonce = node.rpc("system_accountNextIndex", json!([address]));
		assert_eq!(nonce, json!(1), "the nonce of {address}");
	}
	let error = node.try_rpc("system_accountNextIndex", json!(["not-an-address"])).unwrap_err();
	assert_ne!(error.code, 0, "a JSON-RPC error: {error:?}");
}

#[test]
fn garbage_extrinsic_gets_a_json_rpc_error_and_blocks_continue() {
	let node = Node::dev("dev");
	let best = node.wait_best(1);

	let error = node.try_rpc("author_submitExtrinsic", json!(["0xdeadbeef00"])).unwrap_err();
	assert_ne!(error.code, 0, "a JSON-RPC error, not a transport failure: {error:?}");
	assert!(!error.message.is_empty());
	let error = node.try_rpc("author_submitExtrinsic", json!(["not hex at all"])).unwrap_err();
	assert_ne!(error.code, 0, "{error:?}");

	node.wait_best(best + 2);
	node.wait_finalized(best + 1);
}

/// Set by [`nodes_die_with_the_test_process`] for the child test process it kills.
const PID_FILE: &str = "KITH_E2E_PID_FILE";

/// Run only as the child of [`nodes_die_with_the_test_process`]: starts a node, writes its pid to the
/// file the parent names, and waits to be killed.
#[test]
#[ignore = "the child half of nodes_die_with_the_test_process"]
fn child_that_is_killed_with_its_node() {
	let Some(pid_file) = std::env::var_os(PID_FILE) else { return };
	let node = Node::dev("dev");
	std::fs::write(pid_file, node.pid().to_string()).unwrap();
	std::thread::sleep(std::time::Duration::from_secs(300));
}

/// A node started by a test dies with the test process, also when that process is killed outright
/// (SIGKILL runs no destructor): nothing keeps running, or holding ports, after a test is killed.
#[test]
fn nodes_die_with_the_test_process() {
	let dir = tempfile::tempdir().unwrap();
	let pid_file = dir.path().join("node.pid");
	let mut child = std::process::Command::new(std::env::current_exe().unwrap())
		.args(["--exact", "child_that_is_killed_with_its_node", "--ignored", "--nocapture"])
		.env(PID_FILE, &pid_file)
		.stdout(std::process::Stdio::null())
		.stderr(std::process::Stdio::null())
		.spawn()
		.unwrap();
	// The child's node waits its turn to start behind every other test's nodes (see the harness).
	let deadline = std::time::Instant::now() + 4 * kith_e2e::DEADLINE;
	let node_pid: i32 = loop {
		if let Some(pid) = std::fs::read_to_string(&pid_file).ok().and_then(|s| s.parse().ok()) {
			break pid;
		}
		assert!(child.try_wait().unwrap().is_none(), "the child test ended before starting a node");
		assert!(std::time::Instant::now() < deadline, "the child test started no node");
		std::thread::sleep(std::time::Duration::from_millis(100));
	};
	// Alive: in the process table and not a zombie waiting for whoever adopted it to reap it.
	let alive = |pid: i32| {
		let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
		let state = stat.rsplit(')').next().and_then(|rest| rest.split_whitespace().next());
		matches!(state, Some(s) if s != "Z" && s != "X")
	};
	assert!(alive(node_pid));

	child.kill().unwrap(); // SIGKILL
	child.wait().unwrap();
	let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
	while alive(node_pid) {
		assert!(std::time::Instant::now() < deadline, "node {node_pid} outlived its killed test");
		std::thread::sleep(std::time::Duration::from_millis(50));
	}
}
