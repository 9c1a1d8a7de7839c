//! # Validators pallet
//!
//! Kith's validator set is open: anyone with a node and enough bond can become a validator, the
//! best-bonded candidates validate, absent ones are dropped, and block authors are paid. This pallet is
//! the `SessionManager` of `pallet-session` (which rotates Aura and GRANDPA keys each session) and the
//! author hook of `pallet-authorship`.
//!
//! ## Terminology
//! - **Candidate**: an account that [`Pallet::register`]ed with a bond (held, at least
//!   [`Config::MinBond`]). To be elected it also needs session keys, set with `session.set_keys` as on
//!   any Substrate chain ([`Config::Session`]).
//! - **Election**: when `pallet-session` plans session `i` (at the start of session `i - 1`), the top
//!   [`Config::MaxValidators`] candidates by bond (ties: the lower account id) that have keys, are not
//!   jailed and are not leaving become the set of session `i`. Fewer than [`Config::MinValidators`]:
//!   the current set stays.
//! - **Jail**: a validator of session `i` that authored no block in it, in a session that had at least
//!   as many blocks as validators (so it had slots), is jailed when the session ends: it is not elected
//!   again until it calls [`Pallet::unjail`], which it can from session `i + 1 + JailSessions` on. Its
//!   bond is not slashed. The genesis session (0) jails nobody: a new chain's validators start their
//!   nodes at different times, and the first to start authors alone until the others are up.
//! - **Full list**: at [`Config::MaxCandidates`] candidates, a registration whose bond is larger than
//!   the smallest candidate bond takes that candidate's place (a candidate that unregistered goes first,
//!   whatever its bond): the evicted candidate leaves as if it had unregistered, and its bond unbonds.
//!   The list cannot be squatted: keeping a place costs more than the best newcomer offers.
//! - **Offence**: a GRANDPA equivocation (two different votes in one round), proven on chain by
//!   `pallet-grandpa`'s report with a key-ownership proof from `pallet-session`'s historical roots and
//!   handed to this pallet by `pallet-offences` ([`OnOffenceHandler`]). The offender loses a part of its
//!   held bond (its candidate bond and what is unbonding): [`OffenceSlash`] (a governance parameter), or
//!   the offence's own fraction if that is larger (GRANDPA's is `min(3k/n, 1)²` for `k` offenders in a
//!   set of `n`, so a third of the set equivocating together loses everything). [`Config::ReporterShare`]
//!   of what is slashed goes to the reporters (the author of the block that included an unsigned report
//!   made by a node), the rest is burned. The offender is jailed as for absence. It is punished once for
//!   all offences up to the end of the session after the report: the sessions it still validates in
//!   whatever it does, so one misconfigured node that equivocates in every round is slashed once; an
//!   offence of that period with a larger fraction (more offenders reported together) takes what the
//!   larger fraction adds, so an early report cannot shield a coordinated attack. An offender reporting
//!   itself gets no reward. Any validator is jailed for an offence or an absence, candidate or not, so
//!   that registering again does not escape the jail. A former candidate's jail record goes when it
//!   withdraws the last of its bond after the jail is over (with the runtime's unbonding period, longer
//!   than a jail, always), so departed validators leave nothing behind.
//! - **Block reward**: each block mints [`BlockReward`] (a governance parameter) to its author.
//!
//! ## Calls
//! - [`Pallet::register`]: signed; holds the bond. [`Pallet::bond_extra`]: adds to it.
//! - [`Pallet::unregister`]: signed; the candidate leaves at the next election, and its bond unlocks
//!   [`Config::UnbondingSessions`] sessions later, for [`Pallet::withdraw_unbonded`].
//! - [`Pallet::unjail`]: signed, by a jailed candidate whose jail time is over and whose bond is at
//!   least the minimum again (after a slash, [`Pallet::bond_extra`] tops it up).
//! - [`Pallet::set_block_reward`], [`Pallet::set_offence_slash`]: [`Config::AdminOrigin`] (root: a
//!   referendum on the `root` track).
//!
//! ## Storage
//! `Candidates` (counted, at most [`Config::MaxCandidates`]), `Unbonding` (chunks per account, bounded),
//! `Jailed`, `AuthoredBlocks` (this session's blocks by author), `BlockReward`, `OffenceSlash`,
//! `Punished` (the last session an offender's punishment covers and the fraction it took; removed
//! once it holds no bond),
//! `SessionLength` (read by `pallet-session` through [`SessionPeriod`]). The session index, the active set and the next one are
//! `pallet-session`'s ([`Config::Session`]); this pallet keeps no copy of them.
//!
//! ## Economics
//! Bonds are held (not transferable) while registered and unbonding, and can be slashed all that time.
//! Block rewards are minted: issuance grows by `BlockReward` a block. Slashes are burned, but for the
//! reporters' share.
//!
//! ## Historical sessions
//! With `pallet-session`'s `historical` feature, the runtime wraps this pallet in
//! `NoteHistoricalRoot`, which stores each session's validator set root so that an equivocation can be
//! proven against the set of its session. This pallet prunes those roots after
//! [`Config::UnbondingSessions`] sessions: an offence can be reported as long as the offender's bond may
//! still be held.
//!
//! ## Weights
//! The author hook's weight is charged in `on_initialize` of every block. Registering charges the
//! eviction's worst case (a full list to search) and refunds it when the list has room. The offence
//! handler runs inside `pallet-grandpa`'s `report_equivocation`, whose weight allows for it (the
//! `punish` benchmark measures it). Elections and jailing run in
//! `pallet-session`'s rotation, which charges the whole block for it; the `new_session` and
//! `end_session` benchmarks measure how much of that block they take (at most
//! [`Config::MaxCandidates`] candidates and [`Config::MaxValidators`] validators).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod weights;

