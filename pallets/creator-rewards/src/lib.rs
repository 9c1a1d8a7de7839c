//! # Creator rewards pallet
//!
//! A reward pool minted each era and shared among creators by the appreciation their posts earned, as
//! steered by **curators** who lock tokens for it. Voting power comes only from locked tokens, so
//! splitting tokens across many accounts, or appreciating one's own posts through a ring of accounts,
//! steers exactly as much of the pool as the same tokens in one account would.
//!
//! ## Terminology
//! - **Era**: [`EraLength`] blocks. Era 0 starts at genesis; an era closes in the `on_initialize` of the
//!   block where its length has passed, in constant time.
//! - **Bond**: tokens a curator freezes with [`Pallet::bond`] ([`FreezeReason::Curation`]). A change of
//!   bond takes effect from the next era: the votes of an era are powered by the bond at its start, and
//!   unbonded tokens stay frozen for [`Config::UnbondingEras`] (at least two) eras. One token therefore
//!   powers at most one account in an era.
//! - **Vote**: each era a curator has [`Config::VotesPerEra`] votes, each worth `bond at era start /
//!   VotesPerEra` of **power**. A positive reaction or a tip on a post (told through
//!   [`kith_primitives::OnAppreciation`]) spends one vote on the post's author: the author's **score**
//!   and the era's total score grow by the vote's power at once. At most one vote per (curator, post) per
//!   era; never for one's own post. A curator without a bond, or without votes left, appreciates as usual
//!   but steers nothing.
//! - **Pool**: when era `e` closes, its pool is [`RewardPerEra`] plus what was carried over
//!   ([`Carry`]); [`Config::CuratorShare`] of it is the curators' part, the rest the creators' part. A
//!   creator may claim `creators' part × score / total score`, at most [`Config::MaxCreatorShare`] of the
//!   creators' part; a curator `curators' part × power spent / total score`. An era without votes carries
//!   its whole pool over.
//! - **Claim window**: era `e` can be claimed until era `e + ClaimWindow` closes; then it expires and
//!   what was not paid returns to the next pool.
//!
//! ## Calls
//! - [`Pallet::bond`], [`Pallet::unbond`], [`Pallet::withdraw_unbonded`]: signed, the curator's own bond.
//! - [`Pallet::claim`]: signed, the caller's creator and curator rewards of one closed era.
//! - [`Pallet::set_reward_per_era`], [`Pallet::set_era_length`]: [`Config::AdminOrigin`] (governance).
//!
//! ## Storage
//! `Ledgers` (curator → [`Ledger`]: bond, unlocking chunks, this era's votes, all bounded);
//! `CreatorScores` and `CuratorPower` ((era, account) → amount, one key per creator or curator per era);
//! `Eras` (closed era → [`EraRewards`], while claimable); the era counters `CurrentEra`, `EraStartedAt`,
//! `EraLength`, `EraScore`, `RewardPerEra`, `Carry`. Score entries of expired eras are removed in
//! `on_idle`, as far as the block's spare weight allows ([`ClearedUpTo`] marks the progress).
//!
//! ## Economics
//! Nothing is minted up front: a claim mints what it pays, so total issuance grows by exactly the sum of
//! claims, and what is never claimed is never minted (it returns to a later pool instead). Funds taken
//! elsewhere reach the pool through the pallet's `OnUnbalanced` implementation (moderation's slashed
//! deposits, a share of transaction fees): they are burned and added to [`Carry`], and minted again
//! when claimed, so issuance stays equal to what accounts hold. Curators pay
//! no deposit for their ledger: it exists only while they lock at least [`Config::MinBond`].
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

