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

/// GRANDPA equivocations on the `development` chain, where Alice is the whole set.
mod equivocation {
	use super::*;
	use codec::Encode;
	use frame_support::traits::KeyOwnerProofSystem;
	use kith_runtime::{
		configs::validators::ReporterShare, BlockNumber, Executive, Hash, Historical, RuntimeCall,
		RuntimeEvent, System, UncheckedExtrinsic,
	};
	use sp_consensus_grandpa::{Equivocation, EquivocationProof, KEY_TYPE};
	use sp_core::Pair;
	use sp_keyring::Ed25519Keyring;
	use sp_runtime::transaction_validity::{
		InvalidTransaction, TransactionSource, TransactionValidityError,
	};

	type Proof = EquivocationProof<Hash, BlockNumber>;

	/// Two prevotes of `signer` in round 1 of set 0 for blocks `a` and `b`, claimed to be by `identity`.
	fn prevotes(identity: Ed25519Keyring, signer: Ed25519Keyring, a: u8, b: u8) -> Proof {
		let vote = |byte: u8| {
			let prevote = finality_grandpa::Prevote {
				target_hash: Hash::repeat_byte(byte),
				target_number: 1,
			};
			let payload = sp_consensus_grandpa::localized_payload(
				1,
				0,
				&finality_grandpa::Message::Prevote(prevote.clone()),
			);
			(prevote, signer.pair().sign(&payload).into())
		};
		EquivocationProof::new(
			0,
			Equivocation::Prevote(finality_grandpa::Equivocation {
				round_number: 1,
				identity: identity.public().into(),
				first: vote(a),
				second: vote(b),
			}),
		)
	}

	/// Alice's key-ownership proof for the current session.
	fn alice_owns_her_key() -> sp_session::MembershipProof {
		Historical::prove((KEY_TYPE, Ed25519Keyring::Alice.public().encode()))
			.expect("Alice's GRANDPA key is in the current set")
	}

	fn report(proof: Proof, key_owner_proof: sp_session::MembershipProof) -> RuntimeCall {
		pallet_grandpa::Call::report_equivocation {
			equivocation_proof: Box::new(proof),
			key_owner_proof,
		}
		.into()
	}

	/// How the pool takes a node's unsigned report of `proof` (with Alice's key-ownership proof)
	/// that came from `source`.
	fn pool_check(
		proof: Proof,
		source: TransactionSource,
	) -> sp_runtime::transaction_validity::TransactionValidity {
		let unsigned = UncheckedExtrinsic::new_bare(
			pallet_grandpa::Call::report_equivocation_unsigned {
				equivocation_proof: Box::new(proof),
				key_owner_proof: alice_owns_her_key(),
			}
			.into(),
		);
		Executive::validate_transaction(source, unsigned, System::parent_hash())
	}

	fn slashed() -> Option<(u128, u128)> {
		System::events().into_iter().find_map(|record| match record.event {
			RuntimeEvent::Validators(pallet_validators::Event::Slashed {
				amount, reward, ..
			}) => Some((amount, reward)),
			_ => None,
		})
	}

	#[test]
	fn a_valid_report_slashes_and_jails_the_offender_and_pays_the_reporter() {
		in_block_one(|| {
			let bob = balance(Bob);
			let issuance = Balances::total_issuance();
			let proof = prevotes(Ed25519Keyring::Alice, Ed25519Keyring::Alice, 1, 2);
			apply_ok(Bob, report(proof, alice_owns_her_key()));
			// One offender in a set of one: GRANDPA's fraction is min(3·1/1, 1)² = all of it.
			let reward = ReporterShare::get() * VALIDATOR_BOND;
			assert_eq!(slashed(), Some((VALIDATOR_BOND, reward)));
			assert_eq!(reward, 10_000 * UNIT);
			let fee = common::last_fee();
			assert_eq!(balance(Bob), bob + reward - fee);
			assert!(Runtime::jailed().iter().any(|(who, _)| *who == Alice.to_account_id()));
			assert_eq!(Runtime::candidates(), vec![(Alice.to_account_id(), 0, false)]);
			// The slash is burned but for the reward (and the fee's four fifths that the creator
			// reward pool burns until creators claim them).
			assert_eq!(
				Balances::total_issuance(),
				issuance - VALIDATOR_BOND + reward - (fee - fee / 5)
			);
		});
	}

