//! Runtime tests: genesis from the presets, built by the wasm runtime itself, and real signed extrinsics
//! applied through `Executive`, natively.

use frame_support::traits::fungible::Inspect;
use kith_runtime::{
	genesis_config_presets::{ENDOWMENT, VALIDATOR_BOND},
	signing, AccountId, Balances, BalancesCall, Executive, Runtime, RuntimeCall, System, UNIT,
	WASM_BINARY,
};
mod common;

use common::{genesis_hash, in_block_one, preset_storage};
use sc_chain_spec::GenesisConfigBuilderRuntimeCaller;
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring;
use sp_runtime::transaction_validity::{
	InvalidTransaction, TransactionSource, TransactionValidityError,
};

fn transfer(to: AccountId, value: u128) -> RuntimeCall {
	RuntimeCall::Balances(BalancesCall::transfer_keep_alive { dest: to.into(), value })
}

#[test]
fn every_preset_builds_a_genesis_state() {
	let names = GenesisConfigBuilderRuntimeCaller::<()>::new(WASM_BINARY.unwrap())
		.preset_names()
		.expect("the runtime lists its presets");
	assert_eq!(names.len(), 2);
	// Only the development chain has a sudo key and fast referendum tracks; both start with the
	// starter rulebook.
	for (preset, validators, dev) in [("development", 1, true), ("local_testnet", 3, false)] {
		assert!(names.iter().any(|n| n.as_str() == preset), "{preset} is offered");
		sp_io::TestExternalities::new(preset_storage(preset)).execute_with(|| {
			assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), validators, "{preset}");
			assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), validators);
			let alice = Sr25519Keyring::Alice.to_account_id();
			// Alice's validator bond is held out of her endowment.
			assert_eq!(Balances::total_balance(&alice), ENDOWMENT);
			assert_eq!(Balances::balance(&alice), ENDOWMENT - VALIDATOR_BOND);
			assert_eq!(pallet_session::Validators::<Runtime>::get().len(), validators, "{preset}");
			assert_eq!(pallet_sudo::Key::<Runtime>::get(), dev.then_some(alice), "{preset}");
			assert_eq!(kith_runtime::governance::origins::FastTracks::<Runtime>::get(), dev);
			let rulebook = kith_runtime::Moderation::rulebook();
			assert_eq!((rulebook.version, rulebook.rules.len()), (1, 5), "{preset}");
		});
	}
}

#[test]
fn signed_transfer_through_executive_moves_the_balance() {
	in_block_one(|| {
		let alice = Sr25519Keyring::Alice;
		let dave = Sr25519Keyring::Dave.to_account_id();
		let before = Balances::balance(&dave);
		let xt = signing::sign(transfer(dave.clone(), 5 * UNIT), &alice.pair(), 0, genesis_hash());

		let outcome = Executive::apply_extrinsic(xt).expect("the transaction is valid");
		assert!(outcome.is_ok(), "the transfer dispatches: {outcome:?}");

		assert_eq!(Balances::balance(&dave), before + 5 * UNIT);
		// Alice paid the amount and a fee.
		assert!(Balances::balance(&alice.to_account_id()) < ENDOWMENT - 5 * UNIT);
		assert_eq!(System::account_nonce(alice.to_account_id()), 1);
	});
}

#[test]
fn transfer_with_a_bad_signature_is_rejected() {
	in_block_one(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let mut xt = signing::sign(
			transfer(bob.clone(), UNIT),
			&Sr25519Keyring::Alice.pair(),
			0,
			genesis_hash(),
		);
		// Keep Alice as the signer but put a signature of someone else's key over the same payload.
		let mallory = sr25519::Pair::from_string("//Mallory", None).unwrap();
		let forged = signing::sign(transfer(bob, UNIT), &mallory, 0, genesis_hash());
		if let (
			sp_runtime::generic::Preamble::Signed(_, signature, _),
			sp_runtime::generic::Preamble::Signed(_, forged_signature, _),
		) = (&mut xt.preamble, &forged.preamble)
		{
			*signature = forged_signature.clone();
		} else {
			panic!("both transactions are signed");
		}

		let validity = Executive::validate_transaction(
			TransactionSource::External,
			xt.clone(),
			genesis_hash(),
		);
		assert_eq!(validity, Err(TransactionValidityError::Invalid(InvalidTransaction::BadProof)));
		assert_eq!(
			Executive::apply_extrinsic(xt),
			Err(TransactionValidityError::Invalid(InvalidTransaction::BadProof))
		);
		assert_eq!(System::account_nonce(Sr25519Keyring::Alice.to_account_id()), 0);
	});
}

#[test]
fn transfer_signed_for_another_chain_is_rejected() {
	in_block_one(|| {
		let xt = signing::sign(
			transfer(Sr25519Keyring::Bob.to_account_id(), UNIT),
			&Sr25519Keyring::Alice.pair(),
			0,
			kith_runtime::Hash::repeat_byte(7),
		);
		assert_eq!(
			Executive::validate_transaction(TransactionSource::External, xt, genesis_hash()),
			Err(TransactionValidityError::Invalid(InvalidTransaction::BadProof))
		);
	});
}
