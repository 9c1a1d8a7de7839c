//! # Tipping pallet
//!
//! Pay a creator directly: a tip moves native tokens from the tipper to a post's author or to a creator,
//! with an optional memo, in one extrinsic, and is counted for the post and the creator.
//!
//! ## Terminology
//! - **Tip**: a transfer of at least [`Config::MinTip`] to a [`TipTarget`]: `Post(id)` pays the post's
//!   author (found through [`Config::Posts`]); `Creator(account)` pays that account.
//! - **Memo**: optional UTF-8 text of at most [`Config::MaxMemoLen`] bytes. It is carried in the event,
//!   not stored.
//! - **Totals**: the sum and number of tips per post ([`PostTips`]) and per creator ([`CreatorTips`];
//!   tips on a creator's posts count there too).
//!
//! ## Calls
//! - [`Pallet::tip`]: signed, by an account that is not suspended ([`Config::Moderation`]). Refused:
//!   tipping yourself or your own post, an account (or a post's author) that blocked the tipper
//!   ([`Config::SocialGraph`]), a missing or deleted post, less than [`Config::MinTip`], and more
//!   than the tipper can transfer while keeping its account alive. A tip on a post is also passed on to
//!   [`Config::OnAppreciation`] (creator rewards count it like a positive reaction).
//!
//! ## Storage
//! `PostTips` (post → [`TipTotals`]) and `CreatorTips` (account → [`TipTotals`]): one small entry per
//! tipped post or creator, paid for by the tip itself ([`Config::MinTip`] is at least the existential
//! deposit in the runtime, and every tip pays a transaction fee).
//!
//! ## Economics
//! Tips move funds between accounts and never mint or burn; the tipper keeps at least the existential
//! deposit.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

