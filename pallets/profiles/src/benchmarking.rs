//! Benchmarks of the profiles pallet, each at its call's worst case.

use super::*;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use sp_runtime::traits::StaticLookup;

/// A CID of the longest form the chain accepts the most of (a base32 CIDv1, padded to the limit).
fn longest_cid() -> Vec<u8> {
	let mut cid = b"bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi".to_vec();
	cid.resize(kith_primitives::MAX_CONTENT_REF_LEN as usize, b'a');
	cid
}

/// A valid handle of the longest length, distinct for each `i`.
fn long_handle(i: u32) -> Vec<u8> {
	let mut handle = alloc::format!("h{i}_").into_bytes();
	handle.resize(MAX_HANDLE_LEN as usize, b'x');
	handle
}

/// An account with plenty of funds for deposits.
fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	let plenty = T::ProfileDepositBase::get() * 100u32.into()
		+ T::ProfileByteDeposit::get() * 100_000u32.into()
		+ T::HandleDeposit::get() * 100u32.into();
	T::Currency::set_balance(&who, T::Currency::minimum_balance() + plenty);
	who
}

/// Gives `who` the largest profile.
fn largest_profile<T: Config>(who: &T::AccountId) -> Result<(), BenchmarkError> {
	Pallet::<T>::set_profile(
		RawOrigin::Signed(who.clone()).into(),
		vec![b'n'; T::MaxDisplayNameLen::get() as usize],
		vec![b'b'; T::MaxBioLen::get() as usize],
		Some(longest_cid()),
	)?;
	Ok(())
}

/// Fills the reserved list, so that lookups in it are at their slowest.
fn fill_reserved<T: Config>() -> Result<(), BenchmarkError> {
	let origin =
		T::ReservedOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
	let handles = (0..T::MaxReserved::get()).map(|i| long_handle(i + 1_000_000)).collect();
	Pallet::<T>::set_reserved(origin, handles)?;
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `n` bytes of name and bio; the account already has a smaller profile (its deposit grows), and the
	/// avatar is the longest accepted.
	#[benchmark]
	fn set_profile(
		n: Linear<0, { T::MaxDisplayNameLen::get() + T::MaxBioLen::get() }>,
	) -> Result<(), BenchmarkError> {
		let who = funded::<T>("who");
		Pallet::<T>::set_profile(RawOrigin::Signed(who.clone()).into(), vec![], vec![], None)?;
		let name_len = n.min(T::MaxDisplayNameLen::get());
		let name = vec![b'n'; name_len as usize];
		let bio = vec![b'b'; (n - name_len) as usize];

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), name, bio, Some(longest_cid()));

		assert_eq!(
			Profiles::<T>::get(&who).map(|p| p.display_name.len() + p.bio.len()),
			Some(n as usize)
		);
		Ok(())
	}

	#[benchmark]
	fn clear_profile() -> Result<(), BenchmarkError> {
		let who = funded::<T>("who");
		largest_profile::<T>(&who)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(Profiles::<T>::get(&who).is_none());
		Ok(())
	}

	/// The longest handle, checked against a full reserved list.
	#[benchmark]
	fn claim_handle() -> Result<(), BenchmarkError> {
		fill_reserved::<T>()?;
		let who = funded::<T>("who");

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), long_handle(0));

		assert_eq!(Pallet::<T>::owner_of(&long_handle(0)), Some(who));
		Ok(())
	}

	#[benchmark]
	fn release_handle() -> Result<(), BenchmarkError> {
		let who = funded::<T>("who");
		Pallet::<T>::claim_handle(RawOrigin::Signed(who.clone()).into(), long_handle(0))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who));

		assert!(Pallet::<T>::owner_of(&long_handle(0)).is_none());
		Ok(())
	}

	#[benchmark]
	fn transfer_handle() -> Result<(), BenchmarkError> {
		let from = funded::<T>("from");
		let to = funded::<T>("to");
		Pallet::<T>::claim_handle(RawOrigin::Signed(from.clone()).into(), long_handle(0))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(from), T::Lookup::unlookup(to.clone()));

		assert_eq!(Pallet::<T>::owner_of(&long_handle(0)), Some(to));
		Ok(())
	}

	/// Moving the largest profile and a handle. What other pallets move is weighed by their own
	/// benchmarks ([`Config::OnIdentityMoved`]`::weight()`) and added to this call's weight.
	#[benchmark]
	fn move_identity() -> Result<(), BenchmarkError> {
		let from = funded::<T>("from");
		let to = funded::<T>("to");
		largest_profile::<T>(&from)?;
		Pallet::<T>::claim_handle(RawOrigin::Signed(from.clone()).into(), long_handle(0))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(from), T::Lookup::unlookup(to.clone()));

		assert_eq!(Pallet::<T>::owner_of(&long_handle(0)), Some(to));
		Ok(())
	}

	/// `n` handles of the longest length.
	#[benchmark]
	fn set_reserved(n: Linear<0, { T::MaxReserved::get() }>) -> Result<(), BenchmarkError> {
		let origin =
			T::ReservedOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let handles: Vec<Vec<u8>> = (0..n).map(long_handle).collect();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, handles);

		assert_eq!(ReservedHandles::<T>::get().len(), n as usize);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
