//! Benchmarks of the creator rewards pallet, each at its worst case. The era rollover and the vote
//! take constant work whatever the number of creators and curators, which `on_initialize_era_end` and
//! `on_appreciation` show by running with many of them in storage.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		Get, Hooks,
	},
	weights::Weight,
};
use frame_system::RawOrigin;
use kith_primitives::{OnAppreciation, OnEnforced, PostId};
use sp_runtime::traits::{One, Saturating, Zero};

/// An account with `bond` bonded and as much again free.
fn curator<T: Config>(name: &'static str, index: u32, bond: BalanceOf<T>) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(
		&who,
		T::Currency::minimum_balance().saturating_add(bond.saturating_mul(2u32.into())),
	);
	Pallet::<T>::bond(RawOrigin::Signed(who.clone()).into(), bond).expect("funded");
	who
}

/// A bond well above the minimum.
fn a_bond<T: Config>() -> BalanceOf<T> {
	T::MinBond::get().saturating_mul(1_000u32.into())
}

/// Closes the current era.
fn close_era<T: Config>() {
	let now = EraStartedAt::<T>::get().saturating_add(EraLength::<T>::get());
	frame_system::Pallet::<T>::set_block_number(now);
	Pallet::<T>::on_initialize(now);
}

/// Many creators and curators with scores in the current era, to show they cost nothing at rollover.
fn crowd<T: Config>(n: u32) {
	let era = CurrentEra::<T>::get();
	for i in 0..n {
		let who: T::AccountId = account("crowd", i, 0);
		CreatorScores::<T>::insert(era, &who, BalanceOf::<T>::one());
		let score = PostScore { author: who, up: BalanceOf::<T>::one(), down: Zero::zero() };
		PostScores::<T>::insert(era, PostId::from(i), score);
	}
	EraScore::<T>::put(BalanceOf::<T>::from(n));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Adding to an existing bond that has unbonding chunks.
	#[benchmark]
	fn bond() {
		let who = curator::<T>("curator", 0, a_bond::<T>());
		for _ in 0..T::MaxUnlockingChunks::get() {
			Pallet::<T>::unbond(RawOrigin::Signed(who.clone()).into(), T::MinBond::get())
				.expect("bonded");
			close_era::<T>();
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), T::MinBond::get());

		assert!(Ledgers::<T>::get(&who).is_some());
	}

	/// Unbonding into a new chunk, with all but one chunk in use.
	#[benchmark]
	fn unbond() {
		let who = curator::<T>("curator", 0, a_bond::<T>());
		for _ in 1..T::MaxUnlockingChunks::get() {
			Pallet::<T>::unbond(RawOrigin::Signed(who.clone()).into(), T::MinBond::get())
				.expect("bonded");
			close_era::<T>();
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), T::MinBond::get());

		assert_eq!(
			Ledgers::<T>::get(&who).map(|l| l.unlocking.len() as u32),
			Some(T::MaxUnlockingChunks::get())
		);
	}

	/// Withdrawing all chunks but keeping the ledger (its freeze is updated).
	#[benchmark]
	fn withdraw_unbonded() {
		let who = curator::<T>("curator", 0, a_bond::<T>());
		for _ in 0..T::MaxUnlockingChunks::get() {
			Pallet::<T>::unbond(RawOrigin::Signed(who.clone()).into(), T::MinBond::get())
				.expect("bonded");
			close_era::<T>();
		}
		for _ in 0..T::UnbondingEras::get() {
			close_era::<T>();
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(Ledgers::<T>::get(&who).map(|l| l.unlocking.len()), Some(0));
	}

	/// A claim as both creator and curator, the curator's `n` votes on posts of other creators.
	#[benchmark]
	fn claim(n: Linear<1, { T::VotesPerEra::get() }>) {
		RewardPerEra::<T>::put(a_bond::<T>());
		let who = curator::<T>("curator", 0, a_bond::<T>());
		let other = curator::<T>("curator", 1, a_bond::<T>());
		close_era::<T>();
		for i in 0..n {
			let creator: T::AccountId = account("creator", i, 0);
			Pallet::<T>::on_appreciation(&who, &creator, PostId::from(i));
		}
		Pallet::<T>::on_appreciation(&other, &who, PostId::from(n));
		let era = CurrentEra::<T>::get();
		close_era::<T>();
		close_era::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), era);

		assert!(Eras::<T>::get(era).is_some_and(|e| !e.paid.is_zero()));
	}

	/// A flag by a flagger with all but one of its flags of the era raised.
	#[benchmark]
	fn flag() {
		let flags = T::MaxFlagsPerEra::get();
		let votes = T::VotesPerEra::get();
		let author = curator::<T>("curator", 0, a_bond::<T>());
		let flagger = curator::<T>("curator", 1, a_bond::<T>().saturating_mul(flags.into()));
		let voters: Vec<T::AccountId> =
			(0..flags.div_ceil(votes)).map(|i| curator::<T>("voter", i, a_bond::<T>())).collect();
		close_era::<T>();
		for post in 0..flags {
			let voter = &voters[(post / votes) as usize];
			Pallet::<T>::on_appreciation(voter, &author, PostId::from(post));
		}
		close_era::<T>();
		for post in 1..flags {
			Pallet::<T>::flag(
				RawOrigin::Signed(flagger.clone()).into(),
				PostId::from(post),
				FlagReason::Spam,
			)
			.expect("flag power left");
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(flagger.clone()), 0, FlagReason::SelfVoting);

		let review = CurrentEra::<T>::get() - 1;
		assert!(PostScores::<T>::get(review, 0).is_some_and(|score| !score.down.is_zero()));
	}

	#[benchmark]
	fn set_score_target() {
		#[extrinsic_call]
		_(RawOrigin::Root, a_bond::<T>());

		assert_eq!(ScoreTarget::<T>::get(), a_bond::<T>());
	}

	/// Hiding a post with votes in the era in review and in the current era.
	#[benchmark]
	fn on_post_hidden() {
		let author: T::AccountId = account("creator", 0, 0);
		let voter = curator::<T>("curator", 0, a_bond::<T>());
		let other = curator::<T>("curator", 1, a_bond::<T>());
		close_era::<T>();
		Pallet::<T>::on_appreciation(&voter, &author, 0);
		close_era::<T>();
		Pallet::<T>::on_appreciation(&other, &author, 0);

		#[block]
		{
			Pallet::<T>::on_post_hidden(0, &author);
		}

		assert!(CreatorScores::<T>::get(CurrentEra::<T>::get(), &author).is_zero());
	}

	#[benchmark]
	fn on_account_suspended() {
		let who: T::AccountId = account("creator", 0, 0);
		close_era::<T>();

		#[block]
		{
			Pallet::<T>::on_account_suspended(&who);
		}

		assert!(Barred::<T>::contains_key(CurrentEra::<T>::get(), &who));
	}

	#[benchmark]
	fn set_reward_per_era() {
		#[extrinsic_call]
		_(RawOrigin::Root, a_bond::<T>());

		assert_eq!(RewardPerEra::<T>::get(), a_bond::<T>());
	}

	#[benchmark]
	fn set_era_length() {
		let blocks = EraLength::<T>::get().saturating_add(One::one());

		#[extrinsic_call]
		_(RawOrigin::Root, blocks);

		assert_eq!(EraLength::<T>::get(), blocks);
	}

	/// A curator's last vote of the era, with votes of others in storage.
	#[benchmark]
	fn on_appreciation() {
		let who = curator::<T>("curator", 0, a_bond::<T>());
		let creator: T::AccountId = account("creator", 0, 0);
		close_era::<T>();
		crowd::<T>(1_000);
		let last = T::VotesPerEra::get();
		for post in 1..last {
			Pallet::<T>::on_appreciation(&who, &creator, PostId::from(2_000 + post));
		}

		#[block]
		{
			Pallet::<T>::on_appreciation(&who, &creator, 0);
		}

		assert!(!CreatorScores::<T>::get(CurrentEra::<T>::get(), &creator).is_zero());
	}

	/// An appreciation by an account without a curator bond, which spends no vote: what most
	/// reactions and tips cost here.
	#[benchmark]
	fn on_appreciation_without_bond() {
		let who: T::AccountId = account("reactor", 0, 0);
		let creator: T::AccountId = account("creator", 0, 0);
		close_era::<T>();
		crowd::<T>(1_000);

		#[block]
		{
			Pallet::<T>::on_appreciation(&who, &creator, 0);
		}

		assert!(CreatorScores::<T>::get(CurrentEra::<T>::get(), &creator).is_zero());
	}

	#[benchmark]
	fn on_initialize_within_era() {
		let now = EraStartedAt::<T>::get();

		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}

		assert_eq!(CurrentEra::<T>::get(), 0);
	}

	/// Closing an era with 1,000 creators and curators in it, ending the review of the era before
	/// and expiring an old one.
	#[benchmark]
	fn on_initialize_era_end() {
		for _ in 0..T::ClaimWindow::get() {
			crowd::<T>(1);
			close_era::<T>();
		}
		crowd::<T>(1_000);
		let now = EraStartedAt::<T>::get().saturating_add(EraLength::<T>::get());
		frame_system::Pallet::<T>::set_block_number(now);

		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}

		assert_eq!(CurrentEra::<T>::get(), T::ClaimWindow::get() + 1);
		assert!(Eras::<T>::get(0).is_none(), "era 0 expired");
	}

	/// Removing `k` score entries of an expired era in `on_idle`.
	#[benchmark]
	fn clear_expired(k: Linear<0, 1_000>) {
		let era = CurrentEra::<T>::get();
		for i in 0..k {
			let who: T::AccountId = account("crowd", i, 0);
			CreatorScores::<T>::insert(era, &who, BalanceOf::<T>::one());
		}
		EraScore::<T>::put(BalanceOf::<T>::from(k));
		for _ in 0..=T::ClaimWindow::get() {
			close_era::<T>();
		}
		let now = frame_system::Pallet::<T>::block_number();

		#[block]
		{
			Pallet::<T>::on_idle(now, Weight::MAX);
		}

		assert_eq!(CreatorScores::<T>::iter_prefix(era).count(), 0);
		assert_eq!(ClearedUpTo::<T>::get(), era + 1);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
