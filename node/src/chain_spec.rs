//! The chain specifications the node knows by name: `dev` and `local`. Any other `--chain` value is read
//! as a chain-spec JSON file (for example one written by `build-spec`).

use kith_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use sc_service::ChainType;
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};

/// A Kith chain specification. Kith has no chain-spec extensions.
pub type ChainSpec = sc_service::GenericChainSpec;

/// What wallets show for the token: symbol, decimals and address format.
fn properties() -> sc_service::Properties {
	let mut properties = sc_service::Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

/// A chain spec of the runtime built into this node, from one of its genesis presets.
fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or_else(|| {
		"this node was built without the wasm runtime (SKIP_WASM_BUILD); rebuild it without"
			.to_string()
	})?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_protocol_id("kith")
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// `--dev`: one validator (Alice) that produces and finalizes blocks alone.
pub fn development() -> Result<ChainSpec, String> {
	from_preset("Kith Development", "kith_dev", ChainType::Development, DEV_RUNTIME_PRESET)
}

/// `--chain local`: Alice, Bob and Charlie validate.
pub fn local_testnet() -> Result<ChainSpec, String> {
	from_preset("Kith Local Testnet", "kith_local", ChainType::Local, LOCAL_TESTNET_RUNTIME_PRESET)
}