/// The reward pool, curation bonds and votes.
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{self, Inspect, Mutate, MutateFreeze},
	};
	use frame_system::pallet_prelude::*;
	use kith_primitives::{OnAppreciation, PostId};
	use sp_runtime::{
		helpers_128bit::multiply_by_rational_with_rounding,
		traits::{Saturating, UniqueSaturatedInto, Zero},
		Perbill, Rounding,
	};

	/// An amount of the native currency.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// A curator's ledger in a runtime.
	pub type LedgerOf<T> =
		Ledger<BalanceOf<T>, <T as Config>::VotesPerEra, <T as Config>::MaxUnlockingChunks>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The native currency: rewards are minted in it and bonds frozen.
		type Currency: Mutate<Self::AccountId>
			+ MutateFreeze<Self::AccountId, Id = Self::RuntimeFreezeReason>;

		/// The overarching freeze reason.
		type RuntimeFreezeReason: From<FreezeReason>;

		/// Who may set the reward per era and the era length.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The era length until governance sets another.
		#[pallet::constant]
		type DefaultEraLength: Get<BlockNumberFor<Self>>;

		/// The votes a curator has each era.
		#[pallet::constant]
		type VotesPerEra: Get<u32>;

		/// The curators' part of each era's pool.
		#[pallet::constant]
		type CuratorShare: Get<Perbill>;

		/// The most of the creators' part one creator can receive in an era.
		#[pallet::constant]
		type MaxCreatorShare: Get<Perbill>;

		/// For how many eras after it closed an era can be claimed.
		#[pallet::constant]
		type ClaimWindow: Get<EraIndex>;

		/// How many eras unbonded tokens stay frozen (at least two).
		#[pallet::constant]
		type UnbondingEras: Get<EraIndex>;

		/// The most unbonding chunks a curator can have at once.
		#[pallet::constant]
		type MaxUnlockingChunks: Get<u32>;

		/// The smallest bond.
		#[pallet::constant]
		type MinBond: Get<BalanceOf<Self>>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet freezes funds.
	#[pallet::composite_enum]
	pub enum FreezeReason {
		/// A curator's bond, including what is unbonding.
		#[codec(index = 0)]
		Curation,
	}

	/// The era in progress.
	#[pallet::storage]
	pub type CurrentEra<T> = StorageValue<_, EraIndex, ValueQuery>;

	/// The block the current era started at.
	#[pallet::storage]
	pub type EraStartedAt<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The length of an era, in blocks.
	#[pallet::storage]
	pub type EraLength<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, T::DefaultEraLength>;

	/// What each era adds to the pool.
	#[pallet::storage]
	pub type RewardPerEra<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// What goes into the next pool besides the reward per era: empty pools, capped rewards and expired
	/// claims.
	#[pallet::storage]
	pub type Carry<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// The total score of the current era so far.
	#[pallet::storage]
	pub type EraScore<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// Each creator's score per era.
	#[pallet::storage]
	pub type CreatorScores<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EraIndex,
		Blake2_128Concat,
		T::AccountId,
		BalanceOf<T>,
		ValueQuery,
	>;

	/// The power each curator spent per era.
	#[pallet::storage]
	pub type CuratorPower<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EraIndex,
		Blake2_128Concat,
		T::AccountId,
		BalanceOf<T>,
		ValueQuery,
	>;

	/// The pools of closed eras that can still be claimed.
	#[pallet::storage]
	pub type Eras<T: Config> = StorageMap<_, Twox64Concat, EraIndex, EraRewards<BalanceOf<T>>>;

	/// Every era before this one has expired and had its scores removed.
	#[pallet::storage]
	pub type ClearedUpTo<T> = StorageValue<_, EraIndex, ValueQuery>;

	/// Curators' bonds and votes.
	#[pallet::storage]
	pub type Ledgers<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, LedgerOf<T>>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The era length, if not [`Config::DefaultEraLength`] (short eras for development chains).
		pub era_length: Option<BlockNumberFor<T>>,
		/// What each era adds to the pool.
		pub reward_per_era: BalanceOf<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(length) = self.era_length {
				assert!(!length.is_zero(), "an era lasts at least one block");
				EraLength::<T>::put(length);
			}
			RewardPerEra::<T>::put(self.reward_per_era);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` bonded `amount` more; its bond is now `bonded` (powering votes from the next era).
		Bonded { who: T::AccountId, amount: BalanceOf<T>, bonded: BalanceOf<T> },
		/// `who` unbonded `amount`, withdrawable from era `unlock_era`.
		Unbonded { who: T::AccountId, amount: BalanceOf<T>, unlock_era: EraIndex },
		/// `who` withdrew `amount` of unbonded tokens: they are no longer frozen.
		Withdrawn { who: T::AccountId, amount: BalanceOf<T> },
		/// `curator` spent a vote of `power` on `creator`'s post `post` in era `era`.
		VoteSpent {
			curator: T::AccountId,
			creator: T::AccountId,
			post: PostId,
			era: EraIndex,
			power: BalanceOf<T>,
		},
		/// Era `era` closed with a pool of `pool` (`creators` + `curators`) and a total score of
		/// `score`; `carried` went on to the next pool (all of it when nobody voted).
		EraClosed {
			era: EraIndex,
			pool: BalanceOf<T>,
			creators: BalanceOf<T>,
			curators: BalanceOf<T>,
			score: BalanceOf<T>,
			carried: BalanceOf<T>,
		},
		/// Era `era` can no longer be claimed; `returned` (not claimed) goes to the next pool.
		EraExpired { era: EraIndex, returned: BalanceOf<T> },
		/// `who` claimed its rewards of era `era`: `creator` + `curator` were minted to it; `capped`
		/// went to the next pool.
		Claimed {
			who: T::AccountId,
			era: EraIndex,
			creator: BalanceOf<T>,
			curator: BalanceOf<T>,
			capped: BalanceOf<T>,
		},
		/// Governance set the reward per era.
		RewardPerEraSet { amount: BalanceOf<T> },
		/// Governance set the era length.
		EraLengthSet { blocks: BlockNumberFor<T> },
		/// `amount` taken elsewhere (slashed deposits, fees) was added to the next pool.
		PoolFunded { amount: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The bond would be smaller than the smallest bond allowed.
		BondTooSmall,
		/// The free balance, less the existential deposit, cannot cover the bond (with what is already
		/// bonded or unbonding). Keep some free for transaction fees.
		InsufficientBalance,
		/// You have no curation bond.
		NotBonded,
		/// You cannot unbond more than you have bonded.
		UnbondTooLarge,
		/// What would stay bonded is below the smallest bond; unbond all of it instead.
		RemainderTooSmall,
		/// An amount must not be zero.
		ZeroAmount,
		/// You have too many unbonding chunks; withdraw some first.
		TooManyUnlockingChunks,
		/// Nothing of your unbonded tokens can be withdrawn yet.
		NothingToWithdraw,
		/// That era has not closed yet.
		EraNotClosed,
		/// That era's claim window has passed.
		EraExpired,
		/// You have nothing to claim in that era (or already claimed it).
		NothingToClaim,
		/// An era lasts at least one block.
		ZeroEraLength,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			if now < EraStartedAt::<T>::get().saturating_add(EraLength::<T>::get()) {
				return T::WeightInfo::on_initialize_within_era();
			}
			Self::close_era(now);
			T::WeightInfo::on_initialize_era_end()
		}

		fn on_idle(_: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::clear_expired(remaining)
		}

		fn integrity_test() {
			assert!(T::UnbondingEras::get() >= 2, "unbonding lasts at least two eras");
			assert!(T::VotesPerEra::get() > 0, "curators need votes");
			assert!(T::ClaimWindow::get() > 0, "an era must be claimable for a while");
			assert!(!T::DefaultEraLength::get().is_zero(), "an era lasts at least one block");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Freezes `amount` more of the caller's tokens as its curation bond. Votes of the next era on
		/// are powered by the larger bond.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::bond())]
		pub fn bond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut ledger = Self::ledger(&who).unwrap_or_else(|| Ledger {
				bonded: Zero::zero(),
				era: CurrentEra::<T>::get(),
				era_bond: Zero::zero(),
				voted: Default::default(),
				unlocking: Default::default(),
			});
			ledger.bonded = ledger.bonded.saturating_add(amount);
			ensure!(ledger.bonded >= T::MinBond::get(), Error::<T>::BondTooSmall);
			let frozen = Self::frozen_by(&ledger);
			let free = T::Currency::balance(&who).saturating_sub(T::Currency::minimum_balance());
			ensure!(frozen <= free, Error::<T>::InsufficientBalance);

			T::Currency::set_freeze(&FreezeReason::Curation.into(), &who, frozen)?;
			let bonded = ledger.bonded;
			Ledgers::<T>::insert(&who, ledger);
			Self::deposit_event(Event::Bonded { who, amount, bonded });
			Ok(())
		}

		/// Starts unbonding `amount` of the caller's bond: it stops powering votes from the next era and
		/// stays frozen until [`Config::UnbondingEras`] eras have passed.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unbond())]
		pub fn unbond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut ledger = Self::ledger(&who).ok_or(Error::<T>::NotBonded)?;
			ensure!(amount <= ledger.bonded, Error::<T>::UnbondTooLarge);
			let remaining = ledger.bonded - amount;
			ensure!(
				remaining.is_zero() || remaining >= T::MinBond::get(),
				Error::<T>::RemainderTooSmall
			);
			let unlock_era = CurrentEra::<T>::get().saturating_add(T::UnbondingEras::get());
			match ledger.unlocking.last_mut() {
				Some(chunk) if chunk.era == unlock_era => {
					chunk.amount = chunk.amount.saturating_add(amount)
				},
				_ => ledger
					.unlocking
					.try_push(UnlockChunk { amount, era: unlock_era })
					.map_err(|_| Error::<T>::TooManyUnlockingChunks)?,
			}
			ledger.bonded = remaining;
			Ledgers::<T>::insert(&who, ledger);
			Self::deposit_event(Event::Unbonded { who, amount, unlock_era });
			Ok(())
		}

		/// Unfreezes the caller's unbonded tokens whose era has come.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded())]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut ledger = Self::ledger(&who).ok_or(Error::<T>::NotBonded)?;
			let era = CurrentEra::<T>::get();
			let mut amount = BalanceOf::<T>::zero();
			ledger.unlocking.retain(|chunk| {
				let ready = chunk.era <= era;
				if ready {
					amount = amount.saturating_add(chunk.amount);
				}
				!ready
			});
			ensure!(!amount.is_zero(), Error::<T>::NothingToWithdraw);

			let reason = FreezeReason::Curation.into();
			if ledger.bonded.is_zero() && ledger.unlocking.is_empty() {
				T::Currency::thaw(&reason, &who)?;
				Ledgers::<T>::remove(&who);
			} else {
				T::Currency::set_freeze(&reason, &who, Self::frozen_by(&ledger))?;
				Ledgers::<T>::insert(&who, ledger);
			}
			Self::deposit_event(Event::Withdrawn { who, amount });
			Ok(())
		}

		/// Pays the caller its creator and curator rewards of the closed era `era`, minting them.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::claim())]
		pub fn claim(origin: OriginFor<T>, era: EraIndex) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(era < CurrentEra::<T>::get(), Error::<T>::EraNotClosed);
			let mut rewards = Eras::<T>::get(era).ok_or(Error::<T>::EraExpired)?;
			let payout = Self::payout(&rewards, era, &who);
			let total = payout.creator.saturating_add(payout.curator);
			ensure!(!total.is_zero() || !payout.capped.is_zero(), Error::<T>::NothingToClaim);

			if !total.is_zero() {
				T::Currency::mint_into(&who, total)?;
			}
			CreatorScores::<T>::remove(era, &who);
			CuratorPower::<T>::remove(era, &who);
			rewards.paid = rewards.paid.saturating_add(total);
			rewards.capped = rewards.capped.saturating_add(payout.capped);
			Eras::<T>::insert(era, rewards);
			Carry::<T>::mutate(|carry| *carry = carry.saturating_add(payout.capped));
			Self::deposit_event(Event::Claimed {
				who,
				era,
				creator: payout.creator,
				curator: payout.curator,
				capped: payout.capped,
			});
			Ok(())
		}

		/// Sets what each era adds to the pool, from the era in progress on.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_reward_per_era())]
		pub fn set_reward_per_era(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			RewardPerEra::<T>::put(amount);
			Self::deposit_event(Event::RewardPerEraSet { amount });
			Ok(())
		}

		/// Sets the length of an era in blocks, from the era in progress on (it closes `blocks` after it
		/// started, or at the next block if that has passed).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_era_length())]
		pub fn set_era_length(origin: OriginFor<T>, blocks: BlockNumberFor<T>) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(!blocks.is_zero(), Error::<T>::ZeroEraLength);
			EraLength::<T>::put(blocks);
			Self::deposit_event(Event::EraLengthSet { blocks });
			Ok(())
		}
	}

	impl<T: Config> frame_support::traits::OnUnbalanced<fungible::Credit<T::AccountId, T::Currency>>
		for Pallet<T>
	where
		T::Currency: fungible::Balanced<T::AccountId>,
	{
		fn on_nonzero_unbalanced(amount: fungible::Credit<T::AccountId, T::Currency>) {
			use frame_support::traits::Imbalance;
			let value = amount.peek();
			// Dropping the credit burns it; the pool mints it again when it is claimed.
			drop(amount);
			Carry::<T>::mutate(|carry| *carry = carry.saturating_add(value));
			Self::deposit_event(Event::PoolFunded { amount: value });
		}
	}

	impl<T: Config> OnAppreciation<T::AccountId> for Pallet<T> {
		fn on_appreciation(who: &T::AccountId, author: &T::AccountId, post: PostId) {
			if who == author {
				return;
			}
			let Some(mut ledger) = Self::ledger(who) else { return };
			let power = ledger.era_bond / T::VotesPerEra::get().into();
			if power.is_zero()
				|| ledger.voted.contains(&post)
				|| ledger.voted.try_push(post).is_err()
			{
				return;
			}
			let era = ledger.era;
			Ledgers::<T>::insert(who, ledger);
			CreatorScores::<T>::mutate(era, author, |score| *score = score.saturating_add(power));
			CuratorPower::<T>::mutate(era, who, |spent| *spent = spent.saturating_add(power));
			EraScore::<T>::mutate(|score| *score = score.saturating_add(power));
			Self::deposit_event(Event::VoteSpent {
				curator: who.clone(),
				creator: author.clone(),
				post,
				era,
				power,
			});
		}

		fn weight() -> Weight {
			T::WeightInfo::on_appreciation()
		}
	}

	impl<T: Config> Pallet<T> {
		/// The ledger of `who`, brought to the current era: the bond at the era's start and no votes
		/// yet if its era has passed.
		fn ledger(who: &T::AccountId) -> Option<LedgerOf<T>> {
			let mut ledger = Ledgers::<T>::get(who)?;
			let era = CurrentEra::<T>::get();
			if ledger.era != era {
				ledger.era = era;
				ledger.era_bond = ledger.bonded;
				ledger.voted = Default::default();
			}
			Some(ledger)
		}

		/// What `ledger` keeps frozen: the bond and everything unbonding.
		fn frozen_by(ledger: &LedgerOf<T>) -> BalanceOf<T> {
			ledger
				.unlocking
				.iter()
				.fold(ledger.bonded, |sum, chunk| sum.saturating_add(chunk.amount))
		}

		/// `part × numerator / denominator`, rounded down.
		fn share(
			part: BalanceOf<T>,
			numerator: BalanceOf<T>,
			denominator: BalanceOf<T>,
		) -> BalanceOf<T> {
			if denominator.is_zero() {
				return Zero::zero();
			}
			multiply_by_rational_with_rounding(
				part.unique_saturated_into(),
				numerator.unique_saturated_into(),
				denominator.unique_saturated_into(),
				Rounding::Down,
			)
			.map_or_else(Zero::zero, |amount| amount.unique_saturated_into())
		}

		/// What `who` can claim of era `era`, whose pool is `rewards`.
		fn payout(
			rewards: &EraRewards<BalanceOf<T>>,
			era: EraIndex,
			who: &T::AccountId,
		) -> Payout<BalanceOf<T>> {
			let uncapped =
				Self::share(rewards.creators, CreatorScores::<T>::get(era, who), rewards.score);
			let creator = uncapped.min(T::MaxCreatorShare::get() * rewards.creators);
			Payout {
				creator,
				curator: Self::share(
					rewards.curators,
					CuratorPower::<T>::get(era, who),
					rewards.score,
				),
				capped: uncapped - creator,
			}
		}

		/// Closes the current era at block `now`: fixes its pool, expires the era that leaves the claim
		/// window and starts the next era. Constant work, whatever the number of creators or curators.
		fn close_era(now: BlockNumberFor<T>) {
			let era = CurrentEra::<T>::get();
			let pool = RewardPerEra::<T>::get().saturating_add(Carry::<T>::take());
			let score = EraScore::<T>::take();
			let (creators, curators, mut carried) = if score.is_zero() {
				(Zero::zero(), Zero::zero(), pool)
			} else {
				let curators = T::CuratorShare::get() * pool;
				(pool - curators, curators, Zero::zero())
			};
			Eras::<T>::insert(
				era,
				EraRewards { creators, curators, score, paid: Zero::zero(), capped: Zero::zero() },
			);
			Self::deposit_event(Event::EraClosed { era, pool, creators, curators, score, carried });

			if let Some(expired) = era.checked_sub(T::ClaimWindow::get()) {
				if let Some(rewards) = Eras::<T>::take(expired) {
					let returned = rewards
						.creators
						.saturating_add(rewards.curators)
						.saturating_sub(rewards.paid)
						.saturating_sub(rewards.capped);
					carried = carried.saturating_add(returned);
					Self::deposit_event(Event::EraExpired { era: expired, returned });
				}
			}
			Carry::<T>::put(carried);
			CurrentEra::<T>::put(era + 1);
			EraStartedAt::<T>::put(now);
		}

		/// The first era that can still be claimed (or the current one, if none can).
		fn oldest_claimable() -> EraIndex {
			CurrentEra::<T>::get().saturating_sub(T::ClaimWindow::get())
		}

		/// Removes score entries of expired eras within `remaining` weight; returns the weight used.
		fn clear_expired(remaining: Weight) -> Weight {
			let check = T::WeightInfo::clear_expired(0);
			let era = ClearedUpTo::<T>::get();
			if !remaining.all_gte(check) || era >= Self::oldest_claimable() {
				return check.min(remaining);
			}
			let per_key = T::WeightInfo::clear_expired(1).saturating_sub(check);
			let limit = remaining
				.saturating_sub(check)
				.checked_div_per_component(&per_key)
				.unwrap_or(u64::MAX)
				.min(u32::MAX.into()) as u32;
			if limit == 0 {
				return check;
			}
			let creators = CreatorScores::<T>::clear_prefix(era, limit, None);
			let left = limit.saturating_sub(creators.loops);
			let curators = (left > 0).then(|| CuratorPower::<T>::clear_prefix(era, left, None));
			let removed = creators.unique + curators.as_ref().map_or(0, |c| c.unique);
			if creators.maybe_cursor.is_none() && curators.is_some_and(|c| c.maybe_cursor.is_none())
			{
				ClearedUpTo::<T>::put(era + 1);
			}
			T::WeightInfo::clear_expired(removed)
		}

		/// What `who` can claim now, per claimable era.
		pub fn pending_rewards(who: &T::AccountId) -> Vec<(EraIndex, Payout<BalanceOf<T>>)> {
			(Self::oldest_claimable()..CurrentEra::<T>::get())
				.filter_map(|era| {
					let payout = Self::payout(&Eras::<T>::get(era)?, era, who);
					(payout != Default::default()).then_some((era, payout))
				})
				.collect()
		}

		/// The era in progress.
		pub fn current_era() -> EraStatus<BalanceOf<T>, BlockNumberFor<T>> {
			let started_at = EraStartedAt::<T>::get();
			EraStatus {
				era: CurrentEra::<T>::get(),
				started_at,
				ends_at: started_at.saturating_add(EraLength::<T>::get()),
				pool: RewardPerEra::<T>::get().saturating_add(Carry::<T>::get()),
				score: EraScore::<T>::get(),
			}
		}

		/// The score of `who` as a creator and the power it spent as a curator in `era`.
		pub fn scores(era: EraIndex, who: &T::AccountId) -> (BalanceOf<T>, BalanceOf<T>) {
			(CreatorScores::<T>::get(era, who), CuratorPower::<T>::get(era, who))
		}

		/// Checks the pallet's invariants: freezes equal the ledgers, the current era's scores add up to
		/// its total, and no era has paid out more than its pool.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use frame_support::traits::fungible::InspectFreeze;
			let era = CurrentEra::<T>::get();
			for (who, ledger) in Ledgers::<T>::iter() {
				ensure!(
					T::Currency::balance_frozen(&FreezeReason::Curation.into(), &who)
						== Self::frozen_by(&ledger),
					"a freeze differs from its ledger"
				);
				ensure!(
					!ledger.bonded.is_zero() || !ledger.unlocking.is_empty(),
					"an empty ledger was kept"
				);
				ensure!(ledger.era <= era, "a ledger is ahead of the current era");
			}
			let sum = |values: &mut dyn Iterator<Item = BalanceOf<T>>| {
				values.fold(BalanceOf::<T>::zero(), |a, b| a.saturating_add(b))
			};
			let score = EraScore::<T>::get();
			ensure!(
				sum(&mut CreatorScores::<T>::iter_prefix_values(era)) == score,
				"creator scores do not add up to the era's score"
			);
			ensure!(
				sum(&mut CuratorPower::<T>::iter_prefix_values(era)) == score,
				"curators' power does not add up to the era's score"
			);
			for (closed, rewards) in Eras::<T>::iter() {
				ensure!(
					closed < era && closed >= Self::oldest_claimable(),
					"a pool is kept outside the claim window"
				);
				ensure!(
					rewards.paid.saturating_add(rewards.capped)
						<= rewards.creators.saturating_add(rewards.curators),
					"an era paid out more than its pool"
				);
				ensure!(
					sum(&mut CreatorScores::<T>::iter_prefix_values(closed)) <= rewards.score,
					"unclaimed scores exceed the era's score"
				);
			}
			ensure!(
				ClearedUpTo::<T>::get() <= Self::oldest_claimable(),
				"a claimable era was cleared"
			);
			Ok(())
		}
	}
}
