//! `kith-node --dev`: one validator that produces and finalizes blocks alone, and its standard JSON-RPC.

use codec::Decode;
use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
use kith_e2e::{decode_hex, Node};
use kith_runtime::{BalancesCall, RuntimeCall, UNIT};
use serde_json::json;
use sp_core::{sr25519, Pair};
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
];

fn dev_node() -> Node {
	Node::start("dev", &["--dev"])
}

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
	let node = dev_node();
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
fn signed_transfer_over_rpc_is_included_and_moves_the_balance() {
	let node = dev_node();
	node.wait_best(1);
	let (recipient, _) = sr25519::Pair::generate();
	let recipient = kith_runtime::AccountId::from(recipient.public());
	assert_eq!(node.free_balance(&recipient), 0);

	let call = RuntimeCall::Balances(BalancesCall::transfer_allow_death {
		dest: recipient.clone().into(),
		value: 42 * UNIT,
	});
	node.submit(&Sr25519Keyring::Alice.pair(), call);

	node.wait_for("the transfer to be included", || {
		(node.free_balance(&recipient) == 42 * UNIT).then_some(())
	});
	let alice = Sr25519Keyring::Alice.to_account_id();
	let nonce = node.rpc("system_accountNextIndex", json!([alice.to_string()]));
	assert_eq!(nonce, json!(1));
}

#[test]
fn garbage_extrinsic_gets_a_json_rpc_error_and_blocks_continue() {
	let node = dev_node();
	let best = node.wait_best(1);

	let error = node.try_rpc("author_submitExtrinsic", json!(["0xdeadbeef00"])).unwrap_err();
	assert_ne!(error.code, 0, "a JSON-RPC error, not a transport failure: {error:?}");
	assert!(!error.message.is_empty());
	let error = node.try_rpc("author_submitExtrinsic", json!(["not hex at all"])).unwrap_err();
	assert_ne!(error.code, 0, "{error:?}");

	node.wait_best(best + 2);
	node.wait_finalized(best + 1);
}
