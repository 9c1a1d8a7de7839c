//! # Profiles pallet
//!
//! Who an account is on Kith: a profile (display name, bio, avatar) and a unique handle (`@name`) others
//! can find it by, both movable to a new key when the user rotates keys.
//!
//! ## Terminology
//! - **Profile**: a display name (≤ [`Config::MaxDisplayNameLen`] bytes of UTF-8), a bio
//!   (≤ [`Config::MaxBioLen`] bytes of UTF-8) and an optional avatar, the content reference of an image on
//!   IPFS (a CID, checked by shape: [`kith_primitives::is_valid_cid`]).
//! - **Handle**: 3 to 32 characters of `a-z`, `0-9` and `_`, not starting with a digit, case-folded
//!   ([`fold_handle`]), so `Alice` and `alice` are one handle. Unique: one owner per handle, one handle per
//!   account. Handles on the reserved list (set by [`Config::ReservedOrigin`], governance) cannot be
//!   claimed.
//! - **Identity move**: profile, handle and, through [`Config::OnIdentityMoved`] (in Kith the follows
//!   pallet, then moderation), the social graph and the moderation enforced on the account move to a new
//!   account in one call signed by the old one: a suspended or labelled account cannot shed its
//!   enforcement by moving. [`Pallet::transfer_handle`] moves only the handle: whatever moderation
//!   enforces on the account stays with the account.
//! - **Handle gone**: before a handle leaves its account (release, transfer or identity move),
//!   [`Config::OnHandleGone`] is told, so that what holding it gave ends with it (in Kith, a sponsorship
//!   from the quota pallet).
//!
//! ## Calls
//! Signed by the account concerned:
//! - [`Pallet::set_profile`]: create or replace the profile; the deposit is adjusted up or down.
//! - [`Pallet::clear_profile`]: remove it and get the whole deposit back.
//! - [`Pallet::claim_handle`]: take a free, unreserved handle (if you have none).
//! - [`Pallet::release_handle`]: give it up (deposit returned).
//! - [`Pallet::transfer_handle`]: give it to an account that has no handle, with its deposit.
//! - [`Pallet::move_identity`]: move everything to a new account that has no identity yet.
//!
//! From [`Config::ReservedOrigin`]: [`Pallet::set_reserved`] replaces the list of reserved handles.
//!
//! ## Storage
//! `Profiles` (account → [`Profile`]), `HandleOf` (account → [`OwnedHandle`]), `OwnerOf` (handle →
//! account), `ReservedHandles` (a sorted, bounded list).
//!
//! ## Economics
//! A profile holds [`Config::ProfileDepositBase`] plus [`Config::ProfileByteDeposit`] per byte of name,
//! bio and avatar ([`HoldReason::Profile`]); a handle holds [`Config::HandleDeposit`]
//! ([`HoldReason::Handle`]). Deposits are stored with what they pay for, so each is released exactly.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

