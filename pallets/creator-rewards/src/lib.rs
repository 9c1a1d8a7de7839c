//! # Creator rewards pallet
//!
//! A reward pool minted each era and shared among creators by the appreciation their posts earned, as
//! steered by **curators** who lock tokens for it, and shared among those curators by how much of it
//! their votes kept through the era's **review**, in which bonded accounts can flag posts as worth less
//! than their votes.
//!
//! ## Terminology
//! - **Era**: [`EraLength`] blocks. Era 0 starts at genesis; an era closes in the `on_initialize` of the
//!   block where its length has passed, in constant time.
//! - **Bond**: tokens a curator freezes with [`Pallet::bond`] ([`FreezeReason::Curation`]). A change of
//!   bond takes effect from the next era: the votes and flags of an era are powered by the bond at its
//!   start, and unbonded tokens stay frozen for [`Config::UnbondingEras`] (at least two) eras. One token
//!   therefore powers at most one account in an era.
//! - **Vote**: each era a curator has [`Config::VotesPerEra`] votes, each worth `bond at era start /
//!   VotesPerEra` of **power**. A positive reaction or a tip on a post (told through
//!   [`kith_primitives::OnAppreciation`]) spends one vote on it: the post's score (`up`), its author's
//!   score and the era's total score grow by the vote's power at once. At most one vote per (curator,
//!   post) per era; never for one's own post, a hidden post or a suspended author. A curator without a
//!   bond, or without votes left, appreciates as usual but steers nothing.
//! - **Review and flags**: era `e` is in review during era `e + 1`. With [`Pallet::flag`], a bonded
//!   account takes off the score of a post of the era in review (`down`) as much as it likes up to the
//!   post's net score, from a flag power equal to its bond at the current era's start, spent across up
//!   to [`Config::MaxFlagsPerEra`] posts. A flag moves no tokens.
//! - **Moderation** ([`kith_primitives::OnEnforced`]): a hidden post loses its net score in the current
//!   era and in the era in review; a suspended account is **barred** from both: what it would claim of
//!   them is withheld and goes to a later pool. Nothing already claimed is taken back.
//! - **Pool**: when era `e` closes, its pool is [`RewardPerEra`] plus what was carried over ([`Carry`]);
//!   [`Config::CuratorShare`] (at least half) of it is the curators' part, the rest the creators' part.
//!   When its review ends (era `e + 1` closes), a net score below [`ScoreTarget`] shrinks both parts in
//!   proportion, and what they lose is never minted. A creator may then claim `creators' part × its net
//!   score / net total score`; a curator `curators' part × its counted power / net total score`, where a
//!   vote counts `power × post's net / post's up`. Counted power over all curators is the net total.
//! - **Claim window**: era `e` can be claimed once reviewed, until era `e + ClaimWindow` closes; then it
//!   expires and what was not paid returns to the next pool.
//!
//! ## Why the attacks it answers fail
//! Power is linear in the bond, so splitting a bond across accounts changes nothing. A curator voting
//! for its own second account earns both parts of its votes' value, at most `1 / CuratorShare` (two)
//! times what the same votes earn an honest curator; flags from as much bond take the alt's posts, and
//! with them both parts, to zero. There is no cap per creator (more accounts would bypass it), and the
//! score target keeps a lone early bonder from taking a whole pool. The `attacks` tests compute each.
//!
//! ## Calls
//! - [`Pallet::bond`], [`Pallet::unbond`], [`Pallet::withdraw_unbonded`]: signed, the curator's own bond.
//! - [`Pallet::flag`]: signed and bonded, a post of the era in review.
//! - [`Pallet::claim`]: signed, the caller's creator and curator rewards of one reviewed era.
//! - [`Pallet::set_reward_per_era`], [`Pallet::set_era_length`], [`Pallet::set_score_target`]:
//!   [`Config::AdminOrigin`] (governance).
//!
//! ## Storage
//! `Ledgers` (curator → [`Ledger`]: bond and unlocking chunks, bounded); per era, one key per creator,
//! post or curator: `CreatorScores`, `PostScores` ([`PostScore`]), `CuratorEras` ([`CuratorVotes`], at
//! most `VotesPerEra` posts) and `Barred`; `Flaggers` (account → this era's [`FlagRecord`], at most
//! `MaxFlagsPerEra` posts); `Eras` (closed era → [`EraRewards`], while claimable); the counters
//! `CurrentEra`, `EraStartedAt`, `EraLength`, `EraScore`, `RewardPerEra`, `Carry`, `ScoreTarget`. The
//! per-era entries of expired eras are removed in `on_idle`, as far as the block's spare weight allows
//! ([`ClearedUpTo`] marks the progress); a flagger's record goes with its ledger.
//!
//! ## Economics
//! Nothing is minted up front: a claim mints what it pays, so total issuance grows by exactly the sum of
//! claims, and what is never claimed is never minted (it returns to a later pool instead, except the
//! part of a pool that a score below the target does not earn). Funds taken elsewhere reach the pool
//! through the pallet's `OnUnbalanced` implementation (moderation's slashed deposits, a share of
//! transaction fees): they are burned and added to [`Carry`], and minted again when claimed, so issuance
//! stays equal to what accounts hold. Curators pay no deposit for their ledger: it exists only while
//! they lock at least [`Config::MinBond`]; the per-era entries their votes and flags write are bounded
//! by their votes and flags per era and removed when the era expires.
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
	use kith_primitives::{ModerationStatus, OnAppreciation, OnEnforced, PostId};
	use sp_runtime::{
		helpers_128bit::multiply_by_rational_with_rounding,
		traits::{Saturating, UniqueSaturatedInto, Zero},
		Perbill, Rounding,
	};

	/// An amount of the native currency.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// A curator's ledger in a runtime.
	pub type LedgerOf<T> = Ledger<BalanceOf<T>, <T as Config>::MaxUnlockingChunks>;
	/// A curator's votes of one era in a runtime.
	pub type CuratorVotesOf<T> = CuratorVotes<BalanceOf<T>, <T as Config>::VotesPerEra>;
	/// A flagger's flags of one era in a runtime.
	pub type FlagRecordOf<T> = FlagRecord<BalanceOf<T>, <T as Config>::MaxFlagsPerEra>;
	/// A post's score in one era in a runtime.
	pub type PostScoreOf<T> = PostScore<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

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

		/// What moderation decided: a hidden post or a suspended author takes no votes.
		type Moderation: ModerationStatus<Self::AccountId>;

		/// The most posts an account can flag in an era.
		#[pallet::constant]
		type MaxFlagsPerEra: Get<u32>;

		/// The net score at which an era's pool is paid in full, until governance sets another.
		#[pallet::constant]
		type DefaultScoreTarget: Get<BalanceOf<Self>>;

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

	/// What goes into the next pool besides the reward per era: funds taken elsewhere (fees, slashed
	/// deposits), rewards withheld from suspended accounts and expired claims.
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

	/// Each post's votes and flags per era: one entry per post that received a vote.
	#[pallet::storage]
	pub type PostScores<T: Config> =
		StorageDoubleMap<_, Twox64Concat, EraIndex, Twox64Concat, PostId, PostScoreOf<T>>;

	/// The votes each curator spent per era.
	#[pallet::storage]
	pub type CuratorEras<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EraIndex,
		Blake2_128Concat,
		T::AccountId,
		CuratorVotesOf<T>,
	>;

	/// Accounts suspended during an era or its review: what they would claim of it is withheld.
	#[pallet::storage]
	pub type Barred<T: Config> =
		StorageDoubleMap<_, Twox64Concat, EraIndex, Blake2_128Concat, T::AccountId, ()>;

	/// The flags each account raised in the current era (overwritten in a later era).
	#[pallet::storage]
	pub type Flaggers<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, FlagRecordOf<T>>;

	/// The net score at which an era's pool is paid in full.
	#[pallet::storage]
	pub type ScoreTarget<T: Config> =
		StorageValue<_, BalanceOf<T>, ValueQuery, T::DefaultScoreTarget>;

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
		/// The score target, if not [`Config::DefaultScoreTarget`] (small for development chains).
		pub score_target: Option<BalanceOf<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(length) = self.era_length {
				assert!(!length.is_zero(), "an era lasts at least one block");
				EraLength::<T>::put(length);
			}
			RewardPerEra::<T>::put(self.reward_per_era);
			if let Some(target) = self.score_target {
				assert!(!target.is_zero(), "the score target is not zero");
				ScoreTarget::<T>::put(target);
			}
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
		/// Era `era` closed with a pool of `pool` (`creators` + `curators`, final after its review) and a
		/// total score of `score`; `carried` (expired claims) went on to the next pool.
		EraClosed {
			era: EraIndex,
			pool: BalanceOf<T>,
			creators: BalanceOf<T>,
			curators: BalanceOf<T>,
			score: BalanceOf<T>,
			carried: BalanceOf<T>,
		},
		/// The review of era `era` ended with a net score of `score`: its parts are final
		/// (`creators`, `curators`) and can be claimed; `unminted`, the share of the pool that a score
		/// below the target does not earn, is never minted.
		EraReviewed {
			era: EraIndex,
			score: BalanceOf<T>,
			creators: BalanceOf<T>,
			curators: BalanceOf<T>,
			unminted: BalanceOf<T>,
		},
		/// `flagger` flagged post `post`, taking `amount` off its score in era `era`.
		Flagged {
			flagger: T::AccountId,
			post: PostId,
			era: EraIndex,
			reason: FlagReason,
			amount: BalanceOf<T>,
		},
		/// Post `post` was hidden: its score of `amount` in era `era` no longer counts.
		PostVoided { post: PostId, era: EraIndex, amount: BalanceOf<T> },
		/// `who` was suspended: what it would claim of eras `from` to `to` is withheld.
		AccountBarred { who: T::AccountId, from: EraIndex, to: EraIndex },
		/// Governance set the score target.
		ScoreTargetSet { target: BalanceOf<T> },
		/// Era `era` can no longer be claimed; `returned` (not claimed) goes to the next pool.
		EraExpired { era: EraIndex, returned: BalanceOf<T> },
		/// `who` claimed its rewards of era `era`: `creator` + `curator` were minted to it; `withheld`
		/// (it was suspended) went to the next pool.
		Claimed {
			who: T::AccountId,
			era: EraIndex,
			creator: BalanceOf<T>,
			curator: BalanceOf<T>,
			withheld: BalanceOf<T>,
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
		/// That era is in review (its posts can still be flagged): claim it after the current era.
		EraInReview,
		/// You cannot flag your own post.
		CannotFlagOwnPost,
		/// You flagged that post in this era already.
		AlreadyFlagged,
		/// You have flagged as many posts as an era allows.
		TooManyFlags,
		/// That post has no score left in the era in review to take off.
		NothingToFlag,
		/// You have spent all your flag power (your bond at the era's start) in this era.
		NoFlagPowerLeft,
		/// A suspended account cannot flag.
		Suspended,
		/// The score target must not be zero.
		ZeroScoreTarget,
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
			assert!(T::ClaimWindow::get() >= 2, "an era must be claimable after its review");
			assert!(
				T::CuratorShare::get() >= Perbill::from_percent(50),
				"creators get at most half of a vote's value, or self-dealing pays more than twice"
			);
			assert!(T::MaxFlagsPerEra::get() >= T::VotesPerEra::get(), "flags cover votes");
			assert!(!T::DefaultScoreTarget::get().is_zero(), "the score target is not zero");
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
				Flaggers::<T>::remove(&who);
			} else {
				T::Currency::set_freeze(&reason, &who, Self::frozen_by(&ledger))?;
				Ledgers::<T>::insert(&who, ledger);
			}
			Self::deposit_event(Event::Withdrawn { who, amount });
			Ok(())
		}

		/// Pays the caller its creator and curator rewards of era `era`, minting them, once the era's
		/// review is over. What a suspension withholds goes to the next pool.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::claim(T::VotesPerEra::get()))]
		pub fn claim(origin: OriginFor<T>, era: EraIndex) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(era < CurrentEra::<T>::get(), Error::<T>::EraNotClosed);
			let mut rewards = Eras::<T>::get(era).ok_or(Error::<T>::EraExpired)?;
			ensure!(rewards.reviewed, Error::<T>::EraInReview);
			let payout = Self::payout(&rewards, era, &who);
			let total = payout.creator.saturating_add(payout.curator);
			ensure!(!total.is_zero() || !payout.withheld.is_zero(), Error::<T>::NothingToClaim);

			if !total.is_zero() {
				T::Currency::mint_into(&who, total)?;
			}
			CreatorScores::<T>::remove(era, &who);
			CuratorEras::<T>::remove(era, &who);
			rewards.paid = rewards.paid.saturating_add(total);
			rewards.withheld = rewards.withheld.saturating_add(payout.withheld);
			Eras::<T>::insert(era, rewards);
			Carry::<T>::mutate(|carry| *carry = carry.saturating_add(payout.withheld));
			Self::deposit_event(Event::Claimed {
				who,
				era,
				creator: payout.creator,
				curator: payout.curator,
				withheld: payout.withheld,
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

		/// Flags post `post` of the era in review (the era before the current one) as worth less than
		/// its votes: takes off its score as much as the caller's flag power left allows, up to all of
		/// it. Flag power is the caller's bond at the current era's start, spent across all its flags
		/// of the era; one flag per post and era, never on one's own post. Moves no tokens: the author
		/// and its curators only get a smaller share of that era's pool.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::flag())]
		pub fn flag(origin: OriginFor<T>, post: PostId, reason: FlagReason) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!T::Moderation::is_suspended(&who), Error::<T>::Suspended);
			let era = CurrentEra::<T>::get();
			let review = era.checked_sub(1).ok_or(Error::<T>::NothingToFlag)?;
			let ledger = Self::ledger(&who).ok_or(Error::<T>::NotBonded)?;
			let mut record =
				Flaggers::<T>::get(&who).filter(|record| record.era == era).unwrap_or_else(|| {
					FlagRecord { era, spent: Zero::zero(), posts: Default::default() }
				});
			ensure!(!record.posts.contains(&post), Error::<T>::AlreadyFlagged);
			record.posts.try_push(post).map_err(|_| Error::<T>::TooManyFlags)?;
			let mut score = PostScores::<T>::get(review, post).ok_or(Error::<T>::NothingToFlag)?;
			ensure!(score.author != who, Error::<T>::CannotFlagOwnPost);
			let net = score.up.saturating_sub(score.down);
			ensure!(!net.is_zero(), Error::<T>::NothingToFlag);
			let left = ledger.era_bond.saturating_sub(record.spent);
			ensure!(!left.is_zero(), Error::<T>::NoFlagPowerLeft);
			let amount = left.min(net);

			score.down = score.down.saturating_add(amount);
			record.spent = record.spent.saturating_add(amount);
			Self::take_off(review, &score.author, amount);
			PostScores::<T>::insert(review, post, score);
			Flaggers::<T>::insert(&who, record);
			Self::deposit_event(Event::Flagged { flagger: who, post, era: review, reason, amount });
			Ok(())
		}

		/// Sets the net score at which an era's pool is paid in full, from the next review on.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_score_target())]
		pub fn set_score_target(
			origin: OriginFor<T>,
			#[pallet::compact] target: BalanceOf<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(!target.is_zero(), Error::<T>::ZeroScoreTarget);
			ScoreTarget::<T>::put(target);
			Self::deposit_event(Event::ScoreTargetSet { target });
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
		/// Spends a vote of a curator; an account without a curator bond (most who react) costs
		/// [`WeightInfo::on_appreciation_without_bond`], every other case the most.
		fn on_appreciation(who: &T::AccountId, author: &T::AccountId, post: PostId) -> Weight {
			let without_bond = T::WeightInfo::on_appreciation_without_bond();
			if who == author
				|| T::Moderation::is_hidden(post)
				|| T::Moderation::is_suspended(author)
			{
				return without_bond;
			}
			// The ledger brought to this era is only read: a vote changes nothing in it.
			let Some(ledger) = Self::ledger(who) else { return without_bond };
			let most = T::WeightInfo::on_appreciation();
			let era = ledger.era;
			let power = ledger.era_bond / T::VotesPerEra::get().into();
			if power.is_zero() || Barred::<T>::contains_key(era, author) {
				return most;
			}
			let mut votes = CuratorEras::<T>::get(era, who)
				.unwrap_or_else(|| CuratorVotes { power, posts: Default::default() });
			if votes.posts.contains(&post) || votes.posts.try_push(post).is_err() {
				return most;
			}
			CuratorEras::<T>::insert(era, who, votes);
			let mut score = PostScores::<T>::get(era, post).unwrap_or_else(|| PostScore {
				author: author.clone(),
				up: Zero::zero(),
				down: Zero::zero(),
			});
			score.up = score.up.saturating_add(power);
			PostScores::<T>::insert(era, post, score);
			CreatorScores::<T>::mutate(era, author, |score| *score = score.saturating_add(power));
			EraScore::<T>::mutate(|score| *score = score.saturating_add(power));
			Self::deposit_event(Event::VoteSpent {
				curator: who.clone(),
				creator: author.clone(),
				post,
				era,
				power,
			});
			most
		}

		fn weight() -> Weight {
			T::WeightInfo::on_appreciation()
		}
	}

	impl<T: Config> OnEnforced<T::AccountId> for Pallet<T> {
		/// A hidden post's score no longer counts, in the current era and in the era in review.
		fn on_post_hidden(post: PostId, author: &T::AccountId) {
			let era = CurrentEra::<T>::get();
			for era in era.checked_sub(1).into_iter().chain([era]) {
				let Some(mut score) = PostScores::<T>::get(era, post) else { continue };
				let net = score.up.saturating_sub(score.down);
				if net.is_zero() {
					continue;
				}
				score.down = score.up;
				PostScores::<T>::insert(era, post, score);
				Self::take_off(era, author, net);
				Self::deposit_event(Event::PostVoided { post, era, amount: net });
			}
		}

		/// A suspended account claims nothing of the current era and of the era in review.
		fn on_account_suspended(who: &T::AccountId) {
			let to = CurrentEra::<T>::get();
			let from = to.saturating_sub(1);
			for era in from..=to {
				Barred::<T>::insert(era, who, ());
			}
			Self::deposit_event(Event::AccountBarred { who: who.clone(), from, to });
		}

		fn weight() -> Weight {
			T::WeightInfo::on_post_hidden().max(T::WeightInfo::on_account_suspended())
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

		/// Takes `amount` off the score of `author` and of era `era` (the current era or the one in
		/// review): a flag or a hidden post.
		fn take_off(era: EraIndex, author: &T::AccountId, amount: BalanceOf<T>) {
			CreatorScores::<T>::mutate(era, author, |score| *score = score.saturating_sub(amount));
			if era == CurrentEra::<T>::get() {
				EraScore::<T>::mutate(|score| *score = score.saturating_sub(amount));
			} else {
				Eras::<T>::mutate(era, |rewards| {
					if let Some(rewards) = rewards {
						rewards.score = rewards.score.saturating_sub(amount);
					}
				});
			}
		}

		/// The curator power of `who` in era `era` that still counts: each vote's power scaled by what
		/// flags and hiding left of its post's score (`power × net / up`). Summed over all curators, it
		/// is the era's net score.
		fn curator_power(era: EraIndex, who: &T::AccountId) -> BalanceOf<T> {
			let Some(votes) = CuratorEras::<T>::get(era, who) else { return Zero::zero() };
			votes.posts.iter().fold(Zero::zero(), |sum: BalanceOf<T>, post| {
				let counted = PostScores::<T>::get(era, post).map_or_else(Zero::zero, |score| {
					Self::share(votes.power, score.up.saturating_sub(score.down), score.up)
				});
				sum.saturating_add(counted)
			})
		}

		/// What `who` can claim of era `era`, whose pool is `rewards`.
		fn payout(
			rewards: &EraRewards<BalanceOf<T>>,
			era: EraIndex,
			who: &T::AccountId,
		) -> Payout<BalanceOf<T>> {
			let creator =
				Self::share(rewards.creators, CreatorScores::<T>::get(era, who), rewards.score);
			let curator =
				Self::share(rewards.curators, Self::curator_power(era, who), rewards.score);
			if Barred::<T>::contains_key(era, who) {
				Payout {
					creator: Zero::zero(),
					curator: Zero::zero(),
					withheld: creator.saturating_add(curator),
				}
			} else {
				Payout { creator, curator, withheld: Zero::zero() }
			}
		}

		/// Closes the current era at block `now`: fixes its pool, ends the review of the era before it,
		/// expires the era that leaves the claim window and starts the next era. Constant work,
		/// whatever the number of creators or curators.
		fn close_era(now: BlockNumberFor<T>) {
			let era = CurrentEra::<T>::get();
			let pool = RewardPerEra::<T>::get().saturating_add(Carry::<T>::take());
			let score = EraScore::<T>::take();
			let curators = T::CuratorShare::get() * pool;
			let creators = pool.saturating_sub(curators);
			let mut carried: BalanceOf<T> = Zero::zero();
			Eras::<T>::insert(
				era,
				EraRewards {
					creators,
					curators,
					score,
					paid: Zero::zero(),
					withheld: Zero::zero(),
					reviewed: false,
				},
			);

			// The era in review becomes final: below the score target, its parts shrink in proportion
			// to its net score, and what they lose is never minted.
			if let Some(reviewed) = era.checked_sub(1) {
				if let Some(mut rewards) = Eras::<T>::get(reviewed) {
					let target = ScoreTarget::<T>::get();
					let pool = rewards.creators.saturating_add(rewards.curators);
					if rewards.score < target {
						rewards.creators = Self::share(rewards.creators, rewards.score, target);
						rewards.curators = Self::share(rewards.curators, rewards.score, target);
					}
					rewards.reviewed = true;
					let unminted =
						pool.saturating_sub(rewards.creators).saturating_sub(rewards.curators);
					Eras::<T>::insert(reviewed, rewards);
					Self::deposit_event(Event::EraReviewed {
						era: reviewed,
						score: rewards.score,
						creators: rewards.creators,
						curators: rewards.curators,
						unminted,
					});
				}
			}

			if let Some(expired) = era.checked_sub(T::ClaimWindow::get()) {
				if let Some(rewards) = Eras::<T>::take(expired) {
					let returned = rewards
						.creators
						.saturating_add(rewards.curators)
						.saturating_sub(rewards.paid)
						.saturating_sub(rewards.withheld);
					carried = carried.saturating_add(returned);
					Self::deposit_event(Event::EraExpired { era: expired, returned });
				}
			}
			Self::deposit_event(Event::EraClosed { era, pool, creators, curators, score, carried });
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
			let (mut left, mut removed, mut done) = (limit, 0, true);
			// Each map in turn, as far as the limit goes; the era is done when all are empty.
			macro_rules! clear {
				($($map:ident),*) => {$(
					if left == 0 {
						done = false;
					} else {
						let cleared = $map::<T>::clear_prefix(era, left, None);
						left = left.saturating_sub(cleared.loops);
						removed += cleared.unique;
						done &= cleared.maybe_cursor.is_none();
					}
				)*};
			}
			clear!(CreatorScores, PostScores, CuratorEras, Barred);
			debug_assert!(left <= limit, "the limit bounds the work");
			if done {
				ClearedUpTo::<T>::put(era + 1);
			}
			T::WeightInfo::clear_expired(removed)
		}

		/// What `who` can claim now, per claimable era (reviewed, within the claim window).
		pub fn pending_rewards(who: &T::AccountId) -> Vec<(EraIndex, Payout<BalanceOf<T>>)> {
			(Self::oldest_claimable()..CurrentEra::<T>::get())
				.filter_map(|era| {
					let rewards = Eras::<T>::get(era).filter(|rewards| rewards.reviewed)?;
					let payout = Self::payout(&rewards, era, who);
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

		/// The net score of `who` as a creator and its curator power that still counts in `era`.
		pub fn scores(era: EraIndex, who: &T::AccountId) -> (BalanceOf<T>, BalanceOf<T>) {
			(CreatorScores::<T>::get(era, who), Self::curator_power(era, who))
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
				sum(&mut PostScores::<T>::iter_prefix_values(era).map(|p| p.up - p.down)) == score,
				"post scores do not add up to the era's score"
			);
			ensure!(
				sum(&mut PostScores::<T>::iter_prefix_values(era).map(|p| p.up))
					== sum(&mut CuratorEras::<T>::iter_prefix_values(era)
						.map(|v| v.power * (v.posts.len() as u32).into())),
				"votes do not add up to the posts' scores"
			);
			for (flagger, record) in Flaggers::<T>::iter() {
				if record.era == era {
					let bond = Self::ledger(&flagger).map_or_else(Zero::zero, |l| l.era_bond);
					ensure!(record.spent <= bond, "a flagger spent more than its bond");
				}
			}
			for (closed, rewards) in Eras::<T>::iter() {
				ensure!(
					closed < era && closed >= Self::oldest_claimable(),
					"a pool is kept outside the claim window"
				);
				ensure!(
					rewards.paid.saturating_add(rewards.withheld)
						<= rewards.creators.saturating_add(rewards.curators),
					"an era paid out more than its pool"
				);
				ensure!(
					rewards.reviewed || closed + 1 == era,
					"only the era just closed is in review"
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
