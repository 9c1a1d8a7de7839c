//! # Moderation pallet
//!
//! Kith's moderation is decided by its users, under the rulebook they voted, and can be appealed to a
//! different body than the one that decided. No admin key decides anything.
//!
//! ## Terminology
//! - **Rule**: an id, a title (UTF-8, at most 64 bytes), a description (UTF-8 text of at most 1,024
//!   bytes, or the IPFS CID of a longer text) and a [`RuleAction`]: `Label`, `Hide` or `Suspend { blocks
//!   }`. Rule ids are given once from a counter, kept when the rule is amended, never reused.
//! - **Rulebook version**: grows by one with every change; each rule records the version that last set
//!   it, and reports and cases cite `(rule id, version)`.
//! - **Report**: an account says a [`Target`] (a post or an account) broke a rule, holding
//!   [`Config::ReportDeposit`]. One open report per reporter and target.
//! - **Case**: opens when [`Config::ReportThreshold`] distinct reporters reported a target under the same
//!   rule, or when anyone pays [`Config::CaseDeposit`] to [`Pallet::escalate`]. At most one case per
//!   target is voting at a time. Token holders vote by freezing balance; the case closes after the
//!   voting period in the initialization of its closing block.
//! - **Enforcement**: what an upheld case does. `Label`: the post or account carries the rule's label.
//!   `Hide`: the post is hidden (feeds and runtime APIs report it so; its content stays on chain as the
//!   author left it; only posts can be hidden). `Suspend { blocks }`: the account (a post's author, for a
//!   post) cannot create posts, replies, reactions or tips until that many blocks after the decision.
//!   Suspensions expire lazily: [`kith_primitives::ModerationStatus::is_suspended`] compares the end
//!   block with the current block, so no event marks the expiry and nothing runs when it comes.
//! - **Jury**: an appeal against an upheld case is decided by [`Config::JurySize`] jurors drawn at random
//!   from a bonded jury pool, excluding the author, the reporters, the escalator and every account that
//!   voted on the case.
//!
//! ## Calls
//! - Rulebook, from [`Config::RulesOrigin`] (in the Kith runtime: a referendum on the
//!   `moderation_rules` track): [`Pallet::set_rulebook`] (replace it all: entries with an id keep or
//!   amend that rule, entries without add rules, rules left out retire), [`Pallet::add_rule`],
//!   [`Pallet::amend_rule`], [`Pallet::retire_rule`], and [`Pallet::set_periods`] (voting, appeal and
//!   jury periods).
//! - Reports, signed: [`Pallet::report`], [`Pallet::withdraw_report`] (while not part of a case),
//!   [`Pallet::escalate`].
//! - Cases, signed: [`Pallet::vote_case`] (freeze an amount as the vote's weight; voting again replaces
//!   the vote), [`Pallet::unlock`] (anyone, for any account: release the freeze of votes on closed
//!   cases, as `pallet-conviction-voting` does).
//! - Jury, signed: [`Pallet::join_jury_pool`], [`Pallet::leave_jury_pool`] (effective once the juror's
//!   pending duties end), [`Pallet::appeal`] (only the affected author, within the appeal window),
//!   [`Pallet::jury_vote`] (only drawn jurors, until the jury's period ends).
//!
//! ## Hooks
//! `on_initialize` runs what is due in the block from the `Agenda`: closing cases, drawing juries and
//! taking jury decisions. At most [`Config::MaxDuePerBlock`] items are due in any block (an item that
//! would overflow a block goes to the next one with room), so the work per block is bounded.
//!
//! ## Randomness
//! Juries are drawn with [`Config::Randomness`] in the block *after* the appeal, so the appellant cannot
//! know or pick the draw when appealing. In the Kith runtime it is the parent block's hash: with Aura
//! there is no VRF, and the hash of the previous block is the best entropy on chain. Its limit: the author
//! of the block that contains the appeal can try different block contents (ordering, including or
//! leaving out transactions) and pick a hash that draws a jury it likes, or not produce the block. A
//! validator colluding with an appellant can therefore bias the draw among the eligible jurors; nobody
//! else can.
//!
//! ## Storage
//! Rulebook: `Rules`, `RuleCount`, `NextRuleId`, `RulebookVersion`, `CurrentPeriods`. Reports: `Reports`
//! (target, reporter) and `Pending` (reporters per target and rule not yet in a case). Cases: `Cases`,
//! `NextCaseId`, `OpenCase` (the voting case of a target), `Undecided` (cases voting or under appeal),
//! `CaseVotes`, `VoteLocks` (each voter's frozen votes), `Agenda`. Enforcement: `Enforced`. Jury:
//! `Jurors`, `JurorSlots` and `JurorCount` (the draw list), `JuryVotes`.
//!
//! ## Economics
//! - A report holds [`Config::ReportDeposit`]; an escalation [`Config::CaseDeposit`]. Upheld: returned.
//!   Rejected or without quorum: slashed to [`Config::Slashed`] (the creator reward pool in Kith), so
//!   false reports cost something.
//! - A vote freezes its amount until the case closes (then [`Pallet::unlock`] releases it).
//! - An appeal holds [`Config::AppealDeposit`]: returned if overturned, otherwise paid to the jurors who
//!   voted. A drawn juror who does not vote loses [`Config::JurorNoShowSlash`] of its bond to the jurors
//!   who did (to [`Config::Slashed`] if none did).
//! - A juror holds its bond ([`Config::MinJurorBond`] at least) while in the pool.
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

