//! # Quota pallet
//!
//! Posting without buying tokens first: every account that holds a handle has a **credit bar** that pays
//! for its social actions (posts, replies, quotes, reposts, edits, reactions, follows, blocks, and undoing
//! them) instead of transaction fees. The bar refills linearly, a full bar's worth every
//! [`Config::RegenPeriod`] (a day in the runtime); when it runs short, the normal fee applies.
//!
//! ## Terminology
//! - **Bar size**: [`QuotaParams::base`] credits for an account that holds a handle ([`Config::Handles`]),
//!   plus [`QuotaParams::per_unit`] per [`Config::CreditUnit`] of the account's quota **bond**.
//! - **Cost**: what a [`SocialAction`] takes from the bar ([`QuotaParams::costs`], each at least 1). Which
//!   call is which action, and whose bar pays (the real account of a proxy call), is the runtime's to say
//!   ([`Config::SocialCalls`]).
//! - **Quota-paid**: a signed transaction of a social action, without a tip, whose payer's bar covers it.
//!
//! ## The transaction extension
//! [`ChargeQuotaOrFee`] takes the place of frame-system's `CheckNonce` and `CheckWeight` and
//! transaction-payment's `ChargeTransactionPayment` in the runtime's extension pipeline. It carries exactly
//! their data and declares exactly their metadata, so wallets (polkadot.js, PAPI, subxt) sign a quota-paid
//! post like any other transaction. For a quota-paid transaction it takes the cost from the bar instead of
//! charging the fee; for every other one it charges the fee as `ChargeTransactionPayment` does.
//!
//! ## Spam limits
//! - **In the pool**: a transaction with nonce `n` from an account whose next nonce is `m` stands behind
//!   `n - m` others of the same sender. It is quota-paid only if the bar covers its cost `n - m + 1` times,
//!   so a sender never has more quota-paid transactions waiting than its credits pay for; past that, it
//!   pays the fee (a sender with no balance is refused).
//! - **In a block**: quota-paid transactions together fill at most [`QuotaParams::block_share`] of the
//!   normal-class weight. Past it, a quota-paid transaction is refused with `ExhaustsResources` and waits
//!   in the pool for the next block; fee-paying transactions still get in.
//! - **Priority**: quota-paid transactions have priority 0, below every fee-paying one (whose priority is
//!   at least 1), so they never push paying users out of a full block.
//!
//! ## Calls
//! - [`Pallet::bond`], [`Pallet::unbond`], [`Pallet::withdraw_unbonded`]: hold KITH to enlarge the bar
//!   ([`HoldReason::Bond`]); unbonded funds stop counting at once and can be withdrawn after
//!   [`Config::RegenPeriod`], so one bond cannot fill bars on several accounts in one period.
//! - [`Pallet::set_params`]: [`Config::AdminOrigin`] (governance) sets the [`QuotaParams`].
//!
//! ## Storage
//! `Params` (the [`QuotaParams`]); `Bars` (account → [`Bar`]: the credits used as of a block; no entry is
//! a full bar); `Bonds` (account → [`Bond`], at least [`Config::MinBond`] while active); `BlockUsage`
//! (quota-paid weight in the current block, removed at its end).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use extension::ChargeQuotaOrFee;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod extension;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

/// Which calls the bar can pay for, and from whose bar.
pub trait SocialCalls<Call, AccountId> {
	/// The social action `call` is, if a bar can pay for it.
	fn action(call: &Call) -> Option<SocialAction>;
	/// The account whose bar pays when `signer` sends `call` (the real account of a proxy call), or
	/// `None` if no bar can pay for it (a proxy call through a proxy that does not exist or has a delay).
	fn payer(signer: &AccountId, call: &Call) -> Option<AccountId>;
	/// The social call that takes the most work to tell apart (a proxy call, in the runtime) as
	/// `signer` would send it, with whatever it needs set up, and its payer: for benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn worst_case(signer: &AccountId) -> (Call, AccountId);
}

