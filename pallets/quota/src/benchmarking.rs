//! Benchmarks of the quota pallet: its calls, the extension's work for a quota-paid transaction
//! (`charge_quota`: the payer's handle, bond and bar read, the bar and the block's share written) and
//! for one that pays a fee instead (`refuse_quota`: the same reads, the bar found short), a
//! voucher's authorization (two signatures checked, the claim run and rolled back) and claim, and the
//! end of a sponsorship.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::{TransactionSource, Weight},
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

/// A signer of the costliest social call and the payer of its credits (the signer, or the account it
/// acts for), funded, with a handle and the least bond: every read the credit bar makes finds something.
fn bar_holder<T: Config>() -> (T::AccountId, <T as frame_system::Config>::RuntimeCall, T::AccountId)
where
	T::Currency: Mutate<T::AccountId>,
{
	let signer = funded::<T>("signer");
	let (call, payer) = T::SocialCalls::worst_case(&signer);
	T::Currency::set_balance(&payer, BalanceOf::<T>::max_value() / 4u32.into());
	T::Handles::give_handle(&payer);
	Pallet::<T>::bond(RawOrigin::Signed(payer.clone()).into(), T::MinBond::get()).unwrap();
	(signer, call, payer)
}

/// A valid claim of a voucher from a funded sponsor, for the longest handle and profile.
fn voucher_call<T: Config>() -> Call<T>
where
	T::Currency: Mutate<T::AccountId>,
{
	let (sponsor, _) = T::BenchmarkHelper::sign(0, b"");
	T::Currency::set_balance(&sponsor, BalanceOf::<T>::max_value() / 4u32.into());
	let backing = T::CreditUnit::get() * Params::<T>::get().sponsors.backing_units.into();
	Pallet::<T>::fund_sponsorship(RawOrigin::Signed(sponsor.clone()).into(), backing).unwrap();
	let (account, _) = T::BenchmarkHelper::sign(1, b"");
	let voucher = Voucher {
		sponsor,
		account,
		handle: alloc::vec![b'v'; 32].try_into().expect("32 bytes fit"),
		expires: 100u32.into(),
	};
	let display_name = alloc::vec![b'n'; 64];
	let bio = alloc::vec![b'b'; 400];
	let (_, sponsor_signature) =
		T::BenchmarkHelper::sign(0, &Pallet::<T>::voucher_message(&voucher));
	let (_, account_signature) =
		T::BenchmarkHelper::sign(1, &Pallet::<T>::claim_message(&voucher, &display_name, &bio));
	Call::<T>::claim_voucher { voucher, sponsor_signature, account_signature, display_name, bio }
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
		let (signer, call, payer) = bar_holder::<T>();
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

	#[benchmark]
	fn refuse_quota() {
		let (signer, call, payer) = bar_holder::<T>();
		let now = frame_system::Pallet::<T>::block_number();
		Bars::<T>::insert(&payer, Bar { used: Credits::MAX, at: now });

		#[block]
		{
			// What the extension reads in validation before the fee is charged instead.
			assert!(Pallet::<T>::quote(&signer, &call, 0).is_none());
		}
	}

	#[benchmark]
	fn fund_sponsorship() {
		let sponsor = funded::<T>("sponsor");
		Pallet::<T>::fund_sponsorship(RawOrigin::Signed(sponsor.clone()).into(), T::MinBond::get())
			.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor.clone()), T::MinBond::get());

		assert_eq!(
			Sponsors::<T>::get(&sponsor).unwrap().funds,
			T::MinBond::get() + T::MinBond::get()
		);
	}

	#[benchmark]
	fn withdraw_sponsorship() {
		let sponsor = funded::<T>("sponsor");
		Pallet::<T>::fund_sponsorship(RawOrigin::Signed(sponsor.clone()).into(), T::MinBond::get())
			.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor.clone()), T::MinBond::get());

		assert!(Sponsors::<T>::get(&sponsor).is_none());
	}

	#[benchmark]
	fn authorize_claim_voucher() -> Result<(), BenchmarkError> {
		let call = voucher_call::<T>();

		#[block]
		{
			use frame_support::traits::Authorize;
			call.authorize(TransactionSource::External)
				.ok_or("the call authorizes itself")?
				.map_err(|_| "the voucher is valid")?;
		}

		Ok(())
	}

	#[benchmark]
	fn claim_voucher() {
		let Call::<T>::claim_voucher {
			voucher,
			sponsor_signature,
			account_signature,
			display_name,
			bio,
		} = voucher_call::<T>()
		else {
			unreachable!("voucher_call makes a claim")
		};
		let account = voucher.account.clone();

		#[extrinsic_call]
		_(
			frame_system::Origin::<T>::Authorized,
			voucher,
			sponsor_signature,
			account_signature,
			display_name,
			bio,
		);

		assert!(Sponsored::<T>::contains_key(&account));
	}

	#[benchmark]
	fn end_sponsorship() {
		let Call::<T>::claim_voucher { voucher, display_name, bio, .. } = voucher_call::<T>()
		else {
			unreachable!("voucher_call makes a claim")
		};
		Pallet::<T>::do_claim(&voucher, &display_name, &bio).unwrap();

		#[block]
		{
			Pallet::<T>::end_sponsorship(&voucher.account);
		}

		assert!(!Sponsored::<T>::contains_key(&voucher.account));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
