//! Benchmarks of the posts pallet, each at its call's worst case. The signer is
//! `whitelisted_caller`, as in polkadot-sdk's pallets: its account was read and written by the
//! transaction's nonce and fee checks before the call runs, which the extensions' weights pay for.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::RawOrigin;

/// An account with plenty of funds for deposits.
fn funded<T: Config>(name: &'static str) -> T::AccountId {
	fund::<T>(account(name, 0, 0))
}

/// The signer of the benchmarked call, with plenty of funds for deposits.
fn caller<T: Config>() -> T::AccountId {
	fund::<T>(whitelisted_caller())
}

fn fund<T: Config>(who: T::AccountId) -> T::AccountId {
	let plenty = T::PostDepositBase::get() * 100u32.into()
		+ T::PostByteDeposit::get() * 100_000u32.into()
		+ T::ReactionDeposit::get() * 100u32.into();
	T::Currency::set_balance(&who, T::Currency::minimum_balance() + plenty);
	who
}

/// A post of `who` with `len` bytes of text; returns its id.
fn root_post<T: Config>(who: &T::AccountId, len: u32) -> Result<PostId, BenchmarkError> {
	let id = NextPostId::<T>::get();
	Pallet::<T>::create_post(
		RawOrigin::Signed(who.clone()).into(),
		NewPostKind::Root,
		Some(ContentInput::Text(vec![b'a'; len.max(1) as usize])),
	)?;
	Ok(id)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A root post with `n` bytes of text: it starts a thread and answers nothing.
	#[benchmark]
	fn create_root_post(n: Linear<1, { T::MaxTextLen::get() }>) -> Result<(), BenchmarkError> {
		let author = caller::<T>();
		let id = NextPostId::<T>::get();
		let text = ContentInput::Text(vec![b'a'; n as usize]);

		#[extrinsic_call]
		create_post(RawOrigin::Signed(author), NewPostKind::Root, Some(text));

		assert!(Pallet::<T>::post(id).is_some());
		Ok(())
	}

	/// Any other post at its worst: a reply to a reply (it reads the thread's root for blocks,
	/// updates its parent and two indexes) with `n` bytes of text. Reposts and quotes do less.
	#[benchmark]
	fn create_post(n: Linear<1, { T::MaxTextLen::get() }>) -> Result<(), BenchmarkError> {
		let author = caller::<T>();
		let root = root_post::<T>(&funded::<T>("root"), 1)?;
		let parent = NextPostId::<T>::get();
		Pallet::<T>::create_post(
			RawOrigin::Signed(funded::<T>("parent")).into(),
			NewPostKind::Reply { parent: root },
			Some(ContentInput::Text(vec![b'a'])),
		)?;
		let text = ContentInput::Text(vec![b'a'; n as usize]);

		#[extrinsic_call]
		_(RawOrigin::Signed(author), NewPostKind::Reply { parent }, Some(text));

		assert_eq!(Pallet::<T>::post(parent).map(|p| p.reply_count), Some(1));
		Ok(())
	}

	/// Replacing one byte of text with `n` bytes (the deposit grows).
	#[benchmark]
	fn edit_post(n: Linear<1, { T::MaxTextLen::get() }>) -> Result<(), BenchmarkError> {
		let author = caller::<T>();
		let id = root_post::<T>(&author, 1)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(author), id, ContentInput::Text(vec![b'b'; n as usize]));

		assert!(Pallet::<T>::post(id).is_some_and(|p| p.edited_at.is_some()));
		Ok(())
	}

	/// Deleting a repost: the post, its target's counter and the repost index change.
	#[benchmark]
	fn delete_post() -> Result<(), BenchmarkError> {
		let author = caller::<T>();
		let original = root_post::<T>(&funded::<T>("original"), T::MaxTextLen::get())?;
		let id = NextPostId::<T>::get();
		Pallet::<T>::create_post(
			RawOrigin::Signed(author.clone()).into(),
			NewPostKind::Repost { of: original },
			None,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(author), id);

		assert!(Pallet::<T>::post(id).is_some_and(|p| p.deleted));
		Ok(())
	}

	/// A first reaction (it holds a deposit).
	#[benchmark]
	fn react() -> Result<(), BenchmarkError> {
		let who = caller::<T>();
		let id = root_post::<T>(&funded::<T>("author"), T::MaxTextLen::get())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, Reaction::Like);

		assert_eq!(Pallet::<T>::reactions(id).map(|r| r.like), Some(1));
		Ok(())
	}

	#[benchmark]
	fn unreact() -> Result<(), BenchmarkError> {
		let who = caller::<T>();
		let id = root_post::<T>(&funded::<T>("author"), T::MaxTextLen::get())?;
		Pallet::<T>::react(RawOrigin::Signed(who.clone()).into(), id, Reaction::Like)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), id);

		assert_eq!(Pallet::<T>::reactions(id).map(|r| r.total()), Some(0));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