/// The open, bonded validator set.
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use codec::{Decode, Encode, MaxEncodedLen};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Balanced, BalancedHold, Inspect, Mutate, MutateHold},
			tokens::Precision,
			Imbalance, ValidatorRegistration, ValidatorSet,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{Saturating, Zero},
		Perbill,
	};
	use sp_staking::offence::{OffenceDetails, OnOffenceHandler};
	pub use sp_staking::SessionIndex;

	/// A balance of the runtime's currency.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// A validator set in a runtime.
	pub type SetOf<T> =
		BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxValidators>;

	/// A candidate's record.
	#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
	pub struct Candidate<Balance> {
		/// What it holds as its bond.
		pub bond: Balance,
		/// Whether it unregistered (it leaves at the next election).
		pub leaving: bool,
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The native currency: bonds are held (and slashed), rewards minted.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Balanced<Self::AccountId>
			+ BalancedHold<Self::AccountId>;

		/// The runtime's hold reasons.
		type RuntimeHoldReason: From<HoldReason>;

		/// The sessions (`pallet-session`): the current index and set, and who has session keys.
		type Session: ValidatorSet<Self::AccountId, ValidatorId = Self::AccountId>
			+ ValidatorRegistration<Self::AccountId>;

		/// Who may set the block reward.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The smallest bond.
		#[pallet::constant]
		type MinBond: Get<BalanceOf<Self>>;

		/// The most candidates.
		#[pallet::constant]
		type MaxCandidates: Get<u32>;

		/// The most validators in a set.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// The fewest validators in a set: an election with fewer keeps the current set.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// How many sessions a bond stays held after its candidate left; also how many sessions of
		/// history (validator set roots) are kept for offence reports.
		#[pallet::constant]
		type UnbondingSessions: Get<SessionIndex>;

		/// The most unbonding chunks an account can have at once.
		#[pallet::constant]
		type MaxUnbondingChunks: Get<u32>;

		/// How many whole sessions a jailed validator waits before it can unjail.
		#[pallet::constant]
		type JailSessions: Get<SessionIndex>;

		/// The block reward until governance sets another.
		#[pallet::constant]
		type DefaultBlockReward: Get<BalanceOf<Self>>;

		/// The part of an offender's bond slashed for an offence, until governance sets another.
		#[pallet::constant]
		type DefaultOffenceSlash: Get<Perbill>;

		/// The reporters' share of a slash (the rest is burned).
		#[pallet::constant]
		type ReporterShare: Get<Perbill>;

		/// The session length, in blocks, unless the genesis sets another.
		#[pallet::constant]
		type DefaultSessionLength: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A candidate's bond, including what is unbonding.
		#[codec(index = 0)]
		Bond,
	}

	/// The candidates.
	#[pallet::storage]
	pub type Candidates<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, T::AccountId, Candidate<BalanceOf<T>>>;

	/// Bonds of former candidates still held: (amount, the session it can be withdrawn from).
	#[pallet::storage]
	pub type Unbonding<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<(BalanceOf<T>, SessionIndex), T::MaxUnbondingChunks>,
		ValueQuery,
	>;

	/// Jailed candidates, with the session from which they can unjail.
	#[pallet::storage]
	pub type Jailed<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, SessionIndex>;

	/// Blocks each author made in the current session (their sum is the session's block count).
	#[pallet::storage]
	pub type AuthoredBlocks<T: Config> = StorageMap<_, Twox64Concat, T::AccountId, u32, ValueQuery>;

	/// What each block mints to its author.
	#[pallet::storage]
	pub type BlockReward<T: Config> =
		StorageValue<_, BalanceOf<T>, ValueQuery, T::DefaultBlockReward>;

	/// The least part of an offender's bond slashed for an offence.
	#[pallet::storage]
	pub type OffenceSlash<T: Config> = StorageValue<_, Perbill, ValueQuery, T::DefaultOffenceSlash>;

	/// Offenders, with the last session their punishment covers and the fraction of their bond it
	/// took: offences up to that session take only what a larger fraction adds. Removed when the
	/// account holds no bond any more.
	#[pallet::storage]
	pub type Punished<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, (SessionIndex, Perbill)>;

	/// The session length in blocks ([`SessionPeriod`] gives it to `pallet-session`), fixed at genesis.
	#[pallet::storage]
	pub type SessionLength<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, T::DefaultSessionLength>;

	/// The session length for `pallet-session`'s `PeriodicSessions`.
	pub struct SessionPeriod<T>(core::marker::PhantomData<T>);
	impl<T: Config> Get<BlockNumberFor<T>> for SessionPeriod<T> {
		fn get() -> BlockNumberFor<T> {
			SessionLength::<T>::get()
		}
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Candidates registered from genesis, with their bonds (held from their balances).
		pub candidates: Vec<(T::AccountId, BalanceOf<T>)>,
		/// The session length in blocks, if not the runtime's default.
		pub session_length: Option<u32>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (who, bond) in &self.candidates {
				assert!(*bond >= T::MinBond::get(), "a genesis bond is below the minimum");
				T::Currency::hold(&HoldReason::Bond.into(), who, *bond)
					.expect("a genesis candidate has its bond");
				Candidates::<T>::insert(who, Candidate { bond: *bond, leaving: false });
			}
			if let Some(length) = self.session_length {
				assert!(length > 0, "sessions last at least a block");
				SessionLength::<T>::put(BlockNumberFor::<T>::from(length));
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` registered as a candidate, holding `bond`.
		Registered { who: T::AccountId, bond: BalanceOf<T> },
		/// `who` added `amount` to its bond, now `bond`.
		Bonded { who: T::AccountId, amount: BalanceOf<T>, bond: BalanceOf<T> },
		/// `who` unregistered and leaves at the next election.
		Unregistered { who: T::AccountId },
		/// `who` lost its place in the full candidate list to `by`, whose bond is larger (or `who` was
		/// leaving anyway).
		Evicted { who: T::AccountId, by: T::AccountId },
		/// `who` left the candidates; `amount` unlocks from session `unlock_session`.
		Left { who: T::AccountId, amount: BalanceOf<T>, unlock_session: SessionIndex },
		/// `who` withdrew `amount` of unbonded funds.
		Withdrawn { who: T::AccountId, amount: BalanceOf<T> },
		/// The set of session `session` was elected.
		NewSetPlanned { session: SessionIndex, validators: SetOf<T> },
		/// Too few candidates could be elected for session `session`: the current set stays.
		SetKept { session: SessionIndex, eligible: u32 },
		/// `who` authored no block in session `session`, or committed an offence in it, and is jailed
		/// until `until`.
		Jailed { who: T::AccountId, session: SessionIndex, until: SessionIndex },
		/// `who` lost `amount` of its bond for an offence in session `session`; `reward` of it went to
		/// the reporters, the rest was burned.
		Slashed {
			who: T::AccountId,
			session: SessionIndex,
			amount: BalanceOf<T>,
			reward: BalanceOf<T>,
		},
		/// An offence of `who` in session `session` was reported, but `who` was already punished for
		/// the sessions up to `covered`.
		OffenceCovered { who: T::AccountId, session: SessionIndex, covered: SessionIndex },
		/// `who` left jail.
		Unjailed { who: T::AccountId },
		/// `author` was rewarded `amount` for a block.
		Rewarded { author: T::AccountId, amount: BalanceOf<T> },
		/// Governance set the block reward.
		BlockRewardSet { amount: BalanceOf<T> },
		/// Governance set the least part of a bond slashed for an offence.
		OffenceSlashSet { fraction: Perbill },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// You are already a candidate.
		AlreadyCandidate,
		/// You are not a candidate.
		NotCandidate,
		/// The bond is below the minimum.
		BondTooLow,
		/// The candidate list is full and the bond is not larger than the smallest candidate bond (a
		/// larger one takes that place).
		TooManyCandidates,
		/// You already unregistered.
		AlreadyLeaving,
		/// You have as many unbonding chunks as allowed; withdraw first.
		TooManyUnbondingChunks,
		/// You are not jailed.
		NotJailed,
		/// Your jail time is not over yet.
		StillJailed,
		/// Your bond was slashed below the minimum: add to it (`bond_extra`) before leaving jail.
		BondBelowMinimum,
		/// Nothing of yours is unbonded yet.
		NothingToWithdraw,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_: BlockNumberFor<T>) -> Weight {
			// pallet-authorship tells us the author in its own on_initialize.
			T::WeightInfo::note_author()
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers the caller as a candidate with `bond` held (at least the minimum bond). It needs
		/// session keys (`session.set_keys`) to be elected. When the list is full, a bond larger than
		/// the smallest candidate's takes its place (see the module doc).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_evicting())]
		pub fn register(origin: OriginFor<T>, bond: BalanceOf<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(!Candidates::<T>::contains_key(&who), Error::<T>::AlreadyCandidate);
			ensure!(bond >= T::MinBond::get(), Error::<T>::BondTooLow);
			let evicted = if Candidates::<T>::count() < T::MaxCandidates::get() {
				None
			} else {
				let (smallest, candidate) =
					Self::smallest().ok_or(Error::<T>::TooManyCandidates)?;
				ensure!(candidate.leaving || bond > candidate.bond, Error::<T>::TooManyCandidates);
				Some((smallest, candidate))
			};
			T::Currency::hold(&HoldReason::Bond.into(), &who, bond)?;
			let weight = match evicted {
				None => T::WeightInfo::register(),
				Some((smallest, candidate)) => {
					Candidates::<T>::remove(&smallest);
					Self::deposit_event(Event::Evicted { who: smallest.clone(), by: who.clone() });
					// It may be in the set planned for the next session.
					let last = T::Session::session_index().saturating_add(1);
					Self::unbond(smallest, candidate.bond, last);
					T::WeightInfo::register_evicting()
				},
			};
			Candidates::<T>::insert(&who, Candidate { bond, leaving: false });
			Self::deposit_event(Event::Registered { who, bond });
			Ok(Some(weight).into())
		}

		/// Adds `amount` to the caller's bond.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::bond_extra())]
		pub fn bond_extra(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut candidate = Candidates::<T>::get(&who).ok_or(Error::<T>::NotCandidate)?;
			ensure!(!candidate.leaving, Error::<T>::AlreadyLeaving);
			T::Currency::hold(&HoldReason::Bond.into(), &who, amount)?;
			candidate.bond.saturating_accrue(amount);
			let bond = candidate.bond;
			Candidates::<T>::insert(&who, candidate);
			Self::deposit_event(Event::Bonded { who, amount, bond });
			Ok(())
		}

		/// Unregisters the caller: it is not elected again and leaves the candidates at the next
		/// election; its bond unlocks `UnbondingSessions` sessions after that.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::unregister())]
		pub fn unregister(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut candidate = Candidates::<T>::get(&who).ok_or(Error::<T>::NotCandidate)?;
			ensure!(!candidate.leaving, Error::<T>::AlreadyLeaving);
			ensure!(!Unbonding::<T>::get(&who).is_full(), Error::<T>::TooManyUnbondingChunks);
			candidate.leaving = true;
			Candidates::<T>::insert(&who, candidate);
			Self::deposit_event(Event::Unregistered { who });
			Ok(())
		}

		/// Releases the caller's unbonded funds whose unbonding period is over.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded())]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = T::Session::session_index();
			let mut chunks = Unbonding::<T>::get(&who);
			let mut amount = BalanceOf::<T>::zero();
			chunks.retain(|(value, unlock)| {
				let ripe = *unlock <= now;
				if ripe {
					amount.saturating_accrue(*value);
				}
				!ripe
			});
			ensure!(!amount.is_zero(), Error::<T>::NothingToWithdraw);
			T::Currency::release(&HoldReason::Bond.into(), &who, amount, Precision::BestEffort)?;
			if chunks.is_empty() {
				Unbonding::<T>::remove(&who);
				if !Candidates::<T>::contains_key(&who) {
					// Nothing of its is left to slash.
					Punished::<T>::remove(&who);
					// A former candidate's jail, once served, keeps nothing from happening: it goes
					// (one still running stays, so that registering again does not escape it).
					if Jailed::<T>::get(&who).is_some_and(|until| now >= until) {
						Jailed::<T>::remove(&who);
					}
				}
			} else {
				Unbonding::<T>::insert(&who, chunks);
			}
			Self::deposit_event(Event::Withdrawn { who, amount });
			Ok(())
		}

		/// Leaves jail, once the jail time is over; the caller can be elected again.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::unjail())]
		pub fn unjail(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let until = Jailed::<T>::get(&who).ok_or(Error::<T>::NotJailed)?;
			ensure!(T::Session::session_index() >= until, Error::<T>::StillJailed);
			if let Some(candidate) = Candidates::<T>::get(&who) {
				ensure!(candidate.bond >= T::MinBond::get(), Error::<T>::BondBelowMinimum);
			}
			Jailed::<T>::remove(&who);
			Self::deposit_event(Event::Unjailed { who });
			Ok(())
		}

		/// Sets what each block mints to its author.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_block_reward())]
		pub fn set_block_reward(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			BlockReward::<T>::put(amount);
			Self::deposit_event(Event::BlockRewardSet { amount });
			Ok(())
		}

		/// Sets the least part of an offender's bond slashed for an offence.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_offence_slash())]
		pub fn set_offence_slash(origin: OriginFor<T>, fraction: Perbill) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			OffenceSlash::<T>::put(fraction);
			Self::deposit_event(Event::OffenceSlashSet { fraction });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Elects the set of session `session` (see the module doc); `None` keeps the current set.
		pub(crate) fn elect(session: SessionIndex) -> Option<SetOf<T>> {
			// Candidates who unregistered leave now; their bonds start unbonding.
			let leaving: Vec<_> =
				Candidates::<T>::iter().filter(|(_, candidate)| candidate.leaving).collect();
			for (who, candidate) in leaving {
				Candidates::<T>::remove(&who);
				// It validated in this session, the last one planned with it.
				Self::unbond(who, candidate.bond, T::Session::session_index());
			}

			let mut eligible: Vec<_> = Candidates::<T>::iter()
				.filter(|(who, _)| {
					!Jailed::<T>::contains_key(who) && T::Session::is_registered(who)
				})
				.map(|(who, candidate)| (candidate.bond, who))
				.collect();
			if (eligible.len() as u32) < T::MinValidators::get() {
				Self::deposit_event(Event::SetKept { session, eligible: eligible.len() as u32 });
				return None;
			}
			eligible.sort_by(|(a, x), (b, y)| b.cmp(a).then_with(|| x.cmp(y)));
			let set = SetOf::<T>::truncate_from(eligible.into_iter().map(|(_, who)| who).collect());
			Self::deposit_event(Event::NewSetPlanned { session, validators: set.clone() });
			Some(set)
		}

		/// Starts unbonding `amount` of a former candidate's bond: it unlocks `UnbondingSessions`
		/// after the last session the candidate may validate in (`last`), so that its offences there
		/// can be reported while the bond is held. With no room for another chunk, it joins the last
		/// one (which then unlocks as late).
		fn unbond(who: T::AccountId, amount: BalanceOf<T>, last: SessionIndex) {
			let unlock_session = last.saturating_add(T::UnbondingSessions::get());
			if amount.is_zero() {
				// Slashed to nothing: there is nothing to hold.
				return Self::deposit_event(Event::Left { who, amount, unlock_session });
			}
			Unbonding::<T>::mutate(&who, |chunks| {
				if chunks.try_push((amount, unlock_session)).is_err() {
					if let Some(last) = chunks.last_mut() {
						*last = (last.0.saturating_add(amount), unlock_session);
					}
				}
			});
			Self::deposit_event(Event::Left { who, amount, unlock_session });
		}

		/// The candidate an evicting registration replaces: one that is leaving if any, else the
		/// smallest bond (of equal bonds, the higher account id, which an election would rank last).
		pub(crate) fn smallest() -> Option<(T::AccountId, Candidate<BalanceOf<T>>)> {
			Candidates::<T>::iter().min_by(|(x, a), (y, b)| {
				b.leaving.cmp(&a.leaving).then(a.bond.cmp(&b.bond)).then_with(|| y.cmp(x))
			})
		}

		/// Punishes `who` for an offence in session `session`: slashes `fraction` (at least
		/// [`OffenceSlash`]) of its held bond, pays [`Config::ReporterShare`] of it to the reporters
		/// (not to the offender itself) and burns the rest, and jails it. An earlier punishment that
		/// covers the session counts: only what a larger fraction adds to it is slashed.
		pub(crate) fn punish(
			who: &T::AccountId,
			fraction: Perbill,
			session: SessionIndex,
			reporters: &[T::AccountId],
		) {
			let now = T::Session::session_index();
			let fraction = fraction.max(OffenceSlash::<T>::get());
			let (covered, taken) = match Punished::<T>::get(who) {
				Some((covered, taken)) if session <= covered => {
					if fraction <= taken {
						Self::deposit_event(Event::OffenceCovered {
							who: who.clone(),
							session,
							covered,
						});
						return;
					}
					(covered, taken)
				},
				// Jailed now, it still validates this session and the next (already planned).
				_ => (now.saturating_add(1).max(session), Perbill::zero()),
			};
			Punished::<T>::insert(who, (covered, fraction));
			// Of what the earlier punishment left, the part that makes the total `fraction`.
			let rest = Perbill::one().deconstruct() - taken.deconstruct();
			let cut = Perbill::from_rational(fraction.deconstruct() - taken.deconstruct(), rest);

			let until = now.saturating_add(1).saturating_add(T::JailSessions::get());
			let until = Jailed::<T>::get(who).map_or(until, |jailed| jailed.max(until));
			Jailed::<T>::insert(who, until);
			Self::deposit_event(Event::Jailed { who: who.clone(), session, until });

			let mut amount = BalanceOf::<T>::zero();
			if let Some(mut candidate) = Candidates::<T>::get(who) {
				let part = cut * candidate.bond;
				candidate.bond.saturating_reduce(part);
				amount.saturating_accrue(part);
				Candidates::<T>::insert(who, candidate);
			}
			Unbonding::<T>::mutate_exists(who, |record| {
				if let Some(chunks) = record {
					for (value, _) in chunks.iter_mut() {
						let part = cut * *value;
						value.saturating_reduce(part);
						amount.saturating_accrue(part);
					}
					chunks.retain(|(value, _)| !value.is_zero());
					if chunks.is_empty() {
						*record = None;
					}
				}
			});

			let (mut slashed, _) = T::Currency::slash(&HoldReason::Bond.into(), who, amount);
			let mut reward = BalanceOf::<T>::zero();
			// An offender reporting itself gets nothing back.
			let reporters: Vec<_> = reporters.iter().filter(|reporter| *reporter != who).collect();
			if let Some(count) =
				BalanceOf::<T>::try_from(reporters.len()).ok().filter(|n| !n.is_zero())
			{
				let each = T::ReporterShare::get() * slashed.peek() / count;
				for reporter in reporters {
					let (share, rest) = slashed.split(each);
					slashed = rest;
					let paid = share.peek();
					match T::Currency::resolve(reporter, share) {
						Ok(()) => reward.saturating_accrue(paid),
						// A reporter that cannot receive it (below the existential deposit): burned.
						Err(unpaid) => drop(unpaid),
					}
				}
			}
			// What is left of the slash is burned.
			drop(slashed);
			Self::deposit_event(Event::Slashed { who: who.clone(), session, amount, reward });
		}

		/// Ends session `session`, whose set was `validators`: jails those that authored no block in
		/// it, if it had a slot for each of them and is not the genesis session.
		pub(crate) fn end(session: SessionIndex, validators: Vec<T::AccountId>) {
			// Authors are the session's validators, so this drains a set's worth of entries.
			let authored: alloc::collections::btree_map::BTreeMap<_, _> =
				AuthoredBlocks::<T>::drain().collect();
			let blocks: u32 = authored.values().sum();
			if session == 0 || blocks < validators.len() as u32 {
				return;
			}
			let until = session.saturating_add(1).saturating_add(T::JailSessions::get());
			for who in validators {
				// A former candidate too: it cannot register again to escape.
				if !authored.contains_key(&who) {
					Jailed::<T>::insert(&who, until);
					Self::deposit_event(Event::Jailed { who, session, until });
				}
			}
		}

		/// Rewards the author of the current block and counts the block.
		pub(crate) fn reward(author: T::AccountId) {
			AuthoredBlocks::<T>::mutate(&author, |blocks| *blocks += 1);
			let amount = BlockReward::<T>::get();
			if !amount.is_zero() && T::Currency::mint_into(&author, amount).is_ok() {
				Self::deposit_event(Event::Rewarded { author, amount });
			}
		}

		/// The candidates: (account, bond, leaving).
		pub fn candidates() -> Vec<(T::AccountId, BalanceOf<T>, bool)> {
			let mut all: Vec<_> = Candidates::<T>::iter()
				.map(|(who, candidate)| (who, candidate.bond, candidate.leaving))
				.collect();
			all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
			all
		}

		/// The jailed candidates, with the session from which each can unjail.
		pub fn jailed() -> Vec<(T::AccountId, SessionIndex)> {
			Jailed::<T>::iter().collect()
		}

		/// Checks the pallet's invariants: the bond held by each account is its candidate bond plus its
		/// unbonding chunks; the counted map's counter is right; sets are within bounds; a bond below the
		/// minimum (slashed) is jailed.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use frame_support::traits::fungible::InspectHold;
			let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			let mut count = 0u32;
			for (who, candidate) in Candidates::<T>::iter() {
				count += 1;
				ensure!(
					candidate.bond >= T::MinBond::get() || Jailed::<T>::contains_key(&who),
					"a bond is below the minimum, and its candidate is not jailed for an offence"
				);
				held.entry(who).or_default().saturating_accrue(candidate.bond);
			}
			ensure!(count == Candidates::<T>::count(), "the candidate counter is wrong");
			for (who, chunks) in Unbonding::<T>::iter() {
				ensure!(!chunks.is_empty(), "an empty unbonding record was kept");
				let total = chunks.iter().fold(BalanceOf::<T>::zero(), |sum, (v, _)| sum + *v);
				held.entry(who).or_default().saturating_accrue(total);
			}
			for (who, amount) in held {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::Bond.into(), &who) == amount,
					"an account holds another bond than storage says"
				);
			}
			Ok(())
		}
	}

	impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
		fn new_session(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
			Self::elect(new_index).map(|set| set.into_inner())
		}

		fn end_session(end_index: SessionIndex) {
			Self::end(end_index, T::Session::validators())
		}

		fn start_session(_: SessionIndex) {}
	}

	/// The full identification of a validator for `pallet-session`'s historical proofs: none beyond
	/// its account.
	pub struct IdentifyValidator;
	impl<A> sp_runtime::traits::Convert<A, Option<()>> for IdentifyValidator {
		fn convert(_: A) -> Option<()> {
			Some(())
		}
	}

	/// With historical sessions: each set is noted with a unit identification (an offender is its
	/// account; its bond is read when it is punished), and roots older than `UnbondingSessions` are
	/// pruned.
	impl<T> pallet_session::historical::SessionManager<T::AccountId, ()> for Pallet<T>
	where
		T: Config + pallet_session::historical::Config<FullIdentification = ()>,
	{
		fn new_session(new_index: SessionIndex) -> Option<Vec<(T::AccountId, ())>> {
			pallet_session::historical::Pallet::<T>::prune_up_to(
				new_index.saturating_sub(T::UnbondingSessions::get()),
			);
			<Self as pallet_session::SessionManager<_>>::new_session(new_index)
				.map(|set| set.into_iter().map(|who| (who, ())).collect())
		}

		fn start_session(start_index: SessionIndex) {
			<Self as pallet_session::SessionManager<_>>::start_session(start_index)
		}

		fn end_session(end_index: SessionIndex) {
			<Self as pallet_session::SessionManager<_>>::end_session(end_index)
		}
	}

	/// Offences (from `pallet-offences`): each offender is punished (see [`Pallet::punish`]).
	impl<T: Config, I> OnOffenceHandler<T::AccountId, (T::AccountId, I), Weight> for Pallet<T> {
		fn on_offence(
			offenders: &[OffenceDetails<T::AccountId, (T::AccountId, I)>],
			slash_fraction: &[Perbill],
			session: SessionIndex,
		) -> Weight {
			for (details, fraction) in offenders.iter().zip(slash_fraction) {
				Self::punish(&details.offender.0, *fraction, session, &details.reporters);
			}
			T::WeightInfo::punish().saturating_mul(offenders.len() as u64)
		}
	}

	impl<T: Config> pallet_authorship::EventHandler<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
		fn note_author(author: T::AccountId) {
			Self::reward(author)
		}
	}
}
