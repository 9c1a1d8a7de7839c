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
//! ## Sponsored onboarding
//! A **sponsor** (an app, a community) puts funds aside ([`Pallet::fund_sponsorship`]) and hands out
//! **vouchers**: a [`Voucher`] names the sponsor, the new account, a handle and the last block it can be
//! claimed in, and is signed by the sponsor. The new account, holding nothing, signs it too (with the
//! profile it wants) and sends [`Pallet::claim_voucher`] as a general transaction that nobody signs and
//! nobody pays for: the call authorizes itself (`#[pallet::authorize]`, frame-system's `AuthorizeCall`
//! in the runtime's extensions) after checking both signatures and running the claim, so only a claim
//! that works gets in. The claim
//! - moves [`SponsorLimits::backing_units`] of the sponsor's funds to the account, **frozen** there
//!   ([`FreezeReason::Sponsored`]): they pay the deposits of the handle, the profile and the posts, never
//!   a fee or a transfer;
//! - gives the account a **sufficient reference**, so it can sign transactions (quota-paid ones) with
//!   no existential deposit of its own;
//! - claims the handle and sets the profile ([`Config::Handles`]);
//! - adds [`SponsorLimits::credits`] to its bar.
//!
//! The sponsorship lasts while the account holds the handle: just before the handle leaves it
//! (released, transferred, moved with the identity; `kith_primitives::OnHandleGone`), the freeze and the
//! sufficient reference go and what is still free of the backing returns to the sponsor's funds.
//! Deposits still held stay the account's. A sponsor so risks at most its backing per voucher.
//!
//! Refused with a clear error: a voucher past its last block, or valid for longer than
//! [`SponsorLimits::max_lifetime`], a forged signature (sponsor's or account's), a voucher claimed before
//! (even by an account that has since lost its handle), a sponsor past
//! [`SponsorLimits::vouchers_per_era`] claims in the era or without the funds for one more backing.
//!
//! ## Calls
//! - [`Pallet::bond`], [`Pallet::unbond`], [`Pallet::withdraw_unbonded`]: hold KITH to enlarge the bar
//!   ([`HoldReason::Bond`]); unbonded funds stop counting at once and can be withdrawn after
//!   [`Config::RegenPeriod`], so one bond cannot fill bars on several accounts in one period.
//! - [`Pallet::set_params`]: [`Config::AdminOrigin`] (governance) sets the [`QuotaParams`], the sponsor
//!   limits among them.
//! - [`Pallet::fund_sponsorship`], [`Pallet::withdraw_sponsorship`]: a sponsor's funds
//!   ([`HoldReason::Sponsor`]); what is not yet given to accounts can be withdrawn at any time.
//! - [`Pallet::claim_voucher`]: an authorized general transaction (see above).
//!
//! ## Storage
//! `Params` (the [`QuotaParams`]); `Bars` (account → [`Bar`]: the credits used as of a block; no entry is
//! a full bar); `Bonds` (account → [`Bond`], at least [`Config::MinBond`] while active); `BlockUsage`
//! (quota-paid weight in the current block, removed at its end); `Sponsors` (sponsor → [`Sponsor`]);
//! `Sponsored` (account → [`Sponsorship`], while it holds its sponsored handle); `ClaimedVouchers`
//! (hashes of claimed vouchers by the era they expire in; eras that are over are cleared in `on_idle`);
//! `PrunedEras` (the first era not yet cleared).
#![cfg_attr(not(feature = "std"), no_std)]
// `#[pallet::authorize]` expands to a function type with the call's arguments, which clippy finds
// complex, in code outside the reach of an attribute on the call.
#![allow(clippy::type_complexity)]

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
mod sponsors;
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

/// Who holds a handle (and so a bar of [`QuotaParams::base`]), and the claim of one with a voucher.
pub trait HandleHolders<AccountId> {
	/// Whether `who` holds a handle.
	fn has_handle(who: &AccountId) -> bool;
	/// Claims `handle` for `who` and sets its profile, paying the deposits from `who`'s balance.
	fn claim(
		who: &AccountId,
		handle: &[u8],
		display_name: &[u8],
		bio: &[u8],
	) -> sp_runtime::DispatchResult;
	/// Gives `who` a handle, for benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn give_handle(who: &AccountId);
}

