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
//!   target is voting at a time: reports under another rule wait, and when the voting case closes the
//!   waiting reports that reached the threshold open the next case. Token holders vote by freezing
//!   balance (at least [`Config::MinCaseVote`]) with a [`Conviction`], as in conviction voting: the
//!   vote counts its balance times the conviction's multiplier (a tenth to six), and the balance stays
//!   frozen after the case closes for the conviction's lock periods (none to 32 of
//!   [`Config::VoteLockingPeriod`]). The case closes after the voting period in the initialization of
//!   its closing block, upheld if more vote weight is to uphold than to reject and the support (the
//!   balance voted, without conviction) reached [`CaseQuorum`] of active issuance (and at least
//!   [`Config::MinCaseTurnout`]).
//! - **Enforcement**: what an upheld case does, kept per target as the list of upheld cases still in
//!   effect (at most [`Config::MaxUpheld`], the oldest goes first), from which the status is computed:
//!   lifting one case (an overturned appeal) leaves what the others enforce. An identity that moves to a
//!   new key (the profiles pallet's `move_identity`) takes its account's enforcement along
//!   ([`kith_primitives::OnIdentityMoved`]), and its pending cases follow it: a case names the
//!   identity by its first key while it has cases pending ([`Case::affected`]), [`MovedTo`] says which
//!   key holds it now, and that key is where the case enforces and the only one that can appeal. `Label`: the post or account carries the rule's label.
//!   `Hide`: the post is hidden (feeds and runtime APIs report it so; its content stays on chain as the
//!   author left it; only posts can be hidden). `Suspend { blocks }`: the account (a post's author, for a
//!   post) cannot create posts, replies, reactions or tips until that many blocks after the decision.
//!   Suspensions expire lazily: [`kith_primitives::ModerationStatus::is_suspended`] compares the end
//!   block with the current block, so no event marks the expiry and nothing runs when it comes.
//! - **Jury**: an appeal against an upheld case is decided by a jury of [`Config::JurySize`] seats drawn
//!   by stake-weighted sortition (as Kleros does) from a bonded jury pool: each seat goes to a member with
//!   a chance equal to its bond's share of the eligible bonds, so a juror can hold several seats, and
//!   splitting a bond across accounts changes nothing; capturing the jury costs a share of all bonded
//!   stake. Excluded: the author, the reporters, the escalator and every account that voted on the case.
//!   The pool holds at most [`Config::MaxJurors`]; when it is full, a larger bond takes the place of
//!   the smallest.
//!
//! ## Calls
//! - Rulebook, from [`Config::RulesOrigin`] (in the Kith runtime: a referendum on the
//!   `moderation_rules` track): [`Pallet::set_rulebook`] (replace it all: entries with an id keep or
//!   amend that rule, entries without add rules, rules left out retire), [`Pallet::add_rule`],
//!   [`Pallet::amend_rule`], [`Pallet::retire_rule`], [`Pallet::set_periods`] (voting, appeal and
//!   jury periods, each at least a block) and [`Pallet::set_case_quorum`].
//! - Reports, signed: [`Pallet::report`], [`Pallet::withdraw_report`] (while not part of a case),
//!   [`Pallet::escalate`].
//! - Cases, signed: [`Pallet::vote_case`] (freeze an amount with a conviction; voting again replaces
//!   the vote but never shortens its freeze), [`Pallet::unlock`] (anyone, for any account: release
//!   the freeze of votes whose cases closed and whose lock periods passed, as
//!   `pallet-conviction-voting` does).
//! - Jury, signed: [`Pallet::join_jury_pool`], [`Pallet::leave_jury_pool`] (effective once the juror's
//!   pending duties end), [`Pallet::appeal`] (only the key that holds the affected identity, within the
//!   appeal window),
//!   [`Pallet::jury_vote`] (only drawn jurors, until the jury's period ends).
//!
//! ## Hooks
//! `on_initialize` runs what is due in the block from the `Agenda`: closing cases, drawing juries and
//! taking jury decisions. At most [`Config::MaxDuePerBlock`] items are due in any block (an item that
//! would overflow a block goes to the next one with room), so the work per block is bounded.
//! `on_idle` cleans up with the block's spare weight, a bounded step at a time: it deletes the votes
//! of each final case in id order ([`VoteSweep`]; final: rejected, decided on appeal, or upheld and
//! past its appeal window) with what is kept of its identity's moves, and goes on with a rolling pass
//! over [`Enforced`] ([`EnforcedSweep`]) that removes the records with nothing left in effect.
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
//! Rulebook: `Rules`, `RuleCount`, `NextRuleId`, `RulebookVersion`, `CurrentPeriods`, `CaseQuorum`.
//! Reports: `Reports`
//! (target, reporter) and `Pending` (reporters per target and rule not yet in a case). Cases: `Cases`,
//! `NextCaseId`, `OpenCase` (the voting case of a target), `Undecided` (cases voting or under appeal),
//! `CaseVotes`, `VoteLocks` (each voter's frozen votes), `Agenda`, `Accused` (pending cases per
//! identity), `MovedTo` and `RootOf` (where identities with pending cases moved), `VoteSweep`.
//! Enforcement: `Enforced`, `EnforcedSweep`. Jury:
//! `Jurors`, `JurorSlots` and `JurorCount` (the draw list, with each member's bond), `JuryVotes`.
//!
//! ## Economics
//! - A report holds [`Config::ReportDeposit`]; an escalation [`Config::CaseDeposit`]. Upheld: returned.
//!   Rejected or without quorum: slashed to [`Config::Slashed`] (the creator reward pool in Kith), so
//!   false reports cost something.
//! - A vote freezes its amount until the case closes and its conviction's lock periods pass (then
//!   [`Pallet::unlock`] releases it), whichever way the case went: unlike `pallet-conviction-voting`,
//!   which locks only the winning side, a conviction here is always kept, so a large weight on a case
//!   always costs time.
//!
//! ## Why case votes are not `pallet-conviction-voting` polls
//! The runtime's referenda use `pallet-conviction-voting` (their locks, delegations and the UI of
//! polkadot.js apps). Cases use its [`Conviction`] and its rules (multipliers, lock periods), but
//! keep their own tally, for three reasons: a case needs per-case facts a poll does not carry (who
//! voted, to keep voters off the appeal's jury; the support without conviction, for the quorum);
//! a second instance of the pallet would share nothing with the referenda's (a separate lock, a
//! separate class), so polkadot.js apps would still not show cases among referenda, which it reads
//! from `pallet-referenda`; and delegations, which a poll instance would bring, would let one
//! delegate's choice decide cases that everybody's own vote should.
//! - An appeal holds [`Config::AppealDeposit`]. [`Config::JuryFee`] of it is paid to the jurors who
//!   vote, per seat, whichever way they vote (so that neither side pays better); the rest is returned if
//!   the decision is overturned and goes to [`Config::Slashed`] if it is kept. A drawn juror who does
//!   not vote loses [`Config::JurorNoShowSlash`] a seat of its bond to the jurors who did (to
//!   [`Config::Slashed`] if none did), and leaves the pool if its bond falls under the minimum.
//! - A juror holds its bond ([`Config::MinJurorBond`] at least) while in the pool.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
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
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, BalancedHold, Inspect, Mutate, MutateFreeze, MutateHold},
			OnUnbalanced, Randomness,
		},
		weights::WeightMeter,
	};
	use frame_system::pallet_prelude::*;
	use kith_primitives::{OnEnforced, PostAuthors};
	use sp_runtime::{
		traits::{Saturating, Zero},
		Perbill,
	};

	/// How many votes of a final case `on_idle` clears at a time.
	pub const SWEEP_BATCH: u32 = 64;

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
	pub type EnforcementOf<T> = Enforcement<BlockNumberFor<T>, <T as Config>::MaxUpheld>;
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

		/// The least turnout (uphold and reject together) a case needs to be upheld, however small
		/// the share of active issuance [`CaseQuorum`] asks for.
		#[pallet::constant]
		type MinCaseTurnout: Get<BalanceOf<Self>>;

		/// The share of active issuance a case's turnout must reach to be upheld, until governance
		/// sets another ([`Pallet::set_case_quorum`]).
		#[pallet::constant]
		type DefaultCaseQuorum: Get<Perbill>;

		/// The smallest vote on a case: a vote costs something to cast, so voting is not a free way
		/// to keep out of an appeal's jury.
		#[pallet::constant]
		type MinCaseVote: Get<BalanceOf<Self>>;

		/// How long a vote stays frozen after its case closes, per lock period of its conviction
		/// (as in `pallet-conviction-voting`: none for [`Conviction::None`], one for `Locked1x`,
		/// doubling up to 32 for `Locked6x`).
		#[pallet::constant]
		type VoteLockingPeriod: Get<BlockNumberFor<Self>>;

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

		/// The part of the appeal deposit paid to the jurors who vote, whichever way they vote (the
		/// rest returns to the appellant if the decision is overturned).
		#[pallet::constant]
		type JuryFee: Get<BalanceOf<Self>>;

		/// How many seats a jury has (a juror drawn more than once holds several).
		#[pallet::constant]
		type JurySize: Get<u32>;

		/// How many seats must vote for an appeal to be overturned (at least two thirds of the seats
		/// voting to overturn).
		#[pallet::constant]
		type JuryQuorum: Get<u32>;

		/// The smallest juror bond.
		#[pallet::constant]
		type MinJurorBond: Get<BalanceOf<Self>>;

		/// What a drawn juror who does not vote loses of its bond, per seat.
		#[pallet::constant]
		type JurorNoShowSlash: Get<BalanceOf<Self>>;

		/// The most jurors in the pool; when it is full, a larger bond takes the place of the
		/// smallest.
		#[pallet::constant]
		type MaxJurors: Get<u32>;

		/// The most upheld cases one target's enforcement keeps (the oldest goes when another comes).
		#[pallet::constant]
		type MaxUpheld: Get<u32>;

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

	/// The share of active issuance a case's turnout must reach to be upheld.
	#[pallet::storage]
	pub type CaseQuorum<T: Config> = StorageValue<_, Perbill, ValueQuery, T::DefaultCaseQuorum>;

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

	/// Each voter's frozen votes: (case, amount, the block the freeze ends at: the case's close,
	/// plus the conviction's lock periods). The freeze is the largest amount among them.
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

	/// The jurors that can be drawn and their bonds, by slot `0..JurorCount`.
	#[pallet::storage]
	pub type JurorSlots<T: Config> = StorageMap<_, Twox64Concat, u32, (T::AccountId, BalanceOf<T>)>;

	/// How many jurors can be drawn.
	#[pallet::storage]
	pub type JurorCount<T> = StorageValue<_, u32, ValueQuery>;

	/// Jurors' votes: case → juror → whether it votes to overturn.
	#[pallet::storage]
	pub type JuryVotes<T: Config> =
		StorageDoubleMap<_, Twox64Concat, CaseId, Blake2_128Concat, T::AccountId, bool>;

	/// How many cases not final yet (voting, upheld within the appeal window, appealed) affect
	/// each identity, by the identity's first key while it had any: [`Case::affected`].
	#[pallet::storage]
	pub type Accused<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Where an identity with pending cases moved: its first key while it had any → the key that
	/// holds it now. Removed once none of its cases is pending.
	#[pallet::storage]
	pub type MovedTo<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId>;

	/// The reverse of [`MovedTo`]: the key that holds an identity now → its first key.
	#[pallet::storage]
	pub type RootOf<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId>;

	/// The lowest case id whose votes may still be stored: `on_idle` clears the votes of each case,
	/// in id order, once the case is final (rejected, decided on appeal, or upheld and past its
	/// appeal window), when they can no longer keep their voters off a jury.
	#[pallet::storage]
	pub type VoteSweep<T> = StorageValue<_, CaseId, ValueQuery>;

	/// Where `on_idle`'s rolling pass over `Enforced` resumes: the last key it looked at.
	#[pallet::storage]
	pub type EnforcedSweep<T> = StorageValue<_, BoundedVec<u8, ConstU32<128>>>;

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
				let periods = Periods {
					case_voting: case_voting.into(),
					appeal_window: appeal_window.into(),
					jury: jury.into(),
				};
				Pallet::<T>::check_periods(&periods).expect("the genesis periods are not zero");
				CurrentPeriods::<T>::put(periods);
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
		/// Governance set the share of active issuance a case's turnout must reach.
		CaseQuorumChanged { quorum: Perbill },
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
		/// `voter` voted on a case with `amount` frozen until `frozen_until`, counting `votes`
		/// (replacing any earlier vote of its own).
		CaseVoted {
			case_id: CaseId,
			voter: T::AccountId,
			uphold: bool,
			amount: BalanceOf<T>,
			conviction: Conviction,
			votes: BalanceOf<T>,
			frozen_until: BlockNumberFor<T>,
		},
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
		/// An identity moved from `from` to `to` and took the enforcement on its account along.
		EnforcementMoved { from: T::AccountId, to: T::AccountId },
		/// `who` joined the jury pool, holding `bond`.
		JurorJoined { who: T::AccountId, bond: BalanceOf<T> },
		/// `who`, the smallest bond of a full pool, lost its place to a larger bond; it leaves as
		/// [`Pallet::leave_jury_pool`] does.
		JurorEvicted { who: T::AccountId, bond: BalanceOf<T> },
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
		/// The jury decided: `overturned` lifts the enforcement; `overturn` and `keep` count seats.
		/// `paid` went to the jurors who voted.
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
		/// A vote needs at least [`Config::MinCaseVote`].
		VoteTooSmall,
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
		/// The jury pool is full and the bond is not larger than its smallest bond.
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
		/// Every period must be at least one block.
		InvalidPeriods,
		/// Cases are pending against the account the identity would move to.
		TargetAccused,
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

		/// Cleans up with the block's spare weight: the votes of final cases, then enforcement
		/// records with nothing left in effect (their suspensions over).
		fn on_idle(now: BlockNumberFor<T>, limit: Weight) -> Weight {
			let mut meter = WeightMeter::with_limit(limit);
			Self::sweep_votes(now, &mut meter);
			Self::sweep_enforcement(now, &mut meter);
			meter.consumed()
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			assert!(
				Self::check_periods(&T::DefaultPeriods::get()).is_ok(),
				"DefaultPeriods: every period must be at least one block"
			);
			assert!(
				1 <= T::JuryQuorum::get() && T::JuryQuorum::get() <= T::JurySize::get(),
				"1 <= JuryQuorum <= JurySize"
			);
			assert!(T::JurySize::get() <= T::MaxJurors::get(), "JurySize <= MaxJurors");
			assert!(
				1 <= T::ReportThreshold::get()
					&& T::ReportThreshold::get() <= T::MaxReporters::get(),
				"1 <= ReportThreshold <= MaxReporters"
			);
			assert!(T::MaxDuePerBlock::get() >= 1, "MaxDuePerBlock >= 1");
			assert!(T::MaxUpheld::get() >= 1, "MaxUpheld >= 1");
			assert!(T::JuryFee::get() <= T::AppealDeposit::get(), "JuryFee <= AppealDeposit");
			assert!(!T::MinCaseVote::get().is_zero(), "MinCaseVote > 0");
			assert!(!T::MinJurorBond::get().is_zero(), "MinJurorBond > 0");
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
		/// and the report that brings the rule's reporters to the threshold opens a case (or, if
		/// another case on the target is voting, the closing of that case does).
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
		/// frozen. As in conviction voting, the vote counts `amount` times the `conviction`'s
		/// multiplier (a tenth for [`Conviction::None`], 1 to 6 for `Locked1x`..`Locked6x`), and the
		/// balance stays frozen after the case closes for the conviction's lock periods of
		/// [`Config::VoteLockingPeriod`], whichever way the case went. Voting again replaces the vote.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::vote_case())]
		pub fn vote_case(
			origin: OriginFor<T>,
			case_id: CaseId,
			uphold: bool,
			amount: BalanceOf<T>,
			conviction: Conviction,
		) -> DispatchResult {
			let voter = ensure_signed(origin)?;
			ensure!(amount >= T::MinCaseVote::get(), Error::<T>::VoteTooSmall);
			ensure!(amount <= T::Currency::total_balance(&voter), Error::<T>::InsufficientFunds);
			let mut case = Cases::<T>::get(case_id).ok_or(Error::<T>::UnknownCase)?;
			ensure!(case.status == CaseStatus::Voting, Error::<T>::NotVoting);
			let now = frame_system::Pallet::<T>::block_number();

			let periods: BlockNumberFor<T> = conviction.lock_periods().into();
			let frozen_until =
				case.closes.saturating_add(T::VoteLockingPeriod::get().saturating_mul(periods));
			let mut locks = Self::live_locks(&voter, now);
			// A replaced vote's freeze stays until the later of the two ends: lowering the
			// conviction of a vote does not shorten what it promised.
			let frozen_until = locks
				.iter()
				.find(|(id, ..)| *id == case_id)
				.map_or(frozen_until, |(_, _, until)| frozen_until.max(*until));
			locks.retain(|(id, ..)| *id != case_id);
			locks
				.try_push((case_id, amount, frozen_until))
				.map_err(|_| Error::<T>::TooManyVotes)?;
			if let Some(old) = CaseVotes::<T>::get(case_id, &voter) {
				Self::tally(&mut case, old, false);
			}
			let vote = CaseVote { uphold, amount, conviction };
			Self::tally(&mut case, vote, true);
			Self::set_locks(&voter, locks)?;
			CaseVotes::<T>::insert(case_id, &voter, vote);
			Cases::<T>::insert(case_id, case);
			Self::deposit_event(Event::CaseVoted {
				case_id,
				voter,
				uphold,
				amount,
				conviction,
				votes: conviction.votes(amount).votes,
				frozen_until,
			});
			Ok(())
		}

		/// Releases the freeze of `who`'s votes whose cases closed and whose conviction's lock
		/// periods have passed (anyone may call it).
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

		/// Joins the jury pool, holding `bond` (at least the minimum juror bond). The chance to be
		/// drawn for a seat is the bond's share of all bonds in the pool. When the pool is full, a
		/// bond larger than the pool's smallest takes that juror's place (it leaves as
		/// [`Pallet::leave_jury_pool`] does).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::join_jury_pool_evicting())]
		pub fn join_jury_pool(
			origin: OriginFor<T>,
			bond: BalanceOf<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(!Jurors::<T>::contains_key(&who), Error::<T>::AlreadyJuror);
			ensure!(bond >= T::MinJurorBond::get(), Error::<T>::BondTooLow);
			let count = JurorCount::<T>::get();
			let evicting = count >= T::MaxJurors::get();
			if evicting {
				let (smallest, _) = Self::smallest_juror(count).ok_or(Error::<T>::JuryPoolFull)?;
				let (evicted, evicted_bond) =
					JurorSlots::<T>::get(smallest).ok_or(Error::<T>::JuryPoolFull)?;
				ensure!(bond > evicted_bond, Error::<T>::JuryPoolFull);
				T::Currency::hold(&HoldReason::JurorBond.into(), &who, bond)?;
				Self::deposit_event(Event::JurorEvicted {
					who: evicted.clone(),
					bond: evicted_bond,
				});
				Self::leave(&evicted).map_err(|_| Error::<T>::JuryPoolFull)?;
			} else {
				T::Currency::hold(&HoldReason::JurorBond.into(), &who, bond)?;
			}
			let slot = JurorCount::<T>::get();
			JurorSlots::<T>::insert(slot, (&who, bond));
			JurorCount::<T>::put(slot + 1);
			Jurors::<T>::insert(&who, Juror { bond, duties: 0, slot: Some(slot) });
			Self::deposit_event(Event::JurorJoined { who, bond });
			Ok((!evicting).then(T::WeightInfo::join_jury_pool).into())
		}

		/// Leaves the jury pool: the caller can no longer be drawn at once, and gets its bond back
		/// once the juries it sits on have decided.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::leave_jury_pool())]
		pub fn leave_jury_pool(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::leave(&who)
		}

		/// Appeals upheld case `case_id`, holding the appeal deposit: only the author the case
		/// affects, within the appeal window, once per case. A jury is drawn in the next block.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::appeal())]
		pub fn appeal(origin: OriginFor<T>, case_id: CaseId) -> DispatchResult {
			let appellant = ensure_signed(origin)?;
			let mut case = Cases::<T>::get(case_id).ok_or(Error::<T>::UnknownCase)?;
			ensure!(Self::holder(&case.affected) == appellant, Error::<T>::NotAffected);
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
			let seats = Self::seats(&appeal.jury, &juror);
			ensure!(seats > 0, Error::<T>::NotOnJury);
			match JuryVotes::<T>::get(case_id, &juror) {
				Some(true) => appeal.overturn -= seats,
				Some(false) => appeal.keep -= seats,
				None => {},
			}
			if overturn {
				appeal.overturn += seats;
			} else {
				appeal.keep += seats;
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
			Self::check_periods(&periods)?;
			CurrentPeriods::<T>::put(periods);
			Self::deposit_event(Event::PeriodsChanged { periods });
			Ok(())
		}

		/// Sets the share of active issuance a case's turnout must reach to be upheld (never less
		/// than [`Config::MinCaseTurnout`]).
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::set_case_quorum())]
		pub fn set_case_quorum(origin: OriginFor<T>, quorum: Perbill) -> DispatchResult {
			T::RulesOrigin::ensure_origin(origin)?;
			CaseQuorum::<T>::put(quorum);
			Self::deposit_event(Event::CaseQuorumChanged { quorum });
			Ok(())
		}
	}
}
