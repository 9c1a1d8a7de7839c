//! Benchmarks of the quota pallet: its calls, and the extension's work for a quota-paid transaction
//! (`charge_quota`: the payer's handle, bond and bar read, the bar and the block's share written).

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::Weight,
	traits::{fungible::Mutate, EnsureOrigin, Get},
};
use frame_system::RawOrigin;
use sp_runtime::traits::Bounded;

fn funded<T: Config>(name: &'static str) -> T::AccountId
where
	T::Currency: Mutate<T::AccountId>,
{
	let who: T::AccountId = account(name, 0, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 4u32.into());
	who
}

#[benchmarks(where T::Currency: Mutate<T::AccountId>)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn bond() {
		let who = funded::<T>("bonder");
		Pallet::<T>::bond(RawOrigin::Signed(who.clone()).into(), T::MinBond::get()).unwrap();
		// A bar in use: the bond checkpoints it.
		Bars::<T>::insert(&who, Bar { used: 1, at: 0u32.into() });

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), T::MinBond::get());

		assert_eq!(Bonds::<T>::get(&who).unwrap().active, T::MinBond::get() + T::MinBond::get());
	}

	#[benchmark]
	fn unbond() {
		let who = funded::<T>("bonder");
		let amount = T::MinBond::get() + T::MinBond::get();
		Pallet::<T>::bond(RawOrigin::Signed(who.clone()).into(), amount).unwrap();
		Bars::<T>::insert(&who, Bar { used: 1, at: 0u32.into() });

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), T::MinBond::get());

		assert!(Bonds::<T>::get(&who).unwrap().unlocking.is_some());
	}

	#[benchmark]
	fn withdraw_unbonded() {
		let who = funded::<T>("bonder");
		Pallet::<T>::bond(RawOrigin::Signed(who.clone()).into(), T::MinBond::get()).unwrap();
		Pallet::<T>::unbond(RawOrigin::Signed(who.clone()).into(), T::MinBond::get()).unwrap();
		frame_system::Pallet::<T>::set_block_number(T::RegenPeriod::get() + 1u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(Bonds::<T>::get(&who).is_none());
	}

	#[benchmark]
	fn set_params() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let params = QuotaParams { base: 7, ..Default::default() };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params.clone());

		assert_eq!(Params::<T>::get(), params);
		Ok(())
	}

	#[benchmark]
	fn charge_quota() {
		let signer = funded::<T>("signer");
		let (call, payer) = T::SocialCalls::worst_case(&signer);
		T::Currency::set_balance(&payer, BalanceOf::<T>::max_value() / 4u32.into());
		T::Handles::give_handle(&payer);
		Pallet::<T>::bond(RawOrigin::Signed(payer.clone()).into(), T::MinBond::get()).unwrap();
		Bars::<T>::insert(&payer, Bar { used: 1, at: 0u32.into() });
		let weight = Weight::from_parts(1, 1);

		#[block]
		{
			// What the extension reads in validation and writes in preparation.
			let charge = Pallet::<T>::quote(&signer, &call, 0).expect("the bar covers a post");
			assert!(Pallet::<T>::fits_block(weight));
			Pallet::<T>::use_block(weight);
			Pallet::<T>::charge(charge);
		}

		assert_eq!(BlockUsage::<T>::get(), weight);
		assert!(Bars::<T>::get(&payer).unwrap().used > 1);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