/// The community rulebook, reports, cases and appeals.
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::{collections::btree_set::BTreeSet, vec::Vec};
	use codec::Encode;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, Balanced, BalancedHold, Inspect, Mutate, MutateFreeze, MutateHold},
			tokens::Precision,
			Imbalance, OnUnbalanced, Randomness,
		},
	};
	use frame_system::pallet_prelude::*;
	use kith_primitives::{ModerationStatus, OnEnforced, PostAuthors};
	use sp_runtime::traits::{Saturating, Zero};

	/// A rule in a runtime.
	pub type RuleOf<T> = Rule<BlockNumberFor<T>>;
	/// A proposed rule in a runtime.
	pub type RuleInputOf<T> = RuleInput<BlockNumberFor<T>>;
	/// A `set_rulebook` entry in a runtime.
	pub type RulebookEntryOf<T> = RulebookEntry<BlockNumberFor<T>>;
	/// The rule changes of one rulebook change in a runtime.
	pub type RuleChangesOf<T> = RuleChanges<<T as Config>::MaxRules>;
	/// A balance of the runtime's currency.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// Funds taken from an account (slashed), to be put somewhere.
	pub type CreditOf<T> =
		fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;
	/// A target in a runtime.
	pub type TargetOf<T> = Target<<T as frame_system::Config>::AccountId>;
	/// A report in a runtime.
	pub type ReportOf<T> = Report<BalanceOf<T>, BlockNumberFor<T>>;
	/// A case in a runtime.
	pub type CaseOf<T> = Case<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		BlockNumberFor<T>,
		<T as Config>::MaxReporters,
		<T as Config>::JurySize,
	>;
	/// An appeal in a runtime.
	pub type AppealOf<T> = Appeal<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		BlockNumberFor<T>,
		<T as Config>::JurySize,
	>;
	/// An enforcement record in a runtime.
	pub type EnforcementOf<T> = Enforcement<BlockNumberFor<T>, <T as Config>::MaxLabels>;
	/// The reporters of a case in a runtime.
	pub type ReportersOf<T> =
		BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxReporters>;
	/// A drawn jury in a runtime.
	pub type JuryOf<T> =
		BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::JurySize>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The native currency: deposits and bonds are held, votes frozen, slashes taken from holds.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ BalancedHold<Self::AccountId>
			+ MutateFreeze<Self::AccountId, Id = Self::RuntimeFreezeReason>;

		/// The runtime's hold reasons.
		type RuntimeHoldReason: From<HoldReason>;

		/// The runtime's freeze reasons.
		type RuntimeFreezeReason: From<FreezeReason>;

		/// Who wrote which post.
		type Posts: PostAuthors<Self::AccountId>;

		/// Where juries are drawn from (see the module doc on its limits).
		type Randomness: Randomness<Self::Hash, BlockNumberFor<Self>>;

		/// Where slashed deposits and bonds go that no juror receives (in Kith: the creator reward pool).
		type Slashed: OnUnbalanced<CreditOf<Self>>;

		/// Told when an upheld case hides a post or suspends an account (in Kith: the creator reward
		/// pool, which stops paying for them).
		type OnEnforced: OnEnforced<Self::AccountId>;

		/// Who may change the rulebook and the periods.
		type RulesOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The most rules the rulebook holds.
		#[pallet::constant]
		type MaxRules: Get<u32>;

		/// What a report holds.
		#[pallet::constant]
		type ReportDeposit: Get<BalanceOf<Self>>;

		/// How many distinct reporters of a target under one rule open a case.
		#[pallet::constant]
		type ReportThreshold: Get<u32>;

		/// The most reporters one case (or the reports waiting under one rule) can have.
		#[pallet::constant]
		type MaxReporters: Get<u32>;

		/// What opening a case with [`Pallet::escalate`] holds.
		#[pallet::constant]
		type CaseDeposit: Get<BalanceOf<Self>>;

		/// The least vote weight (uphold and reject together) a case needs to be upheld.
		#[pallet::constant]
		type MinCaseTurnout: Get<BalanceOf<Self>>;

		/// On how many cases one account can have votes frozen at once.
		#[pallet::constant]
		type MaxVotesPerAccount: Get<u32>;

		/// The most items (closings, draws, decisions) due in one block.
		#[pallet::constant]
		type MaxDuePerBlock: Get<u32>;

		/// The periods until governance sets others.
		#[pallet::constant]
		type DefaultPeriods: Get<Periods<BlockNumberFor<Self>>>;

		/// What an appeal holds.
		#[pallet::constant]
		type AppealDeposit: Get<BalanceOf<Self>>;

		/// How many jurors decide an appeal.
		#[pallet::constant]
		type JurySize: Get<u32>;

		/// How many jurors must vote for an appeal to be overturned (at least two thirds of them
		/// voting to overturn).
		#[pallet::constant]
		type JuryQuorum: Get<u32>;

		/// The smallest juror bond.
		#[pallet::constant]
		type MinJurorBond: Get<BalanceOf<Self>>;

		/// What a drawn juror who does not vote loses of its bond.
		#[pallet::constant]
		type JurorNoShowSlash: Get<BalanceOf<Self>>;

		/// The most jurors in the pool.
		#[pallet::constant]
		type MaxJurors: Get<u32>;

		/// How many pool members a draw looks at, at most, to find a jury of eligible jurors.
		#[pallet::constant]
		type MaxJuryDraws: Get<u32>;

		/// The most rule labels one target carries (the oldest goes when another comes).
		#[pallet::constant]
		type MaxLabels: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A report's deposit.
		#[codec(index = 0)]
		Report,
		/// The deposit of an escalated case.
		#[codec(index = 1)]
		Escalation,
		/// An appeal's deposit.
		#[codec(index = 2)]
		Appeal,
		/// A juror's bond.
		#[codec(index = 3)]
		JurorBond,
	}

	/// Why this pallet freezes funds.
	#[pallet::composite_enum]
	pub enum FreezeReason {
		/// Balance voted on cases that are open.
		#[codec(index = 0)]
		CaseVote,
	}

	/// The rules in force, by id.
	#[pallet::storage]
	pub type Rules<T: Config> = StorageMap<_, Twox64Concat, RuleId, RuleOf<T>>;

	/// How many rules are in force.
	#[pallet::storage]
	pub type RuleCount<T> = StorageValue<_, u32, ValueQuery>;

	/// The id the next new rule gets.
	#[pallet::storage]
	pub type NextRuleId<T> = StorageValue<_, RuleId, ValueQuery>;

	/// The rulebook's version: one more with every change.
	#[pallet::storage]
	pub type RulebookVersion<T> = StorageValue<_, Version, ValueQuery>;

	/// The voting, appeal and jury periods.
	#[pallet::storage]
	pub type CurrentPeriods<T: Config> =
		StorageValue<_, Periods<BlockNumberFor<T>>, ValueQuery, T::DefaultPeriods>;

	/// Open reports: target → reporter → report.
	#[pallet::storage]
	pub type Reports<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		TargetOf<T>,
		Blake2_128Concat,
		T::AccountId,
		ReportOf<T>,
	>;

	/// The reporters of a target under a rule whose reports are not part of a case yet.
	#[pallet::storage]
	pub type Pending<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		TargetOf<T>,
		Twox64Concat,
		RuleId,
		ReportersOf<T>,
		ValueQuery,
	>;

	/// The id the next case gets.
	#[pallet::storage]
	pub type NextCaseId<T> = StorageValue<_, CaseId, ValueQuery>;

	/// Every case, by id (kept after it is decided, as its record).
	#[pallet::storage]
	pub type Cases<T: Config> = StorageMap<_, Twox64Concat, CaseId, CaseOf<T>>;

	/// The case of a target that token holders are voting on.
	#[pallet::storage]
	pub type OpenCase<T: Config> = StorageMap<_, Blake2_128Concat, TargetOf<T>, CaseId>;

	/// The cases not decided yet: voting, or under appeal.
	#[pallet::storage]
	pub type Undecided<T> = StorageMap<_, Twox64Concat, CaseId, ()>;

	/// Token holders' votes: case → voter → vote.
	#[pallet::storage]
	pub type CaseVotes<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		CaseId,
		Blake2_128Concat,
		T::AccountId,
		CaseVote<BalanceOf<T>>,
	>;

	/// Each voter's frozen votes: (case, amount, the block the case closes at). The freeze is the
	/// largest amount among them.
	#[pallet::storage]
	pub type VoteLocks<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<(CaseId, BalanceOf<T>, BlockNumberFor<T>), T::MaxVotesPerAccount>,
		ValueQuery,
	>;

	/// What is due in each block's initialization.
	#[pallet::storage]
	pub type Agenda<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<Due, T::MaxDuePerBlock>,
		ValueQuery,
	>;

	/// What moderation enforces on each target.
	#[pallet::storage]
	pub type Enforced<T: Config> = StorageMap<_, Blake2_128Concat, TargetOf<T>, EnforcementOf<T>>;

	/// The jury pool.
	#[pallet::storage]
	pub type Jurors<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Juror<BalanceOf<T>>>;

	/// The jurors that can be drawn, by slot `0..JurorCount`.
	#[pallet::storage]
	pub type JurorSlots<T: Config> = StorageMap<_, Twox64Concat, u32, T::AccountId>;

	/// How many jurors can be drawn.
	#[pallet::storage]
	pub type JurorCount<T> = StorageValue<_, u32, ValueQuery>;

	/// Jurors' votes: case → juror → whether it votes to overturn.
	#[pallet::storage]
	pub type JuryVotes<T: Config> =
		StorageDoubleMap<_, Twox64Concat, CaseId, Blake2_128Concat, T::AccountId, bool>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The first rulebook (version 1 if not empty) as (title, UTF-8 description, action, with
		/// suspensions in blocks); ids are given from 0 in this order.
		pub rules: Vec<(Vec<u8>, Vec<u8>, RuleAction<u32>)>,
		/// The periods in blocks, if not the runtime's defaults (development chains shorten them).
		pub periods: Option<Periods<u32>>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let entries: Vec<_> = self
				.rules
				.iter()
				.map(|(title, description, action)| RulebookEntry {
					id: None,
					rule: RuleInput {
						title: title.clone().try_into().expect("a genesis rule title fits"),
						description: RuleDescription::Text(
							description.clone().try_into().expect("a genesis rule text fits"),
						),
						action: match *action {
							RuleAction::Label => RuleAction::Label,
							RuleAction::Hide => RuleAction::Hide,
							RuleAction::Suspend { blocks } => {
								RuleAction::Suspend { blocks: blocks.into() }
							},
						},
					},
				})
				.collect();
			let entries = entries.try_into().expect("the genesis rulebook fits MaxRules");
			if !self.rules.is_empty() {
				Pallet::<T>::do_set_rulebook(entries).expect("the genesis rulebook is valid");
			}
			if let Some(Periods { case_voting, appeal_window, jury }) = self.periods {
				CurrentPeriods::<T>::put(Periods {
					case_voting: case_voting.into(),
					appeal_window: appeal_window.into(),
					jury: jury.into(),
				});
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The rulebook changed and is now at `version`.
		RulebookChanged {
			version: Version,
			added: BoundedVec<RuleId, T::MaxRules>,
			amended: BoundedVec<RuleId, T::MaxRules>,
			retired: BoundedVec<RuleId, T::MaxRules>,
		},
		/// Governance set new periods.
		PeriodsChanged { periods: Periods<BlockNumberFor<T>> },
		/// `reporter` reported `target` under `rule` (set by rulebook `version`), holding `deposit`;
		/// `case` is the case the report joined, if one is open under that rule.
		Reported {
			target: TargetOf<T>,
			reporter: T::AccountId,
			rule: RuleId,
			version: Version,
			deposit: BalanceOf<T>,
			case: Option<CaseId>,
		},
		/// `reporter` withdrew its report on `target` and got its deposit back.
		ReportWithdrawn { target: TargetOf<T>, reporter: T::AccountId },
		/// A case opened on `target` under `rule`; token holders vote until `closes`.
		CaseOpened {
			case_id: CaseId,
			target: TargetOf<T>,
			affected: T::AccountId,
			rule: RuleId,
			version: Version,
			reporters: u32,
			escalator: Option<T::AccountId>,
			closes: BlockNumberFor<T>,
		},
		/// `voter` voted on a case with `amount` frozen (replacing any earlier vote of its own).
		CaseVoted { case_id: CaseId, voter: T::AccountId, uphold: bool, amount: BalanceOf<T> },
		/// The votes of `who` on closed cases were released; `frozen` stays frozen for open ones.
		VotesUnlocked { who: T::AccountId, frozen: BalanceOf<T> },
		/// Token holders decided a case: `action` applied if upheld; `slashed` is what the reporters
		/// and the escalator lost if not.
		CaseClosed {
			case_id: CaseId,
			upheld: bool,
			action: Option<RuleAction<BlockNumberFor<T>>>,
			uphold: BalanceOf<T>,
			reject: BalanceOf<T>,
			slashed: BalanceOf<T>,
		},
		/// `who` joined the jury pool, holding `bond`.
		JurorJoined { who: T::AccountId, bond: BalanceOf<T> },
		/// `who` can no longer be drawn and leaves the pool once its `duties` juries end.
		JurorLeaving { who: T::AccountId, duties: u32 },
		/// `who` left the jury pool and got `bond` back.
		JurorLeft { who: T::AccountId, bond: BalanceOf<T> },
		/// The author appealed a case, holding `deposit`; the jury is drawn in the next block.
		Appealed { case_id: CaseId, appellant: T::AccountId, deposit: BalanceOf<T> },
		/// The jury of an appeal was drawn; it votes until `decides_at`.
		JuryDrawn { case_id: CaseId, jury: JuryOf<T>, decides_at: BlockNumberFor<T> },
		/// Too few eligible jurors could be drawn (or the agenda had no room for the decision): the
		/// appeal is dropped and its deposit returned (the author may appeal again within the window).
		AppealDropped { case_id: CaseId },
		/// A juror voted on an appeal.
		JuryVoted { case_id: CaseId, juror: T::AccountId, overturn: bool },
		/// A drawn juror did not vote and lost `amount` of its bond.
		JurorSlashed { case_id: CaseId, juror: T::AccountId, amount: BalanceOf<T> },
		/// The jury decided: `overturned` lifts the enforcement. `paid` went to the jurors who voted.
		AppealDecided {
			case_id: CaseId,
			overturned: bool,
			overturn: u32,
			keep: u32,
			paid: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A rule needs a title.
		EmptyTitle,
		/// A title, description or note is not valid UTF-8.
		NotUtf8,
		/// A description's content reference is not an IPFS CID.
		InvalidContentRef,
		/// There is no rule in force with this id.
		UnknownRule,
		/// The same rule id appears twice.
		DuplicateRule,
		/// The rulebook would have more rules than allowed.
		TooManyRules,
		/// There is no post with this id.
		UnknownPost,
		/// The post was deleted by its author.
		PostDeleted,
		/// You cannot report or escalate against yourself or your own post.
		OwnTarget,
		/// This rule's action cannot apply to this target: only posts can be hidden.
		NotApplicable,
		/// You already have an open report on this target.
		AlreadyReported,
		/// The case or the waiting reports under this rule have as many reporters as allowed.
		TooManyReporters,
		/// You have no open report on this target.
		NoReport,
		/// The report is part of a case and stays until the case closes.
		ReportInCase,
		/// Token holders are already voting on a case about this target.
		CaseAlreadyOpen,
		/// There is no case with this id.
		UnknownCase,
		/// The case is not open for votes.
		NotVoting,
		/// A vote needs a non-zero amount.
		ZeroVote,
		/// The amount is more than your balance.
		InsufficientFunds,
		/// You have votes frozen on as many open cases as allowed.
		TooManyVotes,
		/// Every block the item could be scheduled in is full; try again in a few blocks.
		AgendaFull,
		/// You are already in the jury pool.
		AlreadyJuror,
		/// The bond is below the minimum juror bond.
		BondTooLow,
		/// The jury pool is full.
		JuryPoolFull,
		/// You are not in the jury pool.
		NotJuror,
		/// You are already leaving the jury pool.
		AlreadyLeaving,
		/// Only the author the case affects can appeal it.
		NotAffected,
		/// Only an upheld case that was not appealed can be appealed.
		NotAppealable,
		/// The appeal window of this case has passed.
		AppealWindowOver,
		/// The jury pool has fewer members than a jury.
		NotEnoughJurors,
		/// You were not drawn for this case's jury.
		NotOnJury,
		/// The jury of this case is not voting (not drawn yet, or decided).
		JuryNotVoting,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let due = Agenda::<T>::take(now);
			let mut weight = T::DbWeight::get().reads_writes(1, 1);
			for item in due {
				weight.saturating_accrue(match item {
					Due::CloseCase(case_id) => {
						T::WeightInfo::close_case(Self::close_case(case_id, now))
							.saturating_add(T::OnEnforced::weight())
					},
					Due::DrawJury(case_id) => {
						Self::draw_jury(case_id, now);
						T::WeightInfo::draw_jury()
					},
					Due::DecideAppeal(case_id) => {
						Self::decide_appeal(case_id, now);
						T::WeightInfo::decide_appeal()
					},
				});
			}
			weight
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Replaces the rulebook with `entries`: an entry with an id keeps that rule (amended if it
		/// differs), an entry without one adds a rule, and every rule left out is retired.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_rulebook(entries.len() as u32, T::MaxRules::get()))]
		pub fn set_rulebook(
			origin: OriginFor<T>,
			entries: BoundedVec<RulebookEntryOf<T>, T::MaxRules>,
		) -> DispatchResult {
			T::RulesOrigin::ensure_origin(origin)?;
			Self::do_set_rulebook(entries)
		}

		/// Adds `rule` with the next id.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::add_rule())]
		pub fn add_rule(origin: OriginFor<T>, rule: RuleInputOf<T>) -> DispatchResult {
			T::RulesOrigin::ensure_origin(origin)?;
			Self::check(&rule)?;
			ensure!(RuleCount::<T>::get() < T::MaxRules::get(), Error::<T>::TooManyRules);
			let version = RulebookVersion::<T>::get() + 1;
			let id = Self::insert_new(rule, version);
			Self::changed(version, alloc::vec![id], Vec::new(), Vec::new());
			Ok(())
		}

		/// Replaces the title, description and action of rule `id`, keeping its id.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::amend_rule())]
		pub fn amend_rule(
			origin: OriginFor<T>,
			id: RuleId,
			rule: RuleInputOf<T>,
		) -> DispatchResult {
			T::RulesOrigin::ensure_origin(origin)?;
			Self::check(&rule)?;
			ensure!(Rules::<T>::contains_key(id), Error::<T>::UnknownRule);
			let version = RulebookVersion::<T>::get() + 1;
			Rules::<T>::insert(id, Self::rule(id, rule, version));
			Self::changed(version, Vec::new(), alloc::vec![id], Vec::new());
			Ok(())
		}

		/// Retires rule `id`; its id is never given again. Cases already open under it go on under
		/// the rule as it was when they opened.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::retire_rule())]
		pub fn retire_rule(origin: OriginFor<T>, id: RuleId) -> DispatchResult {
			T::RulesOrigin::ensure_origin(origin)?;
			Rules::<T>::take(id).ok_or(Error::<T>::UnknownRule)?;
			RuleCount::<T>::mutate(|count| *count -= 1);
			let version = RulebookVersion::<T>::get() + 1;
			Self::changed(version, Vec::new(), Vec::new(), alloc::vec![id]);
			Ok(())
		}

		/// Reports `target` (a post or an account) for breaking rule `rule_id` of the current
		/// rulebook, with a UTF-8 `note` of at most 280 bytes, holding the report deposit. The report
		/// joins the voting case on the target under the same rule if there is one; otherwise it waits,
		/// and the report that brings the rule's reporters to the threshold opens a case (unless
		/// another case on the target is voting).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::report())]
		pub fn report(
			origin: OriginFor<T>,
			target: TargetOf<T>,
			rule_id: RuleId,
			note: Note,
		) -> DispatchResult {
			let reporter = ensure_signed(origin)?;
			core::str::from_utf8(&note).map_err(|_| Error::<T>::NotUtf8)?;
			let (rule, affected) = Self::check_target(&reporter, &target, rule_id)?;
			ensure!(!Reports::<T>::contains_key(&target, &reporter), Error::<T>::AlreadyReported);
			let now = frame_system::Pallet::<T>::block_number();

			let open = OpenCase::<T>::get(&target)
				.and_then(|id| Cases::<T>::get(id).map(|case| (id, case)));
			let case_open = open.is_some();
			let joined = match open {
				Some((case_id, mut case)) if case.rule == rule_id => {
					case.reporters
						.try_push(reporter.clone())
						.map_err(|_| Error::<T>::TooManyReporters)?;
					Cases::<T>::insert(case_id, case);
					Some(case_id)
				},
				_ => None,
			};
			let mut opened = None;
			if joined.is_none() {
				let mut pending = Pending::<T>::get(&target, rule_id);
				pending.try_push(reporter.clone()).map_err(|_| Error::<T>::TooManyReporters)?;
				if !case_open && pending.len() as u32 >= T::ReportThreshold::get() {
					Pending::<T>::remove(&target, rule_id);
					opened = Some((pending, now));
				} else {
					Pending::<T>::insert(&target, rule_id, pending);
				}
			}

			let deposit = T::ReportDeposit::get();
			T::Currency::hold(&HoldReason::Report.into(), &reporter, deposit)?;
			Reports::<T>::insert(
				&target,
				&reporter,
				Report { rule: rule_id, version: rule.version, note, deposit, at: now },
			);
			let case = match opened {
				Some((reporters, now)) => {
					Some(Self::open_case(target.clone(), affected, &rule, reporters, None, now)?)
				},
				None => joined,
			};
			Self::deposit_event(Event::Reported {
				target,
				reporter,
				rule: rule_id,
				version: rule.version,
				deposit,
				case,
			});
			Ok(())
		}

		/// Withdraws the caller's report on `target` and returns its deposit, while the report is not
		/// part of a case.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::withdraw_report())]
		pub fn withdraw_report(origin: OriginFor<T>, target: TargetOf<T>) -> DispatchResult {
			let reporter = ensure_signed(origin)?;
			let report = Reports::<T>::get(&target, &reporter).ok_or(Error::<T>::NoReport)?;
			let mut pending = Pending::<T>::get(&target, report.rule);
			let at = pending.iter().position(|r| r == &reporter).ok_or(Error::<T>::ReportInCase)?;
			pending.remove(at);
			if pending.is_empty() {
				Pending::<T>::remove(&target, report.rule);
			} else {
				Pending::<T>::insert(&target, report.rule, pending);
			}
			Reports::<T>::remove(&target, &reporter);
			Self::release(HoldReason::Report, &reporter, report.deposit);
			Self::deposit_event(Event::ReportWithdrawn { target, reporter });
			Ok(())
		}

		/// Opens a case on `target` under rule `rule_id` now, holding the case deposit. Reports
		/// waiting under that rule become part of it.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::escalate())]
		pub fn escalate(
			origin: OriginFor<T>,
			target: TargetOf<T>,
			rule_id: RuleId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (rule, affected) = Self::check_target(&who, &target, rule_id)?;
			ensure!(!OpenCase::<T>::contains_key(&target), Error::<T>::CaseAlreadyOpen);
			let deposit = T::CaseDeposit::get();
			T::Currency::hold(&HoldReason::Escalation.into(), &who, deposit)?;
			let reporters = Pending::<T>::take(&target, rule_id);
			let now = frame_system::Pallet::<T>::block_number();
			Self::open_case(target, affected, &rule, reporters, Some((who, deposit)), now)?;
			Ok(())
		}

		/// Votes on case `case_id`: `uphold` the reports or not, with `amount` of the caller's balance
		/// frozen as the vote's weight until the case closes. Voting again replaces the vote.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::vote_case())]
		pub fn vote_case(
			origin: OriginFor<T>,
			case_id: CaseId,
			uphold: bool,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let voter = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroVote);
			ensure!(amount <= T::Currency::total_balance(&voter), Error::<T>::InsufficientFunds);
			let mut case = Cases::<T>::get(case_id).ok_or(Error::<T>::UnknownCase)?;
			ensure!(case.status == CaseStatus::Voting, Error::<T>::NotVoting);
			let now = frame_system::Pallet::<T>::block_number();

			let mut locks = Self::live_locks(&voter, now);
			locks.retain(|(id, ..)| *id != case_id);
			locks.try_push((case_id, amount, case.closes)).map_err(|_| Error::<T>::TooManyVotes)?;
			if let Some(old) = CaseVotes::<T>::get(case_id, &voter) {
				Self::tally(&mut case, old, false);
			}
			let vote = CaseVote { uphold, amount };
			Self::tally(&mut case, vote, true);
			Self::set_locks(&voter, locks)?;
			CaseVotes::<T>::insert(case_id, &voter, vote);
			Cases::<T>::insert(case_id, case);
			Self::deposit_event(Event::CaseVoted { case_id, voter, uphold, amount });
			Ok(())
		}

		/// Releases the freeze of `who`'s votes on cases that have closed (anyone may call it).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::unlock())]
		pub fn unlock(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			ensure_signed(origin)?;
			let now = frame_system::Pallet::<T>::block_number();
			let locks = Self::live_locks(&who, now);
			let frozen = Self::set_locks(&who, locks)?;
			Self::deposit_event(Event::VotesUnlocked { who, frozen });
			Ok(())
		}

		/// Joins the jury pool, holding `bond` (at least the minimum juror bond).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::join_jury_pool())]
		pub fn join_jury_pool(origin: OriginFor<T>, bond: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!Jurors::<T>::contains_key(&who), Error::<T>::AlreadyJuror);
			ensure!(bond >= T::MinJurorBond::get(), Error::<T>::BondTooLow);
			let slot = JurorCount::<T>::get();
			ensure!(slot < T::MaxJurors::get(), Error::<T>::JuryPoolFull);
			T::Currency::hold(&HoldReason::JurorBond.into(), &who, bond)?;
			JurorSlots::<T>::insert(slot, &who);
			JurorCount::<T>::put(slot + 1);
			Jurors::<T>::insert(&who, Juror { bond, duties: 0, slot: Some(slot) });
			Self::deposit_event(Event::JurorJoined { who, bond });
			Ok(())
		}

		/// Leaves the jury pool: the caller can no longer be drawn at once, and gets its bond back
		/// once the juries it sits on have decided.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::leave_jury_pool())]
		pub fn leave_jury_pool(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut juror = Jurors::<T>::get(&who).ok_or(Error::<T>::NotJuror)?;
			let slot = juror.slot.take().ok_or(Error::<T>::AlreadyLeaving)?;
			Self::free_slot(slot);
			if juror.duties == 0 {
				Self::retire_juror(&who, juror);
			} else {
				Self::deposit_event(Event::JurorLeaving { who: who.clone(), duties: juror.duties });
				Jurors::<T>::insert(&who, juror);
			}
			Ok(())
		}

		/// Appeals upheld case `case_id`, holding the appeal deposit: only the author the case
		/// affects, within the appeal window, once per case. A jury is drawn in the next block.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::appeal())]
		pub fn appeal(origin: OriginFor<T>, case_id: CaseId) -> DispatchResult {
			let appellant = ensure_signed(origin)?;
			let mut case = Cases::<T>::get(case_id).ok_or(Error::<T>::UnknownCase)?;
			ensure!(case.affected == appellant, Error::<T>::NotAffected);
			let CaseStatus::Upheld { at } = case.status else {
				return Err(Error::<T>::NotAppealable.into());
			};
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(
				now <= at.saturating_add(CurrentPeriods::<T>::get().appeal_window),
				Error::<T>::AppealWindowOver
			);
			ensure!(JurorCount::<T>::get() >= T::JurySize::get(), Error::<T>::NotEnoughJurors);
			Self::schedule(now.saturating_add(1u32.into()), Due::DrawJury(case_id))?;
			let deposit = T::AppealDeposit::get();
			T::Currency::hold(&HoldReason::Appeal.into(), &appellant, deposit)?;
			case.status = CaseStatus::Appealed;
			case.appeal = Some(Appeal {
				appellant: appellant.clone(),
				deposit,
				upheld_at: at,
				jury: BoundedVec::new(),
				decides_at: None,
				overturn: 0,
				keep: 0,
			});
			Cases::<T>::insert(case_id, case);
			Undecided::<T>::insert(case_id, ());
			Self::deposit_event(Event::Appealed { case_id, appellant, deposit });
			Ok(())
		}

		/// Votes, as a drawn juror of case `case_id`'s appeal, to `overturn` the decision or keep it.
		/// Voting again replaces the vote.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::jury_vote())]
		pub fn jury_vote(origin: OriginFor<T>, case_id: CaseId, overturn: bool) -> DispatchResult {
			let juror = ensure_signed(origin)?;
			let mut case = Cases::<T>::get(case_id).ok_or(Error::<T>::UnknownCase)?;
			let now = frame_system::Pallet::<T>::block_number();
			let appeal = case.appeal.as_mut().ok_or(Error::<T>::JuryNotVoting)?;
			ensure!(
				case.status == CaseStatus::Appealed
					&& appeal.decides_at.is_some_and(|decides_at| now < decides_at),
				Error::<T>::JuryNotVoting
			);
			ensure!(appeal.jury.contains(&juror), Error::<T>::NotOnJury);
			match JuryVotes::<T>::get(case_id, &juror) {
				Some(true) => appeal.overturn -= 1,
				Some(false) => appeal.keep -= 1,
				None => {},
			}
			if overturn {
				appeal.overturn += 1;
			} else {
				appeal.keep += 1;
			}
			JuryVotes::<T>::insert(case_id, &juror, overturn);
			Cases::<T>::insert(case_id, case);
			Self::deposit_event(Event::JuryVoted { case_id, juror, overturn });
			Ok(())
		}

		/// Sets the case voting period, the appeal window and the jury period.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::set_periods())]
		pub fn set_periods(
			origin: OriginFor<T>,
			periods: Periods<BlockNumberFor<T>>,
		) -> DispatchResult {
			T::RulesOrigin::ensure_origin(origin)?;
			CurrentPeriods::<T>::put(periods);
			Self::deposit_event(Event::PeriodsChanged { periods });
			Ok(())
		}
	}

	impl<T: Config> ModerationStatus<T::AccountId> for Pallet<T> {
		fn is_suspended(who: &T::AccountId) -> bool {
			let now = frame_system::Pallet::<T>::block_number();
			Enforced::<T>::get(Target::Account(who.clone()))
				.and_then(|e| e.suspended)
				.is_some_and(|(until, _)| now < until)
		}

		fn is_hidden(post: kith_primitives::PostId) -> bool {
			Enforced::<T>::get(Target::Post(post)).is_some_and(|e| e.hidden.is_some())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Checks a proposed rule: a non-empty UTF-8 title, a UTF-8 description or a CID.
		fn check(rule: &RuleInputOf<T>) -> DispatchResult {
			ensure!(!rule.title.is_empty(), Error::<T>::EmptyTitle);
			let utf8 = |bytes: &[u8]| {
				core::str::from_utf8(bytes).map(|_| ()).map_err(|_| Error::<T>::NotUtf8)
			};
			utf8(&rule.title)?;
			match &rule.description {
				RuleDescription::Text(text) => {
					utf8(text)?;
				},
				RuleDescription::Content(cid) => {
					ensure!(kith_primitives::is_valid_cid(cid), Error::<T>::InvalidContentRef)
				},
			}
			Ok(())
		}

		/// The stored form of `rule` under `id`, set by `version`.
		fn rule(id: RuleId, rule: RuleInputOf<T>, version: Version) -> RuleOf<T> {
			Rule {
				id,
				title: rule.title,
				description: rule.description,
				action: rule.action,
				version,
			}
		}

		/// Stores `rule` under the next id and returns the id.
		fn insert_new(rule: RuleInputOf<T>, version: Version) -> RuleId {
			let id = NextRuleId::<T>::mutate(|next| {
				let id = *next;
				*next += 1;
				id
			});
			Rules::<T>::insert(id, Self::rule(id, rule, version));
			RuleCount::<T>::mutate(|count| *count += 1);
			id
		}

		/// Sets the new `version` and announces the changed rules.
		fn changed(
			version: Version,
			added: Vec<RuleId>,
			amended: Vec<RuleId>,
			retired: Vec<RuleId>,
		) {
			RulebookVersion::<T>::put(version);
			// Each list holds at most MaxRules ids: the rulebook had or has at most that many rules.
			let bound = |ids: Vec<RuleId>| BoundedVec::truncate_from(ids);
			Self::deposit_event(Event::RulebookChanged {
				version,
				added: bound(added),
				amended: bound(amended),
				retired: bound(retired),
			});
		}

		/// Replaces the rulebook (see [`Pallet::set_rulebook`]).
		pub(crate) fn do_set_rulebook(
			entries: BoundedVec<RulebookEntryOf<T>, T::MaxRules>,
		) -> DispatchResult {
			let mut kept = BTreeSet::new();
			for entry in &entries {
				Self::check(&entry.rule)?;
				if let Some(id) = entry.id {
					ensure!(Rules::<T>::contains_key(id), Error::<T>::UnknownRule);
					ensure!(kept.insert(id), Error::<T>::DuplicateRule);
				}
			}

			let version = RulebookVersion::<T>::get() + 1;
			let mut retired: Vec<RuleId> =
				Rules::<T>::iter_keys().filter(|id| !kept.contains(id)).collect();
			retired.sort();
			for id in &retired {
				Rules::<T>::remove(id);
			}
			RuleCount::<T>::put(kept.len() as u32);
			let (mut added, mut amended) = (Vec::new(), Vec::new());
			for RulebookEntry { id, rule } in entries {
				match id {
					None => added.push(Self::insert_new(rule, version)),
					Some(id) => {
						let old = Rules::<T>::get(id).expect("checked above");
						if (&old.title, &old.description, &old.action)
							!= (&rule.title, &rule.description, &rule.action)
						{
							Rules::<T>::insert(id, Self::rule(id, rule, version));
							amended.push(id);
						}
					},
				}
			}
			Self::changed(version, added, amended, retired);
			Ok(())
		}

		/// Checks that `who` may report `target` under rule `rule_id`: the rule is in force and its
		/// action applies to the target, the target exists (a live post) and is not `who` or its post.
		/// Returns the rule and the account an enforcement would touch.
		fn check_target(
			who: &T::AccountId,
			target: &TargetOf<T>,
			rule_id: RuleId,
		) -> Result<(RuleOf<T>, T::AccountId), DispatchError> {
			let rule = Rules::<T>::get(rule_id).ok_or(Error::<T>::UnknownRule)?;
			let affected = match target {
				Target::Post(id) => {
					let post = T::Posts::authorship(*id).ok_or(Error::<T>::UnknownPost)?;
					ensure!(!post.deleted, Error::<T>::PostDeleted);
					post.author
				},
				Target::Account(account) => {
					ensure!(rule.action != RuleAction::Hide, Error::<T>::NotApplicable);
					account.clone()
				},
			};
			ensure!(&affected != who, Error::<T>::OwnTarget);
			Ok((rule, affected))
		}

		/// Schedules `due` in block `at`, or the first of the following blocks with room (looking at
		/// most [`Config::MaxDuePerBlock`] blocks ahead), and returns the block.
		fn schedule(at: BlockNumberFor<T>, due: Due) -> Result<BlockNumberFor<T>, DispatchError> {
			let mut block = at;
			for _ in 0..T::MaxDuePerBlock::get() {
				// `try_mutate` writes only when the item fits.
				if Agenda::<T>::try_mutate(block, |items| items.try_push(due)).is_ok() {
					return Ok(block);
				}
				block = block.saturating_add(1u32.into());
			}
			Err(Error::<T>::AgendaFull.into())
		}

		/// Opens a case and returns its id.
		fn open_case(
			target: TargetOf<T>,
			affected: T::AccountId,
			rule: &RuleOf<T>,
			reporters: ReportersOf<T>,
			escalator: Option<(T::AccountId, BalanceOf<T>)>,
			now: BlockNumberFor<T>,
		) -> Result<CaseId, DispatchError> {
			let case_id = NextCaseId::<T>::get();
			let closes = Self::schedule(
				now.saturating_add(CurrentPeriods::<T>::get().case_voting),
				Due::CloseCase(case_id),
			)?;
			NextCaseId::<T>::put(case_id + 1);
			OpenCase::<T>::insert(&target, case_id);
			Undecided::<T>::insert(case_id, ());
			Self::deposit_event(Event::CaseOpened {
				case_id,
				target: target.clone(),
				affected: affected.clone(),
				rule: rule.id,
				version: rule.version,
				reporters: reporters.len() as u32,
				escalator: escalator.as_ref().map(|(who, _)| who.clone()),
				closes,
			});
			Cases::<T>::insert(
				case_id,
				Case {
					target,
					affected,
					rule: rule.id,
					version: rule.version,
					action: rule.action,
					reporters,
					escalator,
					opened: now,
					closes,
					uphold: Zero::zero(),
					reject: Zero::zero(),
					status: CaseStatus::Voting,
					appeal: None,
				},
			);
			Ok(case_id)
		}

		/// Adds (or with `add` false, removes) `vote` to the case's tally.
		fn tally(case: &mut CaseOf<T>, vote: CaseVote<BalanceOf<T>>, add: bool) {
			let side = if vote.uphold { &mut case.uphold } else { &mut case.reject };
			*side = if add {
				side.saturating_add(vote.amount)
			} else {
				side.saturating_sub(vote.amount)
			};
		}

		/// `who`'s vote locks on cases still voting at `now`.
		fn live_locks(
			who: &T::AccountId,
			now: BlockNumberFor<T>,
		) -> BoundedVec<(CaseId, BalanceOf<T>, BlockNumberFor<T>), T::MaxVotesPerAccount> {
			let mut locks = VoteLocks::<T>::get(who);
			locks.retain(|(_, _, closes)| now < *closes);
			locks
		}

		/// Stores `who`'s vote locks and freezes the largest of them; returns what is frozen.
		fn set_locks(
			who: &T::AccountId,
			locks: BoundedVec<(CaseId, BalanceOf<T>, BlockNumberFor<T>), T::MaxVotesPerAccount>,
		) -> Result<BalanceOf<T>, DispatchError> {
			let frozen = locks.iter().map(|(_, amount, _)| *amount).max().unwrap_or_default();
			let reason = FreezeReason::CaseVote.into();
			if frozen.is_zero() {
				T::Currency::thaw(&reason, who)?;
				VoteLocks::<T>::remove(who);
			} else {
				T::Currency::set_freeze(&reason, who, frozen)?;
				VoteLocks::<T>::insert(who, locks);
			}
			Ok(frozen)
		}

		/// Releases `amount` held for `reason` from `who`.
		fn release(reason: HoldReason, who: &T::AccountId, amount: BalanceOf<T>) {
			// What this pallet held is still held: nothing else releases or slashes its holds.
			let _ = T::Currency::release(&reason.into(), who, amount, Precision::BestEffort);
		}

		/// Slashes `amount` held for `reason` from `who`.
		fn slash(reason: HoldReason, who: &T::AccountId, amount: BalanceOf<T>) -> CreditOf<T> {
			T::Currency::slash(&reason.into(), who, amount).0
		}

		/// Closes case `case_id`'s vote and returns its number of reporters (for the weight).
		pub(crate) fn close_case(case_id: CaseId, now: BlockNumberFor<T>) -> u32 {
			let Some(mut case) = Cases::<T>::get(case_id) else { return 0 };
			let upheld = case.uphold > case.reject
				&& case.uphold.saturating_add(case.reject) >= T::MinCaseTurnout::get();
			OpenCase::<T>::remove(&case.target);
			let mut slashed = CreditOf::<T>::zero();
			for reporter in &case.reporters {
				if let Some(report) = Reports::<T>::take(&case.target, reporter) {
					if upheld {
						Self::release(HoldReason::Report, reporter, report.deposit);
					} else {
						slashed.subsume(Self::slash(HoldReason::Report, reporter, report.deposit));
					}
				}
			}
			if let Some((escalator, deposit)) = &case.escalator {
				if upheld {
					Self::release(HoldReason::Escalation, escalator, *deposit);
				} else {
					slashed.subsume(Self::slash(HoldReason::Escalation, escalator, *deposit));
				}
			}
			let lost = slashed.peek();
			T::Slashed::on_unbalanced(slashed);
			if upheld {
				Self::apply(&case, case_id, now);
				case.status = CaseStatus::Upheld { at: now };
			} else {
				case.status = CaseStatus::Rejected { at: now };
			}
			Undecided::<T>::remove(case_id);
			Self::deposit_event(Event::CaseClosed {
				case_id,
				upheld,
				action: upheld.then_some(case.action),
				uphold: case.uphold,
				reject: case.reject,
				slashed: lost,
			});
			let reporters = case.reporters.len() as u32;
			Cases::<T>::insert(case_id, case);
			reporters
		}

		/// Applies an upheld case's action.
		fn apply(case: &CaseOf<T>, case_id: CaseId, now: BlockNumberFor<T>) {
			match case.action {
				RuleAction::Label => Enforced::<T>::mutate(&case.target, |record| {
					let record = record.get_or_insert_with(Default::default);
					record.labels.retain(|(rule, _)| *rule != case.rule);
					if record.labels.is_full() {
						record.labels.remove(0);
					}
					let _ = record.labels.try_push((case.rule, case_id));
				}),
				RuleAction::Hide => {
					Enforced::<T>::mutate(&case.target, |record| {
						record.get_or_insert_with(Default::default).hidden = Some(case_id);
					});
					if let Target::Post(post) = case.target {
						T::OnEnforced::on_post_hidden(post, &case.affected);
					}
				},
				RuleAction::Suspend { blocks } => {
					let until = now.saturating_add(blocks);
					Enforced::<T>::mutate(Target::Account(case.affected.clone()), |record| {
						let record = record.get_or_insert_with(Default::default);
						if record.suspended.is_none_or(|(end, _)| end < until) {
							record.suspended = Some((until, case_id));
						}
					});
					T::OnEnforced::on_account_suspended(&case.affected);
				},
			}
		}

		/// Lifts what case `case_id` applied (whatever a later case applied stays).
		fn lift(case: &CaseOf<T>, case_id: CaseId) {
			let key = match case.action {
				RuleAction::Suspend { .. } => Target::Account(case.affected.clone()),
				_ => case.target.clone(),
			};
			Enforced::<T>::mutate_exists(key, |slot| {
				let Some(record) = slot else { return };
				record.labels.retain(|(_, by)| *by != case_id);
				if record.hidden == Some(case_id) {
					record.hidden = None;
				}
				if record.suspended.is_some_and(|(_, by)| by == case_id) {
					record.suspended = None;
				}
				if record.is_empty() {
					*slot = None;
				}
			});
		}

		/// Takes a slot out of the draw list, moving the last juror into it.
		fn free_slot(slot: u32) {
			let last = JurorCount::<T>::get() - 1;
			let moved = JurorSlots::<T>::take(last);
			if slot != last {
				if let Some(moved) = moved {
					Jurors::<T>::mutate(&moved, |juror| {
						if let Some(juror) = juror {
							juror.slot = Some(slot);
						}
					});
					JurorSlots::<T>::insert(slot, moved);
				}
			}
			JurorCount::<T>::put(last);
		}

		/// Removes a juror that is out of the draw list and has no duties, returning its bond.
		fn retire_juror(who: &T::AccountId, juror: Juror<BalanceOf<T>>) {
			Jurors::<T>::remove(who);
			Self::release(HoldReason::JurorBond, who, juror.bond);
			Self::deposit_event(Event::JurorLeft { who: who.clone(), bond: juror.bond });
		}

		/// Draws the jury of case `case_id`'s appeal: up to [`Config::MaxJuryDraws`] pool members in a
		/// random order, keeping the eligible ones until the jury is full.
		pub(crate) fn draw_jury(case_id: CaseId, now: BlockNumberFor<T>) {
			let Some(mut case) = Cases::<T>::get(case_id) else { return };
			let Some(appeal) = case.appeal.as_mut() else { return };
			let (seed, _) = T::Randomness::random(&(b"kith/jury", case_id).encode());
			let count = JurorCount::<T>::get();
			let draws = count.min(T::MaxJuryDraws::get());
			// A partial Fisher-Yates shuffle of the slots 0..count that only records the swaps.
			let mut swapped = alloc::collections::btree_map::BTreeMap::<u32, u32>::new();
			let mut jury = JuryOf::<T>::new();
			for i in 0..draws {
				if jury.is_full() {
					break;
				}
				let random = u32::from_le_bytes(
					sp_io::hashing::blake2_256(&(seed, i).encode())[..4]
						.try_into()
						.expect("four bytes"),
				);
				let j = i + random % (count - i);
				let at_j = *swapped.get(&j).unwrap_or(&j);
				let at_i = *swapped.get(&i).unwrap_or(&i);
				swapped.insert(j, at_i);
				let Some(candidate) = JurorSlots::<T>::get(at_j) else { continue };
				let excluded = candidate == case.affected
					|| case.reporters.contains(&candidate)
					|| case.escalator.as_ref().is_some_and(|(who, _)| *who == candidate)
					|| CaseVotes::<T>::contains_key(case_id, &candidate);
				if !excluded {
					let _ = jury.try_push(candidate);
				}
			}

			// The jury's decision needs a place in the agenda; without one (or without a full jury)
			// the appeal is dropped and can be made again.
			let decides_at = jury
				.is_full()
				.then(|| {
					Self::schedule(
						now.saturating_add(CurrentPeriods::<T>::get().jury),
						Due::DecideAppeal(case_id),
					)
					.ok()
				})
				.flatten();
			let Some(decides_at) = decides_at else {
				Self::release(HoldReason::Appeal, &appeal.appellant, appeal.deposit);
				case.status = CaseStatus::Upheld { at: appeal.upheld_at };
				case.appeal = None;
				Undecided::<T>::remove(case_id);
				Cases::<T>::insert(case_id, case);
				Self::deposit_event(Event::AppealDropped { case_id });
				return;
			};
			for juror in &jury {
				Jurors::<T>::mutate(juror, |record| {
					if let Some(record) = record {
						record.duties += 1;
					}
				});
			}
			appeal.jury = jury.clone();
			appeal.decides_at = Some(decides_at);
			Cases::<T>::insert(case_id, case);
			Self::deposit_event(Event::JuryDrawn { case_id, jury, decides_at });
		}

		/// Takes the jury's decision on case `case_id`'s appeal.
		pub(crate) fn decide_appeal(case_id: CaseId, now: BlockNumberFor<T>) {
			let Some(mut case) = Cases::<T>::get(case_id) else { return };
			let Some(appeal) = case.appeal.clone() else { return };
			let cast = appeal.overturn + appeal.keep;
			let overturned = cast >= T::JuryQuorum::get() && appeal.overturn * 3 >= cast * 2;

			let mut pot = CreditOf::<T>::zero();
			let mut voters = Vec::new();
			for juror in &appeal.jury {
				let voted = JuryVotes::<T>::take(case_id, juror).is_some();
				let Some(mut record) = Jurors::<T>::get(juror) else { continue };
				record.duties = record.duties.saturating_sub(1);
				if voted {
					voters.push(juror.clone());
				} else {
					let amount = T::JurorNoShowSlash::get().min(record.bond);
					let credit = Self::slash(HoldReason::JurorBond, juror, amount);
					record.bond = record.bond.saturating_sub(credit.peek());
					Self::deposit_event(Event::JurorSlashed {
						case_id,
						juror: juror.clone(),
						amount: credit.peek(),
					});
					pot.subsume(credit);
					if record.bond < T::MinJurorBond::get() {
						if let Some(slot) = record.slot.take() {
							Self::free_slot(slot);
						}
					}
				}
				if record.slot.is_none() && record.duties == 0 {
					Self::retire_juror(juror, record);
				} else {
					Jurors::<T>::insert(juror, record);
				}
			}

			if overturned {
				Self::release(HoldReason::Appeal, &appeal.appellant, appeal.deposit);
				Self::lift(&case, case_id);
				case.status = CaseStatus::Overturned { at: now };
			} else {
				pot.subsume(Self::slash(HoldReason::Appeal, &appeal.appellant, appeal.deposit));
				case.status = CaseStatus::Confirmed { at: now };
			}
			let paid = Self::pay(pot, &voters);
			Undecided::<T>::remove(case_id);
			Cases::<T>::insert(case_id, case);
			Self::deposit_event(Event::AppealDecided {
				case_id,
				overturned,
				overturn: appeal.overturn,
				keep: appeal.keep,
				paid,
			});
		}

		/// Shares `pot` equally among `jurors` (what cannot be shared goes to [`Config::Slashed`]);
		/// returns what they received.
		fn pay(mut pot: CreditOf<T>, jurors: &[T::AccountId]) -> BalanceOf<T> {
			let mut paid = BalanceOf::<T>::zero();
			if !jurors.is_empty() {
				let share = pot.peek() / (jurors.len() as u32).into();
				for juror in jurors {
					let (part, rest) = pot.split(share);
					pot = rest;
					match T::Currency::resolve(juror, part) {
						Ok(()) => paid.saturating_accrue(share),
						Err(part) => pot.subsume(part),
					}
				}
			}
			T::Slashed::on_unbalanced(pot);
			paid
		}

		/// The rulebook in force, rules by id.
		pub fn rulebook() -> Rulebook<BlockNumberFor<T>> {
			let mut rules: Vec<_> = Rules::<T>::iter_values().collect();
			rules.sort_by_key(|rule| rule.id);
			Rulebook { version: RulebookVersion::<T>::get(), rules }
		}

		/// What moderation enforces on `target` now.
		pub fn status(target: TargetOf<T>) -> TargetStatus<BlockNumberFor<T>> {
			let now = frame_system::Pallet::<T>::block_number();
			let Some(record) = Enforced::<T>::get(target) else { return Default::default() };
			TargetStatus {
				labels: record.labels.iter().map(|(rule, _)| *rule).collect(),
				hidden: record.hidden.is_some(),
				suspended_until: record.suspended.map(|(until, _)| until).filter(|u| now < *u),
			}
		}

		/// Case `case_id`.
		pub fn case(case_id: CaseId) -> Option<CaseOf<T>> {
			Cases::<T>::get(case_id)
		}

		/// Up to `limit` undecided cases (voting or under appeal) with ids above `after`, by id.
		pub fn open_cases(after: Option<CaseId>, limit: u32) -> Vec<(CaseId, CaseOf<T>)> {
			let mut ids: Vec<CaseId> = Undecided::<T>::iter_keys()
				.filter(|id| after.is_none_or(|after| *id > after))
				.collect();
			ids.sort();
			ids.into_iter()
				.take(limit.min(kith_primitives::MAX_PAGE_SIZE) as usize)
				.filter_map(|id| Cases::<T>::get(id).map(|case| (id, case)))
				.collect()
		}

		/// The open reports on `target`, by reporter.
		pub fn reports(target: TargetOf<T>) -> Vec<(T::AccountId, ReportOf<T>)> {
			Reports::<T>::iter_prefix(target).collect()
		}

		/// Checks the pallet's invariants: the rulebook's counters; the holds and freezes of every
		/// account equal what storage records; reports are in exactly one case or waiting list; the
		/// draw list matches the jury pool; every undecided case has its item in the agenda.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use frame_support::traits::fungible::{InspectFreeze, InspectHold};

			let mut count = 0u32;
			for (id, rule) in Rules::<T>::iter() {
				count += 1;
				ensure!(rule.id == id, "a rule is stored under another id");
				ensure!(id < NextRuleId::<T>::get(), "a rule id was never given");
				ensure!(
					rule.version <= RulebookVersion::<T>::get(),
					"a rule is newer than the rulebook"
				);
			}
			ensure!(count == RuleCount::<T>::get(), "the rule count differs from the rules");
			ensure!(count <= T::MaxRules::get(), "more rules than allowed");

			let mut held: BTreeMap<(T::AccountId, u8), BalanceOf<T>> = BTreeMap::new();
			let mut add = |who: &T::AccountId, reason: u8, amount: BalanceOf<T>| {
				held.entry((who.clone(), reason)).or_default().saturating_accrue(amount);
			};
			let mut in_case = BTreeSet::new();
			for (case_id, case) in Cases::<T>::iter() {
				ensure!(case_id < NextCaseId::<T>::get(), "a case id was never given");
				let voting = case.status == CaseStatus::Voting;
				ensure!(
					voting == (OpenCase::<T>::get(&case.target) == Some(case_id)),
					"a voting case is not the open case of its target"
				);
				ensure!(
					Undecided::<T>::contains_key(case_id)
						== (voting || case.status == CaseStatus::Appealed),
					"the undecided cases differ from the cases' status"
				);
				if voting {
					for reporter in &case.reporters {
						ensure!(in_case.insert((case.target.clone(), reporter.clone())), "twice");
					}
					if let Some((who, deposit)) = &case.escalator {
						add(who, 1, *deposit);
					}
					let due = Agenda::<T>::get(case.closes);
					ensure!(due.contains(&Due::CloseCase(case_id)), "a voting case never closes");
				}
				if let (CaseStatus::Appealed, Some(appeal)) = (case.status, &case.appeal) {
					add(&appeal.appellant, 2, appeal.deposit);
				}
			}
			for (target, reporter, report) in Reports::<T>::iter() {
				add(&reporter, 0, report.deposit);
				let waiting = Pending::<T>::get(&target, report.rule).contains(&reporter);
				ensure!(
					waiting != in_case.contains(&(target, reporter)),
					"a report is not in exactly one case or waiting list"
				);
			}
			let mut slots = 0u32;
			for (who, juror) in Jurors::<T>::iter() {
				add(&who, 3, juror.bond);
				if let Some(slot) = juror.slot {
					slots += 1;
					ensure!(JurorSlots::<T>::get(slot) == Some(who.clone()), "a slot is wrong");
				} else {
					ensure!(juror.duties > 0, "a leaving juror without duties was not removed");
				}
			}
			ensure!(slots == JurorCount::<T>::get(), "the draw list differs from the pool");
			let reasons = [
				HoldReason::Report,
				HoldReason::Escalation,
				HoldReason::Appeal,
				HoldReason::JurorBond,
			];
			let mut accounts: BTreeSet<T::AccountId> =
				held.keys().map(|(who, _)| who.clone()).collect();
			accounts.extend(VoteLocks::<T>::iter_keys());
			for who in accounts {
				for (index, reason) in reasons.iter().enumerate() {
					ensure!(
						T::Currency::balance_on_hold(&(*reason).into(), &who)
							== held.get(&(who.clone(), index as u8)).copied().unwrap_or_default(),
						"an account holds other than storage says"
					);
				}
				let frozen = VoteLocks::<T>::get(&who)
					.iter()
					.map(|(_, amount, _)| *amount)
					.max()
					.unwrap_or_default();
				ensure!(
					T::Currency::balance_frozen(&FreezeReason::CaseVote.into(), &who) == frozen,
					"an account's vote freeze differs from its votes"
				);
			}
			Ok(())
		}
	}
}
