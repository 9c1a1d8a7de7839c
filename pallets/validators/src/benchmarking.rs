//! Benchmarks of the validators pallet, each at its worst case: a full candidate list to elect from, a
//! full set to check for absent validators, full unbonding chunk lists.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::Get,
	traits::{
		fungible::{Mutate, MutateHold},
		EnsureOrigin,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::{traits::Bounded, Perbill};

/// A funded account.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

/// Registers `n` more candidates with growing bonds (as many as there is room for); returns them.
fn candidates<T: Config>(n: u32) -> Vec<T::AccountId> {
	let room = T::MaxCandidates::get().saturating_sub(Candidates::<T>::count());
	(0..n.min(room))
		.map(|i| {
			let who = funded::<T>("candidate", i);
			let bond = T::MinBond::get() + i.into();
			Pallet::<T>::register(RawOrigin::Signed(who.clone()).into(), bond).expect("registers");
			who
		})
		.collect()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register() {
		candidates::<T>(T::MaxCandidates::get().saturating_sub(Candidates::<T>::count() + 1));
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), T::MinBond::get());

		assert!(Candidates::<T>::contains_key(&caller));
	}

	/// Registering at a full list: the smallest candidate is found among all and evicted.
	#[benchmark]
	fn register_evicting() {
		let full = candidates::<T>(T::MaxCandidates::get());
		let caller = funded::<T>("caller", 0);
		let bond = T::MinBond::get() + T::MaxCandidates::get().into();

		#[extrinsic_call]
		register(RawOrigin::Signed(caller.clone()), bond);

		assert!(Candidates::<T>::contains_key(&caller));
		assert_eq!(Candidates::<T>::count(), T::MaxCandidates::get());
		assert!(full.iter().any(|who| !Candidates::<T>::contains_key(who)), "one was evicted");
	}

	#[benchmark]
	fn bond_extra() {
		let caller = candidates::<T>(1).remove(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), T::MinBond::get());

		assert!(Candidates::<T>::get(&caller).expect("a candidate").bond > T::MinBond::get());
	}

	#[benchmark]
	fn unregister() {
		let caller = candidates::<T>(1).remove(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		assert!(Candidates::<T>::get(&caller).expect("a candidate").leaving);
	}

	/// Withdrawing from a full list of chunks, all ripe, by a former candidate whose served jail goes.
	#[benchmark]
	fn withdraw_unbonded() {
		let caller = funded::<T>("caller", 0);
		let chunk = T::MinBond::get();
		let chunks: Vec<_> = (0..T::MaxUnbondingChunks::get()).map(|_| (chunk, 0)).collect();
		T::Currency::hold(
			&HoldReason::Bond.into(),
			&caller,
			chunk * T::MaxUnbondingChunks::get().into(),
		)
		.expect("holds");
		Unbonding::<T>::insert(&caller, BoundedVec::truncate_from(chunks));
		Jailed::<T>::insert(&caller, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		assert!(!Unbonding::<T>::contains_key(&caller));
		assert!(!Jailed::<T>::contains_key(&caller));
	}

	#[benchmark]
	fn unjail() {
		let caller = candidates::<T>(1).remove(0);
		Jailed::<T>::insert(&caller, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));

		assert!(!Jailed::<T>::contains_key(&caller));
	}

	#[benchmark]
	fn set_block_reward() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, T::MinBond::get());

		assert_eq!(BlockReward::<T>::get(), T::MinBond::get());
		Ok(())
	}

	#[benchmark]
	fn set_offence_slash() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let fraction = Perbill::from_percent(50);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, fraction);

		assert_eq!(OffenceSlash::<T>::get(), fraction);
		Ok(())
	}

	/// Punishing an offender that is a candidate with a full list of unbonding chunks, with a
	/// reporter to pay.
	#[benchmark]
	fn punish() {
		let offender = candidates::<T>(1).remove(0);
		let chunk = T::MinBond::get();
		let chunks: Vec<_> = (0..T::MaxUnbondingChunks::get()).map(|_| (chunk, 1)).collect();
		T::Currency::hold(
			&HoldReason::Bond.into(),
			&offender,
			chunk * T::MaxUnbondingChunks::get().into(),
		)
		.expect("holds");
		Unbonding::<T>::insert(&offender, BoundedVec::truncate_from(chunks));
		let reporter = funded::<T>("reporter", 0);

		#[block]
		{
			Pallet::<T>::punish(&offender, Perbill::from_percent(10), 0, &[reporter]);
		}

		assert!(Jailed::<T>::contains_key(&offender));
		assert!(Punished::<T>::contains_key(&offender));
	}

	/// Rewarding and counting a block's author (`pallet-authorship` calls it in each block).
	#[benchmark]
	fn note_author() {
		let author = funded::<T>("author", 0);
		BlockReward::<T>::put(T::MinBond::get());

		#[block]
		{
			Pallet::<T>::reward(author.clone());
		}

		assert_eq!(AuthoredBlocks::<T>::get(&author), 1);
	}

	/// An election among `c` candidates, half of them leaving.
	#[benchmark]
	fn new_session(c: Linear<1, { T::MaxCandidates::get() }>) {
		for (i, who) in candidates::<T>(c).into_iter().enumerate() {
			if i % 2 == 1 {
				Pallet::<T>::unregister(RawOrigin::Signed(who).into()).expect("unregisters");
			}
		}

		#[block]
		{
			Pallet::<T>::elect(1);
		}
	}

	/// The end of a session of `v` validators, all of them absent (all jailed).
	#[benchmark]
	fn end_session(v: Linear<1, { T::MaxValidators::get() }>) {
		let set = candidates::<T>(v);
		// Someone else authored the session's blocks, one for each validator's slot.
		AuthoredBlocks::<T>::insert(funded::<T>("author", 0), v);

		#[block]
		{
			Pallet::<T>::end(1, set);
		}

		assert_eq!(Jailed::<T>::iter().count() as u32, v);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
