//! # Follows pallet
//!
//! Kith's social graph: who follows whom, and who has blocked whom.
//!
//! ## Terminology
//! - **Edge**: "A follows B". One storage key per edge, in both directions (`Following` for "whom does A
//!   follow", `Followers` for "who follows B"), so following, unfollowing and paging are each a few
//!   key operations, never a scan of a growing list.
//! - **Block**: "A has blocked B". B cannot follow A while the block stands; if B followed A, that edge is
//!   removed when A blocks B. Other pallets ask [`kith_primitives::SocialGraph::is_blocked`] (the posts
//!   pallet refuses replies from blocked accounts).
//! - **Member id**: the graph's own number for an account ([`MemberId`]), given the first time the account
//!   follows, is followed, blocks or is blocked. Edges are keyed by member ids: when a user moves their
//!   identity to a new key ([`kith_primitives::OnIdentityMoved`], called by the profiles pallet's
//!   `move_identity`), only the owner of the member id changes, so a move costs the same for an account
//!   with ten followers and one with ten million. An account's member id is removed with its last edge
//!   or block (either way), so the graph keeps nothing of accounts that left it; ids are never reused
//!   (the next edge gives a new one). A move to a key
//!   that others already followed or blocked swaps the two member ids, so nobody can stop a move by
//!   following the new key first; only a key that follows or blocks accounts itself is refused.
//!
//! ## Calls
//! Anyone with a signed origin:
//! - [`Pallet::follow`]: follow an account (not yourself, not one that blocked you, at most
//!   [`Config::MaxFollowing`] at a time).
//! - [`Pallet::unfollow`]: stop following it.
//! - [`Pallet::block`]: block an account (removing its follow of you, if any), at most
//!   [`Config::MaxBlocked`] at a time.
//! - [`Pallet::unblock`]: lift a block.
//!
//! ## Storage
//! `MemberOf` / `AccountOf` (account ↔ member id), `Following` (follower, followee) → [`Edge`],
//! `Followers` (followee, follower), `FollowingCount`, `FollowerCount`, `Blocks` (blocker, blocked) →
//! deposit, `BlockedCount`, `BlockedByCount`.
//!
//! ## Economics
//! Every edge and every block holds [`Config::EdgeDeposit`] from the account that made it
//! ([`HoldReason::GraphEdge`]), released when the edge or block is removed. The amount held is stored with
//! the edge, so a later change of the deposit never releases more or less than was held.
//!
//! ## Reads
//! [`Pallet::followers`], [`Pallet::following`] (paged, in storage order, resuming after a given account),
//! [`Pallet::is_following`] and the counters, for the runtime's `SocialGraphApi`.
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