/// Who holds a handle (and so a bar of [`QuotaParams::base`]).
pub trait HandleHolders<AccountId> {
	/// Whether `who` holds a handle.
	fn has_handle(who: &AccountId) -> bool;
	/// Gives `who` a handle, for benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn give_handle(who: &AccountId);
}

/// The credit bars, quota bonds and block share of quota-paid transactions.
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		dispatch::{DispatchClass, DispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, MutateHold},
			tokens::Precision,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{Dispatchable, Saturating, UniqueSaturatedInto, Zero},
		Perbill,
	};

	/// An amount of the currency bonds are held in.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		frame_system::Config<
		RuntimeEvent: From<Event<Self>>,
		RuntimeCall: Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>,
	>
	{
		/// The currency quota bonds are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Which calls are social actions, and whose bar pays for them.
		type SocialCalls: SocialCalls<<Self as frame_system::Config>::RuntimeCall, Self::AccountId>;

		/// Who holds a handle.
		type Handles: HandleHolders<Self::AccountId>;

		/// Who may set the parameters.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// How long an empty bar takes to refill, in blocks; also how long unbonded funds wait.
		#[pallet::constant]
		type RegenPeriod: Get<BlockNumberFor<Self>>;

		/// The amount of bond that [`QuotaParams::per_unit`] is counted per.
		#[pallet::constant]
		type CreditUnit: Get<BalanceOf<Self>>;

		/// The smallest active bond.
		#[pallet::constant]
		type MinBond: Get<BalanceOf<Self>>;

		/// Weights of this pallet's calls and of the extension's work.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A quota bond, active or unbonding.
		#[codec(index = 0)]
		Bond,
	}

	/// The quota's parameters.
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, QuotaParams, ValueQuery>;

	/// Credit bars: the credits each account had used at a block. No entry is a full bar.
	#[pallet::storage]
	pub type Bars<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Bar<BlockNumberFor<T>>>;

	/// Quota bonds.
	#[pallet::storage]
	pub type Bonds<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Bond<BalanceOf<T>, BlockNumberFor<T>>>;

	/// The weight of the quota-paid transactions in the current block (removed when it ends).
	#[pallet::storage]
	pub type BlockUsage<T: Config> = StorageValue<_, Weight, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The parameters, if not [`QuotaParams::default`].
		pub params: Option<QuotaParams>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let params = self.params.clone().unwrap_or_default();
			Pallet::<T>::check_params(&params).expect("the genesis quota parameters are valid");
			Params::<T>::put(params);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` bonded `amount` more for its bar.
		Bonded { who: T::AccountId, amount: BalanceOf<T> },
		/// `who` started unbonding `amount`; all it is unbonding can be withdrawn from `unlocks_at`.
		Unbonding { who: T::AccountId, amount: BalanceOf<T>, unlocks_at: BlockNumberFor<T> },
		/// `who` withdrew `amount` of unbonded funds.
		Withdrawn { who: T::AccountId, amount: BalanceOf<T> },
		/// The parameters are now `params`.
		ParamsSet { params: QuotaParams },
		/// `who`'s bar paid `cost` credits for `action`; `left` credits remain.
		QuotaPaid { who: T::AccountId, action: SocialAction, cost: u32, left: Credits },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A bond must be at least [`Config::MinBond`] (or nothing, to leave).
		BondTooSmall,
		/// The account has no quota bond.
		NotBonded,
		/// The account's active bond is smaller than the amount to unbond.
		InsufficientBond,
		/// Nothing unbonded can be withdrawn yet.
		NothingToWithdraw,
		/// Every action must cost at least one credit.
		ZeroCost,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_: BlockNumberFor<T>) -> Weight {
			// `on_finalize` removes `BlockUsage`.
			T::DbWeight::get().writes(1)
		}

		fn on_finalize(_: BlockNumberFor<T>) {
			BlockUsage::<T>::kill();
		}

		fn integrity_test() {
			assert!(!T::RegenPeriod::get().is_zero(), "a bar must take some time to refill");
			assert!(!T::CreditUnit::get().is_zero(), "the credit unit cannot be zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Bonds `amount` more for the caller's bar, holding it ([`HoldReason::Bond`]). The active
		/// bond must reach [`Config::MinBond`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::bond())]
		pub fn bond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut bond = Bonds::<T>::get(&who).unwrap_or_default();
			bond.active = bond.active.saturating_add(amount);
			ensure!(bond.active >= T::MinBond::get(), Error::<T>::BondTooSmall);
			T::Currency::hold(&HoldReason::Bond.into(), &who, amount)?;
			// What the bar used so far is counted at the old size.
			Self::checkpoint(&who);
			Bonds::<T>::insert(&who, bond);
			Self::deposit_event(Event::Bonded { who, amount });
			Ok(())
		}

		/// Starts unbonding `amount` of the caller's active bond: it stops enlarging the bar now and
		/// can be withdrawn after [`Config::RegenPeriod`] (all that is unbonding waits for the latest).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unbond())]
		pub fn unbond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut bond = Bonds::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
			ensure!(bond.active >= amount, Error::<T>::InsufficientBond);
			bond.active -= amount;
			ensure!(
				bond.active.is_zero() || bond.active >= T::MinBond::get(),
				Error::<T>::BondTooSmall
			);
			let unlocks_at =
				frame_system::Pallet::<T>::block_number().saturating_add(T::RegenPeriod::get());
			let unlocking = bond.unlocking.map_or(Zero::zero(), |(amount, _)| amount);
			bond.unlocking = Some((unlocking.saturating_add(amount), unlocks_at));
			Self::checkpoint(&who);
			Bonds::<T>::insert(&who, bond);
			Self::deposit_event(Event::Unbonding { who, amount, unlocks_at });
			Ok(())
		}

		/// Releases what the caller unbonded once it has unlocked; the bond's entry goes with its
		/// last funds.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded())]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut bond = Bonds::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
			let now = frame_system::Pallet::<T>::block_number();
			let amount = match bond.unlocking {
				Some((amount, unlocks_at)) if unlocks_at <= now => amount,
				_ => return Err(Error::<T>::NothingToWithdraw.into()),
			};
			T::Currency::release(&HoldReason::Bond.into(), &who, amount, Precision::Exact)?;
			bond.unlocking = None;
			if bond.active.is_zero() {
				Bonds::<T>::remove(&who);
			} else {
				Bonds::<T>::insert(&who, bond);
			}
			Self::deposit_event(Event::Withdrawn { who, amount });
			Ok(())
		}

		/// Sets the parameters. Every cost must be at least 1.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_params())]
		pub fn set_params(origin: OriginFor<T>, params: QuotaParams) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::check_params(&params)?;
			Params::<T>::put(&params);
			Self::deposit_event(Event::ParamsSet { params });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Refuses parameters under which some action would be free.
		pub(crate) fn check_params(params: &QuotaParams) -> Result<(), Error<T>> {
			ensure!(params.costs.min() >= 1, Error::<T>::ZeroCost);
			Ok(())
		}

		/// The size of `who`'s bar, in credits.
		pub fn bar_size(who: &T::AccountId) -> Credits {
			let params = Params::<T>::get();
			let base = if T::Handles::has_handle(who) { params.base } else { 0 };
			let bonded = Bonds::<T>::get(who).map_or(Zero::zero(), |bond| bond.active);
			let units: Credits = (bonded / T::CreditUnit::get()).unique_saturated_into();
			Credits::from(base).saturating_add(units.saturating_mul(params.per_unit.into()))
		}

		/// The credits `who`'s bar had used as of now, at a bar size of `size`.
		fn used_now(who: &T::AccountId, size: Credits) -> Credits {
			let Some(bar) = Bars::<T>::get(who) else { return 0 };
			let now = frame_system::Pallet::<T>::block_number();
			let elapsed: u128 = now.saturating_sub(bar.at).unique_saturated_into();
			let period: u128 = T::RegenPeriod::get().unique_saturated_into();
			let refilled = (size as u128).saturating_mul(elapsed) / period.max(1);
			bar.used.saturating_sub(refilled.unique_saturated_into())
		}

		/// The credits `who` can spend now.
		pub fn available(who: &T::AccountId) -> Credits {
			let size = Self::bar_size(who);
			size.saturating_sub(Self::used_now(who, size))
		}

		/// Brings `who`'s bar up to date at its current size, before the size changes.
		fn checkpoint(who: &T::AccountId) {
			if Bars::<T>::contains_key(who) {
				Self::spend(who, 0);
			}
		}

		/// Brings `who`'s bar up to date and takes `cost` from it; returns the credits left.
		fn spend(who: &T::AccountId, cost: Credits) -> Credits {
			let size = Self::bar_size(who);
			let used = Self::used_now(who, size).saturating_add(cost);
			let at = frame_system::Pallet::<T>::block_number();
			Bars::<T>::insert(who, Bar { used, at });
			size.saturating_sub(used)
		}

		/// What a quota-paid `call` sent by `signer` would cost and whose bar would pay, given that
		/// `ahead` transactions of the sender wait before it: `None` if it is no social action, no bar
		/// pays for it, or the payer's bar does not cover its cost `ahead + 1` times.
		pub fn quote(
			signer: &T::AccountId,
			call: &<T as frame_system::Config>::RuntimeCall,
			ahead: u32,
		) -> Option<QuotaCharge<T::AccountId>> {
			let action = T::SocialCalls::action(call)?;
			let payer = T::SocialCalls::payer(signer, call)?;
			let cost = Params::<T>::get().costs.of(action);
			let needed = Credits::from(cost).saturating_mul(Credits::from(ahead).saturating_add(1));
			(Self::available(&payer) >= needed).then_some(QuotaCharge { payer, action, cost })
		}

		/// Takes `charge` from the payer's bar.
		pub(crate) fn charge(charge: QuotaCharge<T::AccountId>) {
			let left = Self::spend(&charge.payer, charge.cost.into());
			Self::deposit_event(Event::QuotaPaid {
				who: charge.payer,
				action: charge.action,
				cost: charge.cost,
				left,
			});
		}

		/// The most weight quota-paid transactions may fill in one block.
		pub fn block_cap() -> Weight {
			let weights = T::BlockWeights::get();
			let normal = weights.get(DispatchClass::Normal).max_total.unwrap_or(weights.max_block);
			let share: Perbill = Params::<T>::get().block_share;
			Weight::from_parts(share * normal.ref_time(), share * normal.proof_size())
		}

		/// Whether a quota-paid transaction of `weight` still fits in this block's share.
		pub(crate) fn fits_block(weight: Weight) -> bool {
			BlockUsage::<T>::get().saturating_add(weight).all_lte(Self::block_cap())
		}

		/// Counts a quota-paid transaction of `weight` in this block's share.
		pub(crate) fn use_block(weight: Weight) {
			BlockUsage::<T>::mutate(|used| used.saturating_accrue(weight));
		}

		/// Checks the pallet's invariants: every bond holds what it records, and active bonds are at
		/// least [`Config::MinBond`].
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use frame_support::traits::fungible::InspectHold;
			for (who, bond) in Bonds::<T>::iter() {
				let unlocking = bond.unlocking.map_or(Zero::zero(), |(amount, _)| amount);
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::Bond.into(), &who)
						== bond.active.saturating_add(unlocking),
					"a quota bond's hold differs from its record"
				);
				ensure!(
					bond.active.is_zero() || bond.active >= T::MinBond::get(),
					"an active quota bond is below the minimum"
				);
				ensure!(
					!bond.active.is_zero() || bond.unlocking.is_some(),
					"an empty quota bond was kept"
				);
			}
			ensure!(Self::check_params(&Params::<T>::get()).is_ok(), "an action is free");
			Ok(())
		}
	}
}

/// A quota payment decided in validation: whose bar pays, for what, and how much.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct QuotaCharge<AccountId> {
	/// The account whose bar pays.
	pub payer: AccountId,
	/// The action.
	pub action: SocialAction,
	/// Its cost in credits.
	pub cost: u32,
}
