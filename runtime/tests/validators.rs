//! Runtime tests of the validator set on the `development` preset: Alice is the genesis validator
//! (bonded, with session keys), each block mints the block reward to its author, and transaction fees
//! are shared between the author and the creator reward pool. Signed extrinsics through `Executive`.

mod common;

use common::{apply_ok, in_block_one, last_fee, next_block};
use kith_runtime::{genesis_config_presets::VALIDATOR_BOND, Balances, Runtime, UNIT};
use pallet_validators::runtime_api::runtime_decl_for_validators_api::ValidatorsApiV1;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Dave};

fn balance(who: sp_keyring::Sr25519Keyring) -> u128 {
	Balances::free_balance(who.to_account_id())
}

#[test]
fn alice_is_the_bonded_genesis_validator_with_session_keys() {
	in_block_one(|| {
		assert_eq!(Runtime::validators(), vec![Alice.to_account_id()]);
		assert_eq!(Runtime::candidates(), vec![(Alice.to_account_id(), VALIDATOR_BOND, false)]);
		assert_eq!(pallet_session::Validators::<Runtime>::get(), vec![Alice.to_account_id()]);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 1);
	});
}

#[test]
fn each_block_mints_the_reward_to_its_author_only() {
	in_block_one(|| {
		let (alice, bob) = (balance(Alice), balance(Bob));
		let issuance = Balances::total_issuance();
		next_block();
		next_block();
		assert_eq!(balance(Alice), alice + 2 * UNIT);
		assert_eq!(balance(Bob), bob);
		assert_eq!(Balances::total_issuance(), issuance + 2 * UNIT);
	});
}

#[test]
fn the_author_gets_a_fifth_of_each_fee_and_the_creator_reward_pool_the_rest() {
	in_block_one(|| {
		let alice = balance(Alice);
		let carry = pallet_creator_rewards::Carry::<Runtime>::get();
		apply_ok(
			Bob,
			pallet_balances::Call::transfer_keep_alive {
				dest: Dave.to_account_id().into(),
				value: UNIT,
			},
		);
		let fee = last_fee();
		assert_eq!(balance(Alice), alice + fee / 5);
		assert_eq!(pallet_creator_rewards::Carry::<Runtime>::get(), carry + fee - fee / 5);
	});
}

#[test]
fn a_candidate_registers_with_a_bond_and_leaves_again() {
	in_block_one(|| {
		apply_ok(Dave, pallet_validators::Call::register { bond: 20_000 * UNIT });
		assert!(Runtime::candidates().contains(&(Dave.to_account_id(), 20_000 * UNIT, false)));
		apply_ok(Dave, pallet_validators::Call::unregister {});
		assert!(Runtime::candidates().contains(&(Dave.to_account_id(), 20_000 * UNIT, true)));
		// Dave has no session keys, so he is not in the next set either way.
		assert_eq!(Runtime::next_validators(), vec![Alice.to_account_id()]);
	});
}
