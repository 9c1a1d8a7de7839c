//! Benchmarks of the follows pallet, each at its call's worst case. The signer is
//! `whitelisted_caller`, as in polkadot-sdk's pallets: its account was read and written by the
//! transaction's nonce and fee checks before the call runs, which the extensions' weights pay for.

use super::*;
use crate::Pallet as Follows;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::RawOrigin;
use kith_primitives::OnIdentityMoved;
use sp_runtime::traits::StaticLookup;

/// An account with funds for many deposits.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	fund::<T>(account(name, index, 0))
}

/// The signer of the benchmarked call, with funds for many deposits.
fn caller<T: Config>() -> T::AccountId {
	fund::<T>(whitelisted_caller())
}

fn fund<T: Config>(who: T::AccountId) -> T::AccountId {
	let amount = T::Currency::minimum_balance() + T::EdgeDeposit::get() * 1_000u32.into();
	T::Currency::set_balance(&who, amount);
	who
}

fn lookup<T: Config>(who: &T::AccountId) -> <T::Lookup as StaticLookup>::Source {
	T::Lookup::unlookup(who.clone())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: neither account has a member id yet, so both are given one.
	#[benchmark]
	fn follow() {
		let follower = caller::<T>();
		let followee = funded::<T>("followee", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(follower.clone()), lookup::<T>(&followee));

		assert!(Follows::<T>::is_following(&follower, &followee));
	}

	#[benchmark]
	fn unfollow() -> Result<(), BenchmarkError> {
		let follower = caller::<T>();
		let followee = funded::<T>("followee", 0);
		Follows::<T>::follow(RawOrigin::Signed(follower.clone()).into(), lookup::<T>(&followee))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(follower.clone()), lookup::<T>(&followee));

		assert!(!Follows::<T>::is_following(&follower, &followee));
		Ok(())
	}

	/// Worst case: the blocked account follows the blocker, so its edge is removed too.
	#[benchmark]
	fn block() -> Result<(), BenchmarkError> {
		let blocker = caller::<T>();
		let blocked = funded::<T>("blocked", 0);
		Follows::<T>::follow(RawOrigin::Signed(blocked.clone()).into(), lookup::<T>(&blocker))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(blocker.clone()), lookup::<T>(&blocked));

		assert!(<Follows<T> as kith_primitives::SocialGraph<_>>::is_blocked(&blocker, &blocked));
		assert!(!Follows::<T>::is_following(&blocked, &blocker));
		Ok(())
	}

	#[benchmark]
	fn unblock() -> Result<(), BenchmarkError> {
		let blocker = caller::<T>();
		let blocked = funded::<T>("blocked", 0);
		Follows::<T>::block(RawOrigin::Signed(blocker.clone()).into(), lookup::<T>(&blocked))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(blocker.clone()), lookup::<T>(&blocked));

		assert!(!<Follows<T> as kith_primitives::SocialGraph<_>>::is_blocked(&blocker, &blocked));
		Ok(())
	}

	/// Moving a member's graph to a new account that someone else followed first (the two member ids
	/// swap), with deposits held; the cost does not depend on how many edges there are.
	#[benchmark]
	fn move_graph() -> Result<(), BenchmarkError> {
		let from = funded::<T>("from", 0);
		let to = funded::<T>("to", 0);
		let other = funded::<T>("other", 0);
		Follows::<T>::follow(RawOrigin::Signed(from.clone()).into(), lookup::<T>(&other))?;
		Follows::<T>::follow(RawOrigin::Signed(other.clone()).into(), lookup::<T>(&to))?;

		#[block]
		{
			<Follows<T> as OnIdentityMoved<T::AccountId>>::on_identity_moved(&from, &to)?;
		}

		assert!(Follows::<T>::is_following(&to, &other));
		Ok(())
	}

	impl_benchmark_test_suite!(Follows, crate::mock::new_test_ext(), crate::mock::Test);
}