/// Makes signatures for benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<Signature, AccountId> {
	/// A new account (one per `seed`) and its signature of `message`.
	fn sign(seed: u32, message: &[u8]) -> (AccountId, Signature);
}

/// The credit bars, quota bonds, block share of quota-paid transactions, and sponsors.
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		dispatch::{DispatchClass, DispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateFreeze, MutateHold},
			tokens::Precision,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{Dispatchable, IdentifyAccount, Saturating, UniqueSaturatedInto, Verify, Zero},
		Perbill,
	};

	/// A voucher of a runtime.
	pub type VoucherOf<T> = Voucher<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

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
		/// The currency quota bonds and sponsors' funds are held in.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateFreeze<Self::AccountId, Id = Self::RuntimeFreezeReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The overarching freeze reason.
		type RuntimeFreezeReason: From<FreezeReason>;

		/// The signatures of vouchers, by the sponsor and by the new account.
		type Signature: Parameter + Verify<Signer: IdentifyAccount<AccountId = Self::AccountId>>;

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

		/// Makes signatures for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::Signature, Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A quota bond, active or unbonding.
		#[codec(index = 0)]
		Bond,
		/// A sponsor's funds, not yet given to accounts.
		#[codec(index = 1)]
		Sponsor,
	}

	/// Why this pallet freezes funds.
	#[pallet::composite_enum]
	pub enum FreezeReason {
		/// A sponsor's backing in a sponsored account: for deposits only.
		#[codec(index = 0)]
		Sponsored,
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

	/// Sponsors: their funds, their claims this era and the accounts they sponsor. Kept while either
	/// funds or accounts remain.
	#[pallet::storage]
	pub type Sponsors<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Sponsor<BalanceOf<T>>>;

	/// Sponsored accounts, while they hold the handle they claimed with a voucher.
	#[pallet::storage]
	pub type Sponsored<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Sponsorship<T::AccountId, BalanceOf<T>>>;

	/// The hashes of claimed vouchers, by the era they expire in (no entry of an era that is over is
	/// needed: its vouchers have all expired).
	#[pallet::storage]
	pub type ClaimedVouchers<T: Config> =
		StorageDoubleMap<_, Twox64Concat, u32, Identity, T::Hash, ()>;

	/// The first era whose claimed vouchers have not been cleared.
	#[pallet::storage]
	pub type PrunedEras<T: Config> = StorageValue<_, u32, ValueQuery>;

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
		/// `sponsor` added `amount` to its funds, now `funds`.
		SponsorFunded { sponsor: T::AccountId, amount: BalanceOf<T>, funds: BalanceOf<T> },
		/// `sponsor` withdrew `amount` of its funds, leaving `funds`.
		SponsorWithdrew { sponsor: T::AccountId, amount: BalanceOf<T>, funds: BalanceOf<T> },
		/// `account` claimed `handle` with `sponsor`'s voucher, which moved `backing` to it.
		VoucherClaimed {
			sponsor: T::AccountId,
			account: T::AccountId,
			handle: Vec<u8>,
			backing: BalanceOf<T>,
		},
		/// `account`'s handle left it, ending its sponsorship; `returned` went back to `sponsor`'s funds.
		SponsorshipEnded { sponsor: T::AccountId, account: T::AccountId, returned: BalanceOf<T> },
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
		/// A voucher must move some backing to the account it onboards.
		NoBacking,
		/// The voucher's last block has passed.
		VoucherExpired,
		/// The voucher is valid for longer than [`SponsorLimits::max_lifetime`] from now.
		VoucherTooLong,
		/// The sponsor's signature of the voucher is not valid.
		BadSponsorSignature,
		/// The new account's signature of the voucher and profile is not valid.
		BadAccountSignature,
		/// This voucher has been claimed already.
		VoucherUsed,
		/// The account is sponsored already.
		AlreadySponsored,
		/// The account has no sponsor funds.
		NotASponsor,
		/// The sponsor's funds do not cover another account's backing (or the amount to withdraw).
		SponsorUnderfunded,
		/// The sponsor's vouchers claimed this era have reached [`SponsorLimits::vouchers_per_era`].
		SponsorLimitReached,
		/// The handle and profile cannot be claimed: the handle is invalid, taken or reserved, the
		/// account has one, the profile is invalid, or the deposits exceed the backing.
		ClaimFailed,
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

		fn on_idle(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::prune_vouchers(now, remaining)
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

		/// Sets the parameters. Every cost must be at least 1, and a voucher's backing at least a unit.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_params())]
		pub fn set_params(origin: OriginFor<T>, params: QuotaParams) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::check_params(&params)?;
			Params::<T>::put(&params);
			Self::deposit_event(Event::ParamsSet { params });
			Ok(())
		}

		/// Adds `amount` to the caller's sponsor funds, holding it ([`HoldReason::Sponsor`]).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::fund_sponsorship())]
		pub fn fund_sponsorship(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			T::Currency::hold(&HoldReason::Sponsor.into(), &sponsor, amount)?;
			let mut record = Sponsors::<T>::get(&sponsor).unwrap_or_default();
			record.funds.saturating_accrue(amount);
			let funds = record.funds;
			Sponsors::<T>::insert(&sponsor, record);
			Self::deposit_event(Event::SponsorFunded { sponsor, amount, funds });
			Ok(())
		}

		/// Releases `amount` of the caller's sponsor funds. Backing already given to accounts is
		/// theirs while they hold their handles.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::withdraw_sponsorship())]
		pub fn withdraw_sponsorship(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			let mut record = Sponsors::<T>::get(&sponsor).ok_or(Error::<T>::NotASponsor)?;
			ensure!(record.funds >= amount, Error::<T>::SponsorUnderfunded);
			T::Currency::release(&HoldReason::Sponsor.into(), &sponsor, amount, Precision::Exact)?;
			record.funds -= amount;
			let funds = record.funds;
			Self::keep_sponsor(&sponsor, record);
			Self::deposit_event(Event::SponsorWithdrew { sponsor, amount, funds });
			Ok(())
		}

		/// Claims `voucher.handle` for `voucher.account`, with a profile of `display_name` and `bio`,
		/// at the cost of `voucher.sponsor` (see the crate's documentation). A general transaction
		/// that nobody signs: it authorizes itself with the sponsor's signature of the voucher and the
		/// account's signature of the voucher and the profile ([`Pallet::voucher_message`],
		/// [`Pallet::claim_message`]).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::claim_voucher())]
		#[pallet::authorize(Pallet::<T>::authorize_claim)]
		#[pallet::weight_of_authorize(T::WeightInfo::authorize_claim_voucher())]
		pub fn claim_voucher(
			origin: OriginFor<T>,
			voucher: VoucherOf<T>,
			sponsor_signature: T::Signature,
			account_signature: T::Signature,
			display_name: Vec<u8>,
			bio: Vec<u8>,
		) -> DispatchResult {
			ensure_authorized(origin)?;
			// Checked by the authorization, which the authorized origin proves has run.
			let _ = (sponsor_signature, account_signature);
			Self::do_claim(&voucher, &display_name, &bio)
		}
	}

	impl<T: Config> Pallet<T> {
		/// Refuses parameters under which some action would be free, or a voucher would give nothing
		/// to pay the handle's deposit with.
		pub(crate) fn check_params(params: &QuotaParams) -> Result<(), Error<T>> {
			ensure!(params.costs.min() >= 1, Error::<T>::ZeroCost);
			ensure!(params.sponsors.backing_units >= 1, Error::<T>::NoBacking);
			Ok(())
		}

		/// The size of `who`'s bar, in credits.
		pub fn bar_size(who: &T::AccountId) -> Credits {
			let params = Params::<T>::get();
			let mut base = if T::Handles::has_handle(who) { params.base } else { 0 };
			// Read only when sponsors add credits: this runs for every social action.
			if params.sponsors.credits > 0 && Sponsored::<T>::contains_key(who) {
				base = base.saturating_add(params.sponsors.credits);
			}
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
			Self::sponsors_try_state()
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