/// The social graph: follows and blocks between accounts, each edge one storage key, with deposits.
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, InspectHold, Mutate, MutateHold},
			tokens::{Fortitude, Precision, Restriction},
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{StaticLookup, Zero};

	/// An amount of the currency deposits are held in.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency edge deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// What the maker of an edge (a follow or a block) holds while it exists.
		#[pallet::constant]
		type EdgeDeposit: Get<BalanceOf<Self>>;

		/// How many accounts one account may follow at a time.
		#[pallet::constant]
		type MaxFollowing: Get<u32>;

		/// How many accounts one account may block at a time.
		#[pallet::constant]
		type MaxBlocked: Get<u32>;

		/// The most accounts one page of a followers or following read returns.
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a follow edge or a block.
		#[codec(index = 0)]
		GraphEdge,
	}

	/// The member id the next new member gets.
	#[pallet::storage]
	pub type NextMemberId<T> = StorageValue<_, MemberId, ValueQuery>;

	/// The member id of each account that takes part in the graph.
	#[pallet::storage]
	pub type MemberOf<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, MemberId>;

	/// The account that owns each member id.
	#[pallet::storage]
	pub type AccountOf<T: Config> = StorageMap<_, Twox64Concat, MemberId, T::AccountId>;

	/// Follow edges: (follower, followee) → since when, and the deposit held for it.
	#[pallet::storage]
	pub type Following<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		MemberId,
		Twox64Concat,
		MemberId,
		Edge<BlockNumberFor<T>, BalanceOf<T>>,
	>;

	/// The same edges the other way round: (followee, follower), for paging through followers.
	#[pallet::storage]
	pub type Followers<T: Config> =
		StorageDoubleMap<_, Twox64Concat, MemberId, Twox64Concat, MemberId, (), OptionQuery>;

	/// How many accounts each member follows.
	#[pallet::storage]
	pub type FollowingCount<T> = StorageMap<_, Twox64Concat, MemberId, u32, ValueQuery>;

	/// How many accounts follow each member.
	#[pallet::storage]
	pub type FollowerCount<T> = StorageMap<_, Twox64Concat, MemberId, u32, ValueQuery>;

	/// Blocks: (blocker, blocked) → the deposit the blocker holds for it.
	#[pallet::storage]
	pub type Blocks<T: Config> =
		StorageDoubleMap<_, Twox64Concat, MemberId, Twox64Concat, MemberId, BalanceOf<T>>;

	/// How many accounts each member has blocked.
	#[pallet::storage]
	pub type BlockedCount<T> = StorageMap<_, Twox64Concat, MemberId, u32, ValueQuery>;

	/// How many accounts have blocked each member.
	#[pallet::storage]
	pub type BlockedByCount<T> = StorageMap<_, Twox64Concat, MemberId, u32, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `follower` now follows `followee`.
		Followed { follower: T::AccountId, followee: T::AccountId },
		/// `follower` no longer follows `followee` (it unfollowed, or `followee` blocked it).
		Unfollowed { follower: T::AccountId, followee: T::AccountId },
		/// `blocker` blocked `blocked`.
		Blocked { blocker: T::AccountId, blocked: T::AccountId },
		/// `blocker` lifted its block of `blocked`.
		Unblocked { blocker: T::AccountId, blocked: T::AccountId },
		/// The graph of `from` (its edges, blocks and deposits) now belongs to `to`.
		GraphMoved { from: T::AccountId, to: T::AccountId, member: MemberId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// You cannot follow yourself.
		CannotFollowSelf,
		/// You already follow this account.
		AlreadyFollowing,
		/// You do not follow this account.
		NotFollowing,
		/// You follow as many accounts as anyone may; unfollow one first.
		TooManyFollowing,
		/// This account has blocked you, so you cannot follow it.
		Blocked,
		/// You cannot block yourself.
		CannotBlockSelf,
		/// You have already blocked this account.
		AlreadyBlocked,
		/// You have not blocked this account.
		NotBlocked,
		/// You have blocked as many accounts as anyone may; unblock one first.
		TooManyBlocked,
		/// Your free balance cannot cover the deposit of this edge.
		InsufficientBalance,
		/// The account an identity moves to already follows or blocks accounts of its own.
		TargetInGraph,
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
		/// Follows `who`, holding [`Config::EdgeDeposit`] until unfollowed.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::follow())]
		pub fn follow(origin: OriginFor<T>, who: AccountIdLookupOf<T>) -> DispatchResult {
			let follower = ensure_signed(origin)?;
			let followee = T::Lookup::lookup(who)?;
			ensure!(follower != followee, Error::<T>::CannotFollowSelf);
			let follower_id = MemberOf::<T>::get(&follower);
			if let (Some(f), Some(e)) = (follower_id, MemberOf::<T>::get(&followee)) {
				ensure!(!Following::<T>::contains_key(f, e), Error::<T>::AlreadyFollowing);
				ensure!(!Blocks::<T>::contains_key(e, f), Error::<T>::Blocked);
			}
			let following = follower_id.map(FollowingCount::<T>::get).unwrap_or_default();
			ensure!(following < T::MaxFollowing::get(), Error::<T>::TooManyFollowing);

			let deposit = Self::hold_deposit(&follower)?;
			let f = Self::member_id(&follower);
			let e = Self::member_id(&followee);
			let since = frame_system::Pallet::<T>::block_number();
			Following::<T>::insert(f, e, Edge { since, deposit });
			Followers::<T>::insert(e, f, ());
			FollowingCount::<T>::mutate(f, |n| *n += 1);
			FollowerCount::<T>::mutate(e, |n| *n += 1);
			Self::deposit_event(Event::Followed { follower, followee });
			Ok(())
		}

		/// Stops following `who` and releases the edge's deposit.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unfollow())]
		pub fn unfollow(origin: OriginFor<T>, who: AccountIdLookupOf<T>) -> DispatchResult {
			let follower = ensure_signed(origin)?;
			let followee = T::Lookup::lookup(who)?;
			let (f, e) = Self::member_pair(&follower, &followee).ok_or(Error::<T>::NotFollowing)?;
			ensure!(Following::<T>::contains_key(f, e), Error::<T>::NotFollowing);
			Self::remove_edge(f, e, &follower)?;
			Self::forget_if_unused(f);
			Self::forget_if_unused(e);
			Self::deposit_event(Event::Unfollowed { follower, followee });
			Ok(())
		}

		/// Blocks `who`: it cannot follow you any more, and if it follows you now, that edge is removed (and
		/// its deposit released to it). Holds [`Config::EdgeDeposit`] until unblocked.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::block())]
		pub fn block(origin: OriginFor<T>, who: AccountIdLookupOf<T>) -> DispatchResult {
			let blocker = ensure_signed(origin)?;
			let blocked = T::Lookup::lookup(who)?;
			ensure!(blocker != blocked, Error::<T>::CannotBlockSelf);
			let pair = Self::member_pair(&blocker, &blocked);
			if let Some((b, w)) = pair {
				ensure!(!Blocks::<T>::contains_key(b, w), Error::<T>::AlreadyBlocked);
			}
			let count =
				MemberOf::<T>::get(&blocker).map(BlockedCount::<T>::get).unwrap_or_default();
			ensure!(count < T::MaxBlocked::get(), Error::<T>::TooManyBlocked);

			let deposit = Self::hold_deposit(&blocker)?;
			let b = Self::member_id(&blocker);
			let w = Self::member_id(&blocked);
			if Following::<T>::contains_key(w, b) {
				Self::remove_edge(w, b, &blocked)?;
				Self::deposit_event(Event::Unfollowed {
					follower: blocked.clone(),
					followee: blocker.clone(),
				});
			}
			Blocks::<T>::insert(b, w, deposit);
			BlockedCount::<T>::mutate(b, |n| *n += 1);
			BlockedByCount::<T>::mutate(w, |n| *n += 1);
			Self::deposit_event(Event::Blocked { blocker, blocked });
			Ok(())
		}

		/// Lifts a block of `who` and releases its deposit.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::unblock())]
		pub fn unblock(origin: OriginFor<T>, who: AccountIdLookupOf<T>) -> DispatchResult {
			let blocker = ensure_signed(origin)?;
			let blocked = T::Lookup::lookup(who)?;
			let (b, w) = Self::member_pair(&blocker, &blocked).ok_or(Error::<T>::NotBlocked)?;
			let deposit = Blocks::<T>::take(b, w).ok_or(Error::<T>::NotBlocked)?;
			BlockedCount::<T>::mutate(b, |n| *n -= 1);
			BlockedByCount::<T>::mutate(w, |n| *n -= 1);
			Self::release(&blocker, deposit)?;
			Self::forget_if_unused(b);
			Self::forget_if_unused(w);
			Self::deposit_event(Event::Unblocked { blocker, blocked });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The member id of `who`, given now if it has none.
		fn member_id(who: &T::AccountId) -> MemberId {
			MemberOf::<T>::get(who).unwrap_or_else(|| {
				let id = NextMemberId::<T>::mutate(|next| {
					let id = *next;
					*next += 1;
					id
				});
				MemberOf::<T>::insert(who, id);
				AccountOf::<T>::insert(id, who.clone());
				id
			})
		}

		/// Removes member id `id`, its account's entry and its counters once it has no edges and no
		/// blocks either way (nothing refers to it any more).
		fn forget_if_unused(id: MemberId) {
			let counters = [
				FollowingCount::<T>::get(id),
				FollowerCount::<T>::get(id),
				BlockedCount::<T>::get(id),
				BlockedByCount::<T>::get(id),
			];
			if counters.iter().any(|n| *n > 0) {
				return;
			}
			if let Some(who) = AccountOf::<T>::take(id) {
				MemberOf::<T>::remove(who);
			}
			FollowingCount::<T>::remove(id);
			FollowerCount::<T>::remove(id);
			BlockedCount::<T>::remove(id);
			BlockedByCount::<T>::remove(id);
		}

		/// The member ids of both accounts, if both have one.
		fn member_pair(a: &T::AccountId, b: &T::AccountId) -> Option<(MemberId, MemberId)> {
			Some((MemberOf::<T>::get(a)?, MemberOf::<T>::get(b)?))
		}

		/// Holds one edge deposit from `who`.
		fn hold_deposit(who: &T::AccountId) -> Result<BalanceOf<T>, DispatchError> {
			let deposit = T::EdgeDeposit::get();
			T::Currency::hold(&HoldReason::GraphEdge.into(), who, deposit)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
			Ok(deposit)
		}

		/// Releases `amount` of `who`'s edge deposits.
		fn release(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
			T::Currency::release(&HoldReason::GraphEdge.into(), who, amount, Precision::Exact)?;
			Ok(())
		}

		/// Removes the edge `follower` → `followee` (which must exist), with its reverse entry, counters
		/// and deposit.
		fn remove_edge(
			follower: MemberId,
			followee: MemberId,
			follower_account: &T::AccountId,
		) -> DispatchResult {
			let edge = Following::<T>::take(follower, followee).ok_or(Error::<T>::NotFollowing)?;
			Followers::<T>::remove(followee, follower);
			FollowingCount::<T>::mutate(follower, |n| *n -= 1);
			FollowerCount::<T>::mutate(followee, |n| *n -= 1);
			Self::release(follower_account, edge.deposit)
		}

		/// Up to `limit` (at most [`Config::MaxPageSize`]) accounts among the second keys of `who`'s
		/// entries in the edge index `M`, resuming after `start_after` (an account that is not in the
		/// graph gives an empty page).
		fn page<M, V>(
			who: &T::AccountId,
			start_after: Option<&T::AccountId>,
			limit: u32,
		) -> Vec<T::AccountId>
		where
			M: frame_support::storage::IterableStorageDoubleMap<MemberId, MemberId, V>,
			V: codec::FullCodec,
		{
			let Some(id) = MemberOf::<T>::get(who) else { return Vec::new() };
			let after = match start_after.map(MemberOf::<T>::get) {
				None => None,
				Some(Some(after)) => Some(after),
				Some(None) => return Vec::new(),
			};
			kith_primitives::keys_after::<M, _, _, V>(&id, after)
				.take(limit.min(T::MaxPageSize::get()) as usize)
				.filter_map(AccountOf::<T>::get)
				.collect()
		}

		/// Up to `limit` followers of `who`, in storage order, resuming after `start_after` (the last
		/// account of the previous page).
		pub fn followers(
			who: &T::AccountId,
			start_after: Option<&T::AccountId>,
			limit: u32,
		) -> Vec<T::AccountId> {
			Self::page::<Followers<T>, ()>(who, start_after, limit)
		}

		/// Up to `limit` accounts `who` follows, in storage order, resuming after `start_after`.
		pub fn following(
			who: &T::AccountId,
			start_after: Option<&T::AccountId>,
			limit: u32,
		) -> Vec<T::AccountId> {
			Self::page::<Following<T>, Edge<BlockNumberFor<T>, BalanceOf<T>>>(
				who,
				start_after,
				limit,
			)
		}

		/// Whether `follower` follows `followee`.
		pub fn is_following(follower: &T::AccountId, followee: &T::AccountId) -> bool {
			Self::member_pair(follower, followee)
				.is_some_and(|(f, e)| Following::<T>::contains_key(f, e))
		}

		/// How many accounts follow `who`, and how many it follows.
		pub fn counts(who: &T::AccountId) -> (u32, u32) {
			MemberOf::<T>::get(who)
				.map(|id| (FollowerCount::<T>::get(id), FollowingCount::<T>::get(id)))
				.unwrap_or_default()
		}

		/// Checks the pallet's invariants: both edge indexes agree, counters equal the entries, member ids
		/// map both ways, and each account holds exactly the deposits its edges and blocks record.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			let mut following: BTreeMap<MemberId, u32> = BTreeMap::new();
			let mut followers: BTreeMap<MemberId, u32> = BTreeMap::new();
			let mut blocked: BTreeMap<MemberId, u32> = BTreeMap::new();
			let mut held: BTreeMap<MemberId, BalanceOf<T>> = BTreeMap::new();
			for (f, e, edge) in Following::<T>::iter() {
				ensure!(
					Followers::<T>::contains_key(e, f),
					"a follow edge lacks its reverse entry"
				);
				*following.entry(f).or_default() += 1;
				*followers.entry(e).or_default() += 1;
				*held.entry(f).or_default() += edge.deposit;
			}
			ensure!(
				Followers::<T>::iter_keys().all(|(e, f)| Following::<T>::contains_key(f, e)),
				"a reverse entry lacks its follow edge"
			);
			let mut blocked_by: BTreeMap<MemberId, u32> = BTreeMap::new();
			for (b, w, deposit) in Blocks::<T>::iter() {
				*blocked.entry(b).or_default() += 1;
				*blocked_by.entry(w).or_default() += 1;
				*held.entry(b).or_default() += deposit;
			}
			let next = NextMemberId::<T>::get();
			for (account, id) in MemberOf::<T>::iter() {
				ensure!(id < next, "a member id was never given out");
				ensure!(AccountOf::<T>::get(id) == Some(account.clone()), "member ids disagree");
				ensure!(
					FollowingCount::<T>::get(id) == following.get(&id).copied().unwrap_or(0),
					"FollowingCount differs from the edges"
				);
				ensure!(
					FollowingCount::<T>::get(id) <= T::MaxFollowing::get(),
					"a member follows more than MaxFollowing"
				);
				ensure!(
					FollowerCount::<T>::get(id) == followers.get(&id).copied().unwrap_or(0),
					"FollowerCount differs from the edges"
				);
				ensure!(
					BlockedCount::<T>::get(id) == blocked.get(&id).copied().unwrap_or(0),
					"BlockedCount differs from the blocks"
				);
				ensure!(
					BlockedByCount::<T>::get(id) == blocked_by.get(&id).copied().unwrap_or(0),
					"BlockedByCount differs from the blocks"
				);
				ensure!(
					following.contains_key(&id)
						|| followers.contains_key(&id)
						|| blocked.contains_key(&id)
						|| blocked_by.contains_key(&id),
					"a member id without edges or blocks was kept"
				);
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::GraphEdge.into(), &account)
						== held.get(&id).copied().unwrap_or_else(Zero::zero),
					"held deposits differ from the edges and blocks"
				);
			}
			ensure!(
				AccountOf::<T>::iter().count() == MemberOf::<T>::iter().count(),
				"member ids disagree"
			);
			Ok(())
		}
	}

	impl<T: Config> kith_primitives::SocialGraph<T::AccountId> for Pallet<T> {
		fn is_blocked(by: &T::AccountId, who: &T::AccountId) -> bool {
			Self::member_pair(by, who).is_some_and(|(b, w)| Blocks::<T>::contains_key(b, w))
		}
	}

	impl<T: Config> kith_primitives::OnIdentityMoved<T::AccountId> for Pallet<T> {
		/// Refuses a target that follows or blocks anyone: only its own key can have done that.
		/// What others did to the target (following or blocking the fresh key) cannot stop a move.
		fn can_move(_from: &T::AccountId, to: &T::AccountId) -> DispatchResult {
			if let Some(id) = MemberOf::<T>::get(to) {
				ensure!(
					FollowingCount::<T>::get(id) == 0 && BlockedCount::<T>::get(id) == 0,
					Error::<T>::TargetInGraph
				);
			}
			Ok(())
		}

		/// Gives `from`'s member id to `to`. If `to` had a member id of its own (others followed or
		/// blocked it), `from` gets that one: the two swap, so nothing is lost and nobody's edge
		/// dangles.
		fn on_identity_moved(from: &T::AccountId, to: &T::AccountId) -> DispatchResult {
			Self::can_move(from, to)?;
			let Some(member) = MemberOf::<T>::take(from) else { return Ok(()) };
			if let Some(theirs) = MemberOf::<T>::get(to) {
				MemberOf::<T>::insert(from, theirs);
				AccountOf::<T>::insert(theirs, from.clone());
			}
			MemberOf::<T>::insert(to, member);
			AccountOf::<T>::insert(member, to.clone());
			let reason = HoldReason::GraphEdge.into();
			let held = T::Currency::balance_on_hold(&reason, from);
			if !held.is_zero() {
				T::Currency::transfer_on_hold(
					&reason,
					from,
					to,
					held,
					Precision::Exact,
					Restriction::OnHold,
					Fortitude::Polite,
				)?;
			}
			Self::deposit_event(Event::GraphMoved { from: from.clone(), to: to.clone(), member });
			Ok(())
		}

		fn weight() -> Weight {
			T::WeightInfo::move_graph()
		}
	}
}
