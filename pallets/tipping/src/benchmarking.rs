//! Benchmarks of the tipping pallet, at the worst case: a tip on a post with the longest memo, to an
//! author tipped before (both totals are read and written). The tipper is `whitelisted_caller`, as in
//! polkadot-sdk's pallets: its account was read and written by the transaction's nonce and fee checks
//! before the call runs, which the extensions' weights pay for.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::RawOrigin;
use kith_primitives::PostAuthors;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn tip() -> Result<(), BenchmarkError> {
		let from: T::AccountId = whitelisted_caller();
		let author: T::AccountId = account("author", 0, 0);
		let post = T::Posts::create_for_benchmark(&author);
		let amount = T::MinTip::get();
		T::Currency::set_balance(&from, T::Currency::minimum_balance() + amount * 10u32.into());
		Pallet::<T>::tip(
			RawOrigin::Signed(from.clone()).into(),
			TipTarget::Post(post),
			amount,
			None,
		)?;
		let memo: MemoOf<T> = vec![b'm'; T::MaxMemoLen::get() as usize]
			.try_into()
			.map_err(|_| BenchmarkError::Stop("memo bound"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(from), TipTarget::Post(post), amount, Some(memo));

		assert_eq!(Pallet::<T>::post_tips(post).count, 2);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
