//! The chain specifications the node knows by name: `dev` and `local` (secured by the well-known
//! development keys: for tests and demos), and `staging:<keys.json>` (the operator's own validator keys
//! and balances: a chain to launch). Any other `--chain` value is read as a chain-spec JSON file (for
//! example one written by `build-spec`). Without `--chain` (or `--dev`) the node refuses to start.

use std::path::Path;

use kith_runtime::{
	genesis_config_presets::VALIDATOR_BOND, AccountId, Balance, EXISTENTIAL_DEPOSIT, SS58_PREFIX,
	TOKEN_DECIMALS, TOKEN_SYMBOL, UNIT, WASM_BINARY,
};
use sc_service::ChainType;
use serde::Deserialize;
use sp_core::crypto::Ss58Codec;
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};

/// What the node says when no chain was given.
pub const NO_CHAIN: &str = "no chain given: --dev for a development chain, --chain local for a local \
	test network (both secured by well-known development keys), --chain staging:<keys.json> to build a \
	new chain of your own, or --chain <spec.json> to join one";

/// What the node says for `--chain staging` without a keys file.
pub const STAGING_NEEDS_KEYS: &str = "the staging chain needs its validators' keys: --chain \
	staging:<keys.json> (see the README's \"Running a validator\")";

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

/// A chain spec builder of the runtime built into this node.
fn builder(
	name: &str,
	id: &str,
	chain_type: ChainType,
) -> Result<sc_chain_spec::ChainSpecBuilder<sc_chain_spec::NoExtension, ()>, String> {
	let wasm = WASM_BINARY.ok_or_else(|| {
		"this node was built without the wasm runtime (SKIP_WASM_BUILD); rebuild it without"
			.to_string()
	})?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_protocol_id("kith")
		.with_chain_type(chain_type)
		.with_properties(properties()))
}

/// A chain spec of the runtime built into this node, from one of its genesis presets.
fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	Ok(builder(name, id, chain_type)?.with_genesis_config_preset_name(preset).build())
}

/// `--dev`: one validator (Alice) that produces and finalizes blocks alone.
pub fn development() -> Result<ChainSpec, String> {
	from_preset("Kith Development", "kith_dev", ChainType::Development, DEV_RUNTIME_PRESET)
}

/// `--chain local`: Alice, Bob and Charlie validate.
pub fn local_testnet() -> Result<ChainSpec, String> {
	from_preset("Kith Local Testnet", "kith_local", ChainType::Local, LOCAL_TESTNET_RUNTIME_PRESET)
}

/// The operator's file for `--chain staging:<keys.json>`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StagingKeys {
	/// The chain's name (default "Kith Staging").
	name: Option<String>,
	/// The chain's id (default "kith_staging"): it names the chain's folder under the base path and
	/// keeps its nodes apart from other chains'.
	id: Option<String>,
	/// The genesis validators.
	validators: Vec<StagingValidator>,
	/// Balances at genesis, in whole KITH, by SS58 address.
	balances: Vec<(String, u64)>,
}

/// A genesis validator: its account and its session keys, as SS58 strings (what `kith-node key
/// generate` and `key inspect` print).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StagingValidator {
	account: String,
	aura: String,
	grandpa: String,
}

/// Parses an SS58 address or public key, of any address format (`key generate` prints the generic one
/// unless given `--network`).
fn ss58<T: Ss58Codec>(what: &str, value: &str) -> Result<T, String> {
	T::from_ss58check_with_version(value)
		.map(|(key, _)| key)
		.map_err(|e| format!("{what} {value:?} is not an SS58 string: {e:?}"))
}

/// `--chain staging:<keys.json>`: a new chain whose validators, session keys and balances come from
/// the operator's file, with no well-known key, no sudo key, and sessions, eras and referendum periods
/// as on a real network.
pub fn staging(path: &Path) -> Result<ChainSpec, String> {
	let read = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
	let text = std::fs::read_to_string(path).map_err(|e| read(&e))?;
	let keys: StagingKeys = serde_json::from_str(&text).map_err(|e| read(&e))?;
	if keys.validators.is_empty() {
		return Err(read(&"at least one validator is needed"));
	}
	let mut balances: Vec<(AccountId, Balance)> = Vec::new();
	for (address, whole) in &keys.balances {
		let who: AccountId = ss58("balance address", address)?;
		if balances.iter().any(|(known, _)| *known == who) {
			return Err(read(&format!("{address} has two balances")));
		}
		balances.push((who, Balance::from(*whole) * UNIT));
	}
	let mut validators: Vec<(AccountId, _, _)> = Vec::new();
	for validator in &keys.validators {
		let account: AccountId = ss58("validator account", &validator.account)?;
		let aura: sp_core::sr25519::Public = ss58("Aura key", &validator.aura)?;
		let grandpa: sp_core::ed25519::Public = ss58("GRANDPA key", &validator.grandpa)?;
		if validators.iter().any(|(known, ..)| *known == account) {
			return Err(read(&format!("validator {} is listed twice", validator.account)));
		}
		let balance = balances.iter().find(|(who, _)| *who == account).map_or(0, |(_, b)| *b);
		if balance < VALIDATOR_BOND + EXISTENTIAL_DEPOSIT {
			return Err(read(&format!(
				"validator {} needs a balance of more than {} KITH (its bond)",
				validator.account,
				VALIDATOR_BOND / UNIT
			)));
		}
		validators.push((account, aura.into(), grandpa.into()));
	}
	// The runtime reads the patch's addresses in the generic SS58 format only (it knows no other), and
	// the node has made Kith's its default by now: write them in the generic one.
	let kith_format = sp_core::crypto::default_ss58_version();
	sp_core::crypto::set_default_ss58_version(
		sp_core::crypto::Ss58AddressFormatRegistry::SubstrateAccount.into(),
	);
	let patch = kith_runtime::genesis_config_presets::staging(validators, balances);
	sp_core::crypto::set_default_ss58_version(kith_format);
	let name = keys.name.as_deref().unwrap_or("Kith Staging");
	let id = keys.id.as_deref().unwrap_or("kith_staging");
	Ok(builder(name, id, ChainType::Live)?.with_genesis_config_patch(patch).build())
}