/// Tips to posts and creators.
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate},
			tokens::Preservation,
		},
	};
	use frame_system::pallet_prelude::*;
	use kith_primitives::{ModerationStatus, OnAppreciation, PostAuthors, PostId, SocialGraph};
	use sp_runtime::traits::Saturating;

	/// An amount of the currency tips are paid in.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// A memo as the call carries it.
	pub type MemoOf<T> = BoundedVec<u8, <T as Config>::MaxMemoLen>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency tips are paid in.
		type Currency: Mutate<Self::AccountId>;

		/// Who wrote which post.
		type Posts: PostAuthors<Self::AccountId>;

		/// Who is suspended: a suspended account cannot tip.
		type Moderation: ModerationStatus<Self::AccountId>;

		/// Who blocked whom: nobody can tip an account that blocked them.
		type SocialGraph: SocialGraph<Self::AccountId>;

		/// Told of every tip on a post (creator rewards count it).
		type OnAppreciation: OnAppreciation<Self::AccountId>;

		/// The smallest tip.
		#[pallet::constant]
		type MinTip: Get<BalanceOf<Self>>;

		/// The longest memo, in bytes.
		#[pallet::constant]
		type MaxMemoLen: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// What each post has been tipped.
	#[pallet::storage]
	pub type PostTips<T: Config> = StorageMap<_, Twox64Concat, PostId, TipTotals<BalanceOf<T>>>;

	/// What each creator has been tipped, on its posts and directly.
	#[pallet::storage]
	pub type CreatorTips<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, TipTotals<BalanceOf<T>>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `from` tipped `to` `amount`, for post `post` if given, with `memo` (UTF-8, possibly empty).
		Tipped {
			from: T::AccountId,
			to: T::AccountId,
			post: Option<PostId>,
			amount: BalanceOf<T>,
			memo: Option<MemoOf<T>>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// You cannot tip yourself or your own post.
		CannotTipSelf,
		/// There is no post with this id.
		PostNotFound,
		/// The post was deleted.
		PostDeleted,
		/// The tip is smaller than the smallest tip allowed.
		TipTooSmall,
		/// The memo is not valid UTF-8.
		MemoNotUtf8,
		/// Your transferable balance cannot pay the tip and keep your account alive.
		InsufficientBalance,
		/// Your account is suspended.
		Suspended,
		/// The account you tip (or the post's author) blocked you.
		BlockedByRecipient,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Pays `amount` to `target` (a post's author or a creator) with an optional `memo`, keeping the
		/// caller's account alive, and counts the tip. Charges what passing a tip on a post on to
		/// [`Config::OnAppreciation`] took, not the most it can take.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::tip().saturating_add(T::OnAppreciation::weight()))]
		pub fn tip(
			origin: OriginFor<T>,
			target: TipTarget<T::AccountId>,
			amount: BalanceOf<T>,
			memo: Option<MemoOf<T>>,
		) -> DispatchResultWithPostInfo {
			let from = ensure_signed(origin)?;
			ensure!(!T::Moderation::is_suspended(&from), Error::<T>::Suspended);
			ensure!(amount >= T::MinTip::get(), Error::<T>::TipTooSmall);
			if let Some(memo) = &memo {
				core::str::from_utf8(memo).map_err(|_| Error::<T>::MemoNotUtf8)?;
			}
			let (to, post) = match target {
				TipTarget::Post(id) => {
					let post = T::Posts::authorship(id).ok_or(Error::<T>::PostNotFound)?;
					ensure!(!post.deleted, Error::<T>::PostDeleted);
					(post.author, Some(id))
				},
				TipTarget::Creator(to) => (to, None),
			};
			ensure!(to != from, Error::<T>::CannotTipSelf);
			ensure!(!T::SocialGraph::is_blocked(&to, &from), Error::<T>::BlockedByRecipient);

			T::Currency::transfer(&from, &to, amount, Preservation::Preserve)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
			let add = |totals: &mut Option<TipTotals<BalanceOf<T>>>| {
				let totals = totals.get_or_insert_with(Default::default);
				totals.total = totals.total.saturating_add(amount);
				totals.count = totals.count.saturating_add(1);
			};
			CreatorTips::<T>::mutate(&to, add);
			let appreciation = post.map_or(Weight::zero(), |id| {
				PostTips::<T>::mutate(id, add);
				T::OnAppreciation::on_appreciation(&from, &to, id)
			});
			Self::deposit_event(Event::Tipped { from, to, post, amount, memo });
			Ok(Some(T::WeightInfo::tip().saturating_add(appreciation)).into())
		}
	}

	impl<T: Config> Pallet<T> {
		/// What post `post` has been tipped.
		pub fn post_tips(post: PostId) -> TipTotals<BalanceOf<T>> {
			PostTips::<T>::get(post).unwrap_or_default()
		}

		/// What `account` has been tipped.
		pub fn creator_tips(account: &T::AccountId) -> TipTotals<BalanceOf<T>> {
			CreatorTips::<T>::get(account).unwrap_or_default()
		}

		/// Checks the pallet's invariants: every total counts at least one tip of at least the smallest
		/// tip, and each post's tips are part of its author's.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			let mut by_author: BTreeMap<T::AccountId, TipTotals<BalanceOf<T>>> = BTreeMap::new();
			for (id, totals) in PostTips::<T>::iter() {
				ensure!(totals.count > 0, "a post's tip total counts no tip");
				ensure!(
					totals.total >= T::MinTip::get().saturating_mul(totals.count.into()),
					"a post's tips sum to less than its count of smallest tips"
				);
				let author = T::Posts::authorship(id).ok_or("a tipped post does not exist")?.author;
				let sum = by_author.entry(author).or_default();
				sum.total = sum.total.saturating_add(totals.total);
				sum.count = sum.count.saturating_add(totals.count);
			}
			for (who, totals) in CreatorTips::<T>::iter() {
				ensure!(totals.count > 0, "a creator's tip total counts no tip");
				let on_posts = by_author.remove(&who).unwrap_or_default();
				ensure!(
					totals.total >= on_posts.total && totals.count >= on_posts.count,
					"a creator received less than its posts did"
				);
			}
			ensure!(by_author.is_empty(), "tips on posts missing from their author's total");
			Ok(())
		}
	}
}
