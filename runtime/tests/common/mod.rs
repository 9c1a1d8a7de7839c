//! Helpers of the runtime tests: a genesis state built by the wasm runtime, and signed extrinsics applied
//! through `Executive`.
#![allow(dead_code)]

use kith_runtime::{signing, Executive, Header, RuntimeCall, System, WASM_BINARY};
use sc_chain_spec::GenesisConfigBuilderRuntimeCaller;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{Digest, DigestItem},
	traits::Header as _,
	ApplyExtrinsicResult,
};

/// The state the wasm runtime builds for a genesis preset.
pub fn preset_storage(preset: &str) -> sp_core::storage::Storage {
	let wasm = WASM_BINARY.expect("the wasm runtime is built by build.rs");
	GenesisConfigBuilderRuntimeCaller::<()>::new(wasm)
		.get_storage_for_named_preset(Some(&preset.to_string()))
		.unwrap_or_else(|e| panic!("preset {preset} does not build: {e}"))
}

/// Runs `f` on the `development` genesis state with block 1 initialized.
pub fn in_block_one<R>(f: impl FnOnce() -> R) -> R {
	let mut ext =
		sp_io::TestExternalities::new(preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET));
	ext.execute_with(|| {
		start_block(1, genesis_hash());
		f()
	})
}

/// Initializes block `number` on top of `parent` as an Aura author would: the slot in the pre-runtime
/// digest, and the timestamp inherent of that slot.
fn start_block(number: kith_runtime::BlockNumber, parent: kith_runtime::Hash) {
	use codec::Encode;
	let slot = sp_consensus_aura::Slot::from(number as u64);
	let digest = Digest {
		logs: vec![DigestItem::PreRuntime(sp_consensus_aura::AURA_ENGINE_ID, slot.encode())],
	};
	Executive::initialize_block(&Header::new(
		number,
		Default::default(),
		Default::default(),
		parent,
		digest,
	));
	let now = number as u64 * kith_runtime::SLOT_DURATION;
	let timestamp = kith_runtime::UncheckedExtrinsic::new_bare(
		pallet_timestamp::Call::<kith_runtime::Runtime>::set { now }.into(),
	);
	Executive::apply_extrinsic(timestamp)
		.expect("the timestamp inherent is valid")
		.expect("the timestamp inherent dispatches");
}

/// Finalizes the current block and initializes the next one.
pub fn next_block() {
	let header = Executive::finalize_block();
	start_block(header.number + 1, header.hash());
}

/// Runs blocks until block `number` is initialized.
pub fn run_to_block(number: kith_runtime::BlockNumber) {
	while System::block_number() < number {
		next_block();
	}
}

/// The genesis hash the runtime checks signatures against.
pub fn genesis_hash() -> kith_runtime::Hash {
	System::block_hash(0)
}

/// Signs `call` as `who` with its current nonce and applies it through `Executive`.
pub fn apply(who: Sr25519Keyring, call: impl Into<RuntimeCall>) -> ApplyExtrinsicResult {
	let nonce = System::account_nonce(who.to_account_id());
	Executive::apply_extrinsic(signing::sign(call.into(), &who.pair(), nonce, genesis_hash()))
}

/// Like [`apply`], for a call that must be valid and dispatch successfully.
pub fn apply_ok(who: Sr25519Keyring, call: impl Into<RuntimeCall>) {
	let call = call.into();
	let outcome = apply(who, call.clone()).unwrap_or_else(|e| panic!("{call:?} is invalid: {e:?}"));
	outcome.unwrap_or_else(|e| panic!("{call:?} failed: {e:?}"));
}

/// The name of the pallet error a dispatch failed with.
pub fn error_name(result: sp_runtime::DispatchResult) -> &'static str {
	match result {
		Err(sp_runtime::DispatchError::Module(sp_runtime::ModuleError {
			message: Some(name),
			..
		})) => name,
		other => panic!("not a module error: {other:?}"),
	}
}

/// The fee the last extrinsic paid.
pub fn last_fee() -> u128 {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			kith_runtime::RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
			) => Some(actual_fee),
			_ => None,
		})
		.expect("a signed extrinsic pays a fee")
}