	#[test]
	fn a_duplicate_report_is_refused() {
		in_block_one(|| {
			let proof = prevotes(Ed25519Keyring::Alice, Ed25519Keyring::Alice, 1, 2);
			apply_ok(Bob, report(proof.clone(), alice_owns_her_key()));
			let again = common::apply(Dave, report(proof.clone(), alice_owns_her_key()))
				.expect("a valid transaction");
			assert_eq!(common::error_name(again), "DuplicateOffenceReport");
			// The node's own unsigned report of a known offence is stale in the pool.
			assert_eq!(
				pool_check(proof, TransactionSource::Local),
				Err(TransactionValidityError::Invalid(InvalidTransaction::Stale))
			);
		});
	}

	#[test]
	fn forged_reports_are_refused_and_change_nothing() {
		in_block_one(|| {
			let error = |proof, key_owner_proof| {
				let outcome = common::apply(Bob, report(proof, key_owner_proof))
					.expect("a valid transaction");
				common::error_name(outcome)
			};
			// Bob's key signing votes in Alice's name.
			let forged = prevotes(Ed25519Keyring::Alice, Ed25519Keyring::Bob, 1, 2);
			assert_eq!(error(forged, alice_owns_her_key()), "InvalidEquivocationProof");
			// The same vote twice is no equivocation.
			let same = prevotes(Ed25519Keyring::Alice, Ed25519Keyring::Alice, 1, 1);
			assert_eq!(error(same, alice_owns_her_key()), "InvalidEquivocationProof");
			// Bob equivocates, but his key is no validator's: neither the proof of its absence nor
			// Alice's proof proves it.
			let bobs = prevotes(Ed25519Keyring::Bob, Ed25519Keyring::Bob, 1, 2);
			let absent = Historical::prove((KEY_TYPE, Ed25519Keyring::Bob.public().encode()))
				.expect("a proof of absence");
			assert_eq!(error(bobs.clone(), absent), "InvalidKeyOwnershipProof");
			assert_eq!(error(bobs, alice_owns_her_key()), "InvalidKeyOwnershipProof");
			// A proof that lies about the set's size.
			let mut lying = alice_owns_her_key();
			lying.validator_count = 2;
			let proof = prevotes(Ed25519Keyring::Alice, Ed25519Keyring::Alice, 1, 2);
			assert_eq!(error(proof.clone(), lying), "InvalidKeyOwnershipProof");
			assert_eq!(slashed(), None);
			assert_eq!(Runtime::candidates(), vec![(Alice.to_account_id(), VALIDATOR_BOND, false)]);
			// An unsigned report from the network (not from this node, not in a block) is refused.
			assert_eq!(
				pool_check(proof, TransactionSource::External),
				Err(TransactionValidityError::Invalid(InvalidTransaction::Call))
			);
		});
	}

	#[test]
	fn the_offence_handler_fits_in_what_grandpa_charges_for_a_report() {
		use frame_support::weights::{
			constants::{RocksDbWeight, WEIGHT_REF_TIME_PER_MICROS},
			Weight,
		};
		use pallet_validators::WeightInfo;
		// `pallet_grandpa`'s weight for `report_equivocation` allows this much for reporting the
		// offence: `pallet_offences`' bookkeeping and the handler, `Validators`' punishment.
		let allowance = Weight::from_parts(110 * WEIGHT_REF_TIME_PER_MICROS, 0)
			.saturating_add(RocksDbWeight::get().reads_writes(14, 10));
		let offences = <Runtime as frame_system::Config>::DbWeight::get().reads_writes(4, 4);
		let punish = pallet_validators::weights::SubstrateWeight::<Runtime>::punish();
		// Compute time only: the chain sets no proof-size limit (a solochain has no relay to prove to).
		assert!(
			(punish + offences).ref_time() <= allowance.ref_time(),
			"punishing ({punish:?}) and the offence bookkeeping ({offences:?}) exceed {allowance:?}"
		);
	}

	#[test]
	fn session_roots_are_kept_as_long_as_bonds_are_slashable() {
		in_block_one(|| {
			let sessions = kith_runtime::configs::validators::UNBONDING_SESSIONS;
			// Sessions of two blocks, to get there fast.
			let length = 2;
			pallet_validators::SessionLength::<Runtime>::put(length);
			common::run_to_block((sessions + 3) * length + 1);
			let kept = pallet_session::historical::StoredRange::<Runtime>::get().expect("a range");
			let current = pallet_session::CurrentIndex::<Runtime>::get();
			// The current session, the planned one, and those before the current one whose offences
			// a bond still held could answer for: a bond unbonding from session `s` unlocks at
			// `s + 24`, so offences of `s` are provable through session `s + 23`.
			assert_eq!(kept, (current + 1 - sessions, current + 2));
			assert!(
				pallet_session::historical::HistoricalSessions::<Runtime>::get(kept.0).is_some()
			);
			assert!(pallet_session::historical::HistoricalSessions::<Runtime>::get(kept.0 - 1)
				.is_none());
		});
	}
}