/// Profiles and unique, case-folded handles, with deposits; movable to a new key in one call.
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use core::cmp::Ordering;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			tokens::{Fortitude, Precision, Restriction},
		},
	};
	use frame_system::pallet_prelude::*;
	use kith_primitives::{ContentRef, OnHandleGone, OnIdentityMoved};
	use sp_runtime::{
		traits::{Saturating, StaticLookup, Zero},
		TokenError,
	};

	/// An amount of the currency deposits are held in.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// The profile type of a runtime.
	pub type ProfileOf<T> =
		Profile<BalanceOf<T>, <T as Config>::MaxDisplayNameLen, <T as Config>::MaxBioLen>;
	type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who may change the list of reserved handles (governance).
		type ReservedOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Told when an identity moves, to move what other pallets keep for it (the social graph).
		type OnIdentityMoved: OnIdentityMoved<Self::AccountId>;

		/// Told just before an account's handle leaves it (release, transfer, identity move).
		type OnHandleGone: OnHandleGone<Self::AccountId>;

		/// The longest display name, in bytes.
		#[pallet::constant]
		type MaxDisplayNameLen: Get<u32>;

		/// The longest bio, in bytes.
		#[pallet::constant]
		type MaxBioLen: Get<u32>;

		/// The most reserved handles.
		#[pallet::constant]
		type MaxReserved: Get<u32>;

		/// The deposit of a profile, whatever its size.
		#[pallet::constant]
		type ProfileDepositBase: Get<BalanceOf<Self>>;

		/// The deposit per byte of a profile's name, bio and avatar.
		#[pallet::constant]
		type ProfileByteDeposit: Get<BalanceOf<Self>>;

		/// The deposit of a handle.
		#[pallet::constant]
		type HandleDeposit: Get<BalanceOf<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a profile.
		#[codec(index = 0)]
		Profile,
		/// The deposit of a handle.
		#[codec(index = 1)]
		Handle,
	}

	/// The profile of each account that has one.
	#[pallet::storage]
	pub type Profiles<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, ProfileOf<T>>;

	/// The handle each account owns.
	#[pallet::storage]
	pub type HandleOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, OwnedHandle<BalanceOf<T>>>;

	/// The owner of each handle.
	#[pallet::storage]
	pub type OwnerOf<T: Config> = StorageMap<_, Blake2_128Concat, Handle, T::AccountId>;

	/// Handles nobody may claim, sorted.
	#[pallet::storage]
	pub type ReservedHandles<T: Config> =
		StorageValue<_, BoundedVec<Handle, T::MaxReserved>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The handles reserved from genesis.
		pub reserved: Vec<Vec<u8>>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let reserved = Pallet::<T>::reserved_list(&self.reserved)
				.expect("genesis reserved handles are valid and few enough");
			ReservedHandles::<T>::put(reserved);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` created or changed its profile; it now holds `deposit` for it.
		ProfileUpdated {
			who: T::AccountId,
			display_name: BoundedVec<u8, T::MaxDisplayNameLen>,
			avatar: Option<ContentRef>,
			deposit: BalanceOf<T>,
		},
		/// `who` removed its profile.
		ProfileCleared { who: T::AccountId },
		/// `who` claimed `handle`.
		HandleClaimed { who: T::AccountId, handle: Handle },
		/// `who` gave up `handle`.
		HandleReleased { who: T::AccountId, handle: Handle },
		/// `from` gave `handle` to `to`.
		HandleTransferred { from: T::AccountId, to: T::AccountId, handle: Handle },
		/// The identity of `from` (profile, handle, social graph) moved to `to`.
		IdentityMoved { from: T::AccountId, to: T::AccountId, handle: Option<Handle> },
		/// The reserved handles were replaced; there are now `count`.
		ReservedHandlesSet { count: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The display name is longer than allowed.
		DisplayNameTooLong,
		/// The bio is longer than allowed.
		BioTooLong,
		/// The display name or bio is not valid UTF-8 text.
		NotUtf8,
		/// The avatar is not a content reference (an IPFS CID).
		InvalidContentRef,
		/// This account has no profile.
		NoProfile,
		/// A handle has 3 to 32 characters of a-z, 0-9 and _, and does not start with a digit.
		HandleInvalid,
		/// Someone else owns this handle.
		HandleTaken,
		/// This handle is reserved.
		HandleReserved,
		/// This account already owns a handle; release it first.
		AlreadyHasHandle,
		/// This account owns no handle.
		NoHandle,
		/// The receiving account already owns a handle.
		ReceiverHasHandle,
		/// An identity can only move to another account.
		CannotMoveToSelf,
		/// The deposits to move are frozen by a lock on this account (a referendum or case vote):
		/// unlock it, or add free balance that covers the lock, and move again.
		DepositsFrozen,
		/// The account an identity moves to already has a profile or a handle.
		TargetHasIdentity,
		/// More reserved handles than allowed.
		TooManyReserved,
		/// The free balance cannot cover the deposit.
		InsufficientBalance,
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
		/// Creates or replaces the caller's profile. The deposit grows or shrinks with the profile's size.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_profile(
			display_name.len().saturating_add(bio.len()) as u32
		))]
		pub fn set_profile(
			origin: OriginFor<T>,
			display_name: Vec<u8>,
			bio: Vec<u8>,
			avatar: Option<Vec<u8>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let display_name: BoundedVec<u8, T::MaxDisplayNameLen> =
				display_name.try_into().map_err(|_| Error::<T>::DisplayNameTooLong)?;
			let bio: BoundedVec<u8, T::MaxBioLen> =
				bio.try_into().map_err(|_| Error::<T>::BioTooLong)?;
			ensure!(
				core::str::from_utf8(&display_name).is_ok() && core::str::from_utf8(&bio).is_ok(),
				Error::<T>::NotUtf8
			);
			let avatar = avatar.map(Self::content_ref).transpose()?;
			let bytes = display_name.len() + bio.len() + avatar.as_ref().map_or(0, |a| a.len());
			let deposit = T::ProfileDepositBase::get()
				.saturating_add(T::ProfileByteDeposit::get().saturating_mul((bytes as u32).into()));
			let old = Profiles::<T>::get(&who).map_or_else(Zero::zero, |p| p.deposit);

			let reason = HoldReason::Profile.into();
			match deposit.cmp(&old) {
				Ordering::Greater => T::Currency::hold(&reason, &who, deposit - old)
					.map_err(|_| Error::<T>::InsufficientBalance)?,
				Ordering::Less => {
					T::Currency::release(&reason, &who, old - deposit, Precision::Exact)?;
				},
				Ordering::Equal => {},
			}
			Profiles::<T>::insert(
				&who,
				Profile {
					display_name: display_name.clone(),
					bio,
					avatar: avatar.clone(),
					deposit,
				},
			);
			Self::deposit_event(Event::ProfileUpdated { who, display_name, avatar, deposit });
			Ok(())
		}

		/// Removes the caller's profile and releases its deposit.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::clear_profile())]
		pub fn clear_profile(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let profile = Profiles::<T>::take(&who).ok_or(Error::<T>::NoProfile)?;
			T::Currency::release(
				&HoldReason::Profile.into(),
				&who,
				profile.deposit,
				Precision::Exact,
			)?;
			Self::deposit_event(Event::ProfileCleared { who });
			Ok(())
		}

		/// Claims `handle` (case-folded) for the caller, holding [`Config::HandleDeposit`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::claim_handle())]
		pub fn claim_handle(origin: OriginFor<T>, handle: Vec<u8>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let handle = fold_handle(&handle).map_err(|_| Error::<T>::HandleInvalid)?;
			ensure!(!HandleOf::<T>::contains_key(&who), Error::<T>::AlreadyHasHandle);
			ensure!(!OwnerOf::<T>::contains_key(&handle), Error::<T>::HandleTaken);
			ensure!(
				ReservedHandles::<T>::get().binary_search(&handle).is_err(),
				Error::<T>::HandleReserved
			);
			let deposit = T::HandleDeposit::get();
			T::Currency::hold(&HoldReason::Handle.into(), &who, deposit)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
			OwnerOf::<T>::insert(&handle, &who);
			HandleOf::<T>::insert(&who, OwnedHandle { handle: handle.clone(), deposit });
			Self::deposit_event(Event::HandleClaimed { who, handle });
			Ok(())
		}

		/// Gives up the caller's handle and releases its deposit; anyone may claim it afterwards.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::release_handle().saturating_add(T::OnHandleGone::weight()))]
		pub fn release_handle(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(HandleOf::<T>::contains_key(&who), Error::<T>::NoHandle);
			T::OnHandleGone::on_handle_gone(&who);
			let owned = HandleOf::<T>::take(&who).ok_or(Error::<T>::NoHandle)?;
			OwnerOf::<T>::remove(&owned.handle);
			T::Currency::release(
				&HoldReason::Handle.into(),
				&who,
				owned.deposit,
				Precision::Exact,
			)?;
			Self::deposit_event(Event::HandleReleased { who, handle: owned.handle });
			Ok(())
		}

		/// Gives the caller's handle to `to`, which must have none. The deposit goes with it (held on
		/// `to`'s account), so the receiver pays nothing.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::transfer_handle().saturating_add(T::OnHandleGone::weight()))]
		pub fn transfer_handle(origin: OriginFor<T>, to: AccountIdLookupOf<T>) -> DispatchResult {
			let from = ensure_signed(origin)?;
			let to = T::Lookup::lookup(to)?;
			let owned = HandleOf::<T>::get(&from).ok_or(Error::<T>::NoHandle)?;
			ensure!(!HandleOf::<T>::contains_key(&to), Error::<T>::ReceiverHasHandle);
			T::OnHandleGone::on_handle_gone(&from);
			Self::move_handle(&from, &to, &owned)?;
			Self::deposit_event(Event::HandleTransferred { from, to, handle: owned.handle });
			Ok(())
		}

		/// Moves the caller's identity (profile, handle and social graph, with their deposits) to
		/// `new_account`, which must have none of its own: for a user who rotates keys.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::move_identity()
			.saturating_add(T::OnIdentityMoved::weight())
			.saturating_add(T::OnHandleGone::weight()))]
		pub fn move_identity(
			origin: OriginFor<T>,
			new_account: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let from = ensure_signed(origin)?;
			let to = T::Lookup::lookup(new_account)?;
			Self::do_move_identity(from, to).map_err(|error| match error {
				DispatchError::Token(TokenError::Frozen) => Error::<T>::DepositsFrozen.into(),
				other => other,
			})
		}

		/// Replaces the list of reserved handles. Handles already owned stay with their owners.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_reserved(handles.len() as u32))]
		pub fn set_reserved(origin: OriginFor<T>, handles: Vec<Vec<u8>>) -> DispatchResult {
			T::ReservedOrigin::ensure_origin(origin)?;
			let reserved = Self::reserved_list(&handles)?;
			let count = reserved.len() as u32;
			ReservedHandles::<T>::put(reserved);
			Self::deposit_event(Event::ReservedHandlesSet { count });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Moves `from`'s identity to `to` (see [`Pallet::move_identity`]).
		fn do_move_identity(from: T::AccountId, to: T::AccountId) -> DispatchResult {
			ensure!(from != to, Error::<T>::CannotMoveToSelf);
			ensure!(
				!Profiles::<T>::contains_key(&to) && !HandleOf::<T>::contains_key(&to),
				Error::<T>::TargetHasIdentity
			);
			T::OnIdentityMoved::can_move(&from, &to)?;
			if HandleOf::<T>::contains_key(&from) {
				T::OnHandleGone::on_handle_gone(&from);
			}

			if let Some(profile) = Profiles::<T>::take(&from) {
				Self::transfer_hold(HoldReason::Profile, &from, &to, profile.deposit)?;
				Profiles::<T>::insert(&to, profile);
			}
			let handle = HandleOf::<T>::get(&from);
			if let Some(owned) = &handle {
				Self::move_handle(&from, &to, owned)?;
			}
			T::OnIdentityMoved::on_identity_moved(&from, &to)?;
			Self::deposit_event(Event::IdentityMoved {
				from,
				to,
				handle: handle.map(|h| h.handle),
			});
			Ok(())
		}

		/// Checks `raw` as a content reference.
		fn content_ref(raw: Vec<u8>) -> Result<ContentRef, Error<T>> {
			let cid = ContentRef::try_from(raw).map_err(|_| Error::<T>::InvalidContentRef)?;
			ensure!(kith_primitives::is_valid_cid(&cid), Error::<T>::InvalidContentRef);
			Ok(cid)
		}

		/// The sorted, deduplicated, bounded list of the given handles, each checked and case-folded.
		fn reserved_list(
			handles: &[Vec<u8>],
		) -> Result<BoundedVec<Handle, T::MaxReserved>, Error<T>> {
			let mut list = handles
				.iter()
				.map(|h| fold_handle(h).map_err(|_| Error::<T>::HandleInvalid))
				.collect::<Result<Vec<_>, _>>()?;
			list.sort();
			list.dedup();
			list.try_into().map_err(|_| Error::<T>::TooManyReserved)
		}

		/// Moves `amount` held for `reason` from `from` to `to`, still held.
		fn transfer_hold(
			reason: HoldReason,
			from: &T::AccountId,
			to: &T::AccountId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			T::Currency::transfer_on_hold(
				&reason.into(),
				from,
				to,
				amount,
				Precision::Exact,
				Restriction::OnHold,
				Fortitude::Polite,
			)?;
			Ok(())
		}

		/// Moves the handle `owned` of `from`, and its deposit, to `to`.
		fn move_handle(
			from: &T::AccountId,
			to: &T::AccountId,
			owned: &OwnedHandle<BalanceOf<T>>,
		) -> DispatchResult {
			Self::transfer_hold(HoldReason::Handle, from, to, owned.deposit)?;
			HandleOf::<T>::remove(from);
			HandleOf::<T>::insert(to, owned);
			OwnerOf::<T>::insert(&owned.handle, to);
			Ok(())
		}

		/// The owner of a handle, looked up case-insensitively (`None` for a string that is not a handle).
		pub fn owner_of(handle: &[u8]) -> Option<T::AccountId> {
			OwnerOf::<T>::get(fold_handle(handle).ok()?)
		}

		/// Checks the pallet's invariants: handles map both ways, and each account holds exactly the
		/// deposits of its profile and handle.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use frame_support::traits::fungible::InspectHold;
			for (handle, owner) in OwnerOf::<T>::iter() {
				ensure!(
					HandleOf::<T>::get(&owner).is_some_and(|owned| owned.handle == handle),
					"a handle's owner does not own it"
				);
			}
			ensure!(
				HandleOf::<T>::iter().count() == OwnerOf::<T>::iter().count(),
				"handle maps disagree"
			);
			for (who, owned) in HandleOf::<T>::iter() {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::Handle.into(), &who) == owned.deposit,
					"a handle deposit differs from what is held"
				);
			}
			for (who, profile) in Profiles::<T>::iter() {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::Profile.into(), &who)
						== profile.deposit,
					"a profile deposit differs from what is held"
				);
			}
			let reserved = ReservedHandles::<T>::get();
			ensure!(reserved.windows(2).all(|w| w[0] < w[1]), "reserved handles are not sorted");
			Ok(())
		}
	}
}
