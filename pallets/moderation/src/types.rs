//! Types of the moderation pallet.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::{ConstU32, Get},
	BoundedVec, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound, PartialEqNoBound,
};
use kith_primitives::{ContentRef, PostId};
pub use pallet_conviction_voting::Conviction;
use scale_info::TypeInfo;

/// A rule's number: given once, never reused, kept when the rule is amended.
pub type RuleId = u32;

/// The rulebook's version: it grows by one with every change, so that a report can say which version
/// of a rule it was made under.
pub type Version = u32;

/// The longest rule title, in bytes.
pub const MAX_TITLE_LEN: u32 = 64;
/// The longest rule description kept on chain, in bytes.
pub const MAX_DESCRIPTION_LEN: u32 = 1_024;

/// What an upheld report against a rule does to its target.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	frame_support::Serialize,
	frame_support::Deserialize,
)]
#[serde(crate = "frame_support::__private::serde")]
pub enum RuleAction<BlockNumber> {
	/// The post or account carries the rule's label; clients may warn or blur.
	Label,
	/// The post is hidden from feeds (its content stays on chain as the author left it).
	Hide,
	/// The account cannot post, reply, react or tip for `blocks` blocks.
	Suspend {
		/// How long the suspension lasts.
		blocks: BlockNumber,
	},
}

/// A rule's description: text on chain, or the content reference of a longer text.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum RuleDescription {
	/// UTF-8 text.
	Text(BoundedVec<u8, ConstU32<MAX_DESCRIPTION_LEN>>),
	/// An IPFS CID of the text.
	Content(ContentRef),
}

/// A rule as governance proposes it (checked before it is stored).
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct RuleInput<BlockNumber> {
	/// A short UTF-8 title.
	pub title: BoundedVec<u8, ConstU32<MAX_TITLE_LEN>>,
	/// What the rule forbids.
	pub description: RuleDescription,
	/// What an upheld report does.
	pub action: RuleAction<BlockNumber>,
}

/// A rule of the rulebook.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Rule<BlockNumber> {
	/// Its number.
	pub id: RuleId,
	/// A short UTF-8 title.
	pub title: BoundedVec<u8, ConstU32<MAX_TITLE_LEN>>,
	/// What the rule forbids.
	pub description: RuleDescription,
	/// What an upheld report does.
	pub action: RuleAction<BlockNumber>,
	/// The rulebook version that last set it.
	pub version: Version,
}

/// A rulebook entry of `set_rulebook`: a rule to keep (and possibly amend) by id, or a new one.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct RulebookEntry<BlockNumber> {
	/// The id of the rule it replaces, or `None` for a new rule.
	pub id: Option<RuleId>,
	/// The rule.
	pub rule: RuleInput<BlockNumber>,
}

/// The rules changed by one rulebook change.
#[derive(
	CloneNoBound, DebugNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxRules))]
pub struct RuleChanges<MaxRules: Get<u32>> {
	/// Rules added.
	pub added: BoundedVec<RuleId, MaxRules>,
	/// Rules whose text or action changed.
	pub amended: BoundedVec<RuleId, MaxRules>,
	/// Rules removed (their ids are never given again).
	pub retired: BoundedVec<RuleId, MaxRules>,
}

/// The rulebook as clients read it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct Rulebook<BlockNumber> {
	/// Its version.
	pub version: Version,
	/// Its rules, by id.
	pub rules: Vec<Rule<BlockNumber>>,
}

/// A case's number: sequential from 0, never reused.
pub type CaseId = u32;

/// The longest note a reporter can add, in bytes of UTF-8.
pub const MAX_NOTE_LEN: u32 = 280;

/// A reporter's note.
pub type Note = BoundedVec<u8, ConstU32<MAX_NOTE_LEN>>;

/// What a report or a case is about.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum Target<AccountId> {
	/// A post.
	Post(PostId),
	/// An account.
	Account(AccountId),
}

/// One account's open report against a target.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Report<Balance, BlockNumber> {
	/// The rule it says was broken.
	pub rule: RuleId,
	/// The rulebook version that rule was set by when the report was made.
	pub version: Version,
	/// The reporter's note (UTF-8).
	pub note: Note,
	/// What the reporter holds for it.
	pub deposit: Balance,
	/// The block it was made in.
	pub at: BlockNumber,
}

/// Where a case stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub enum CaseStatus<BlockNumber> {
	/// Token holders are voting until the block the case closes at.
	Voting,
	/// Upheld at this block: the rule's action applies. The affected author can appeal until the
	/// appeal window after it ends.
	Upheld {
		/// When the vote closed.
		at: BlockNumber,
	},
	/// Rejected (or without quorum) at this block: nothing applied, deposits slashed.
	Rejected {
		/// When the vote closed.
		at: BlockNumber,
	},
	/// The author appealed: a jury is drawn in the next block, then votes.
	Appealed,
	/// The jury overturned the decision at this block: the enforcement is lifted.
	Overturned {
		/// When the jury's period ended.
		at: BlockNumber,
	},
	/// The jury kept the decision at this block.
	Confirmed {
		/// When the jury's period ended.
		at: BlockNumber,
	},
}

/// An appeal against an upheld case, decided by a jury.
#[derive(
	CloneNoBound, DebugNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(JurySize))]
pub struct Appeal<AccountId, Balance, BlockNumber, JurySize>
where
	AccountId: Clone + core::fmt::Debug + PartialEq + Eq,
	Balance: Clone + core::fmt::Debug + PartialEq + Eq,
	BlockNumber: Clone + core::fmt::Debug + PartialEq + Eq,
	JurySize: Get<u32>,
{
	/// Who appealed (the affected author).
	pub appellant: AccountId,
	/// What the appellant holds for it.
	pub deposit: Balance,
	/// When the case was upheld (the appeal window counts from it).
	pub upheld_at: BlockNumber,
	/// The jurors drawn (empty until the draw in the block after the appeal).
	pub jury: BoundedVec<AccountId, JurySize>,
	/// The block the jury's decision is taken at (set by the draw).
	pub decides_at: Option<BlockNumber>,
	/// Jurors who voted to overturn.
	pub overturn: u32,
	/// Jurors who voted to keep the decision.
	pub keep: u32,
}

/// A case: token holders decide whether a target broke a rule.
#[derive(
	CloneNoBound, DebugNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxReporters, JurySize))]
pub struct Case<AccountId, Balance, BlockNumber, MaxReporters, JurySize>
where
	AccountId: Clone + core::fmt::Debug + PartialEq + Eq,
	Balance: Clone + core::fmt::Debug + PartialEq + Eq,
	BlockNumber: Clone + core::fmt::Debug + PartialEq + Eq,
	MaxReporters: Get<u32>,
	JurySize: Get<u32>,
{
	/// What the case is about.
	pub target: Target<AccountId>,
	/// The identity the enforcement would touch (the post's author, or the account itself), by its
	/// first key while it has cases pending: if it moved to another key since, the pallet's
	/// `MovedTo` says where, and the enforcement and the right to appeal follow it there.
	pub affected: AccountId,
	/// The rule it is decided under.
	pub rule: RuleId,
	/// The rulebook version that set the rule when the case opened.
	pub version: Version,
	/// What an upheld case does (the rule's action when the case opened).
	pub action: RuleAction<BlockNumber>,
	/// The reporters whose reports the case decides.
	pub reporters: BoundedVec<AccountId, MaxReporters>,
	/// Who paid the case deposit to open it, and how much, if it was escalated.
	pub escalator: Option<(AccountId, Balance)>,
	/// The block it opened at.
	pub opened: BlockNumber,
	/// The block token holders' voting ends at (the case closes in that block's initialization).
	pub closes: BlockNumber,
	/// Vote weight to uphold (each vote's balance times its conviction).
	pub uphold: Balance,
	/// Vote weight to reject (each vote's balance times its conviction).
	pub reject: Balance,
	/// The balance voted on either side, without conviction: what the turnout counts.
	pub support: Balance,
	/// Where it stands.
	pub status: CaseStatus<BlockNumber>,
	/// The appeal, if the author appealed.
	pub appeal: Option<Appeal<AccountId, Balance, BlockNumber, JurySize>>,
}

/// A token holder's vote on a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct CaseVote<Balance> {
	/// Whether it votes to uphold the report.
	pub uphold: bool,
	/// The balance it froze.
	pub amount: Balance,
	/// How much the balance counts, and how long it stays frozen after the case closes.
	pub conviction: Conviction,
}

/// What is due in a block's initialization.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub enum Due {
	/// Close the case's vote.
	CloseCase(CaseId),
	/// Draw the jury of the case's appeal.
	DrawJury(CaseId),
	/// Take the jury's decision.
	DecideAppeal(CaseId),
}

/// What one upheld case enforces on its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub enum Effect<BlockNumber> {
	/// The target carries the rule's label.
	Label,
	/// The post is hidden.
	Hide,
	/// The account is suspended until this block.
	SuspendUntil(BlockNumber),
}

/// An upheld case that enforces something on a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Upheld<BlockNumber> {
	/// The case.
	pub case: CaseId,
	/// The rule it was upheld under.
	pub rule: RuleId,
	/// What it enforces.
	pub effect: Effect<BlockNumber>,
}

/// What moderation enforces on a target: the upheld cases that still have an effect. The target's
/// status (labels, hidden, suspended) is computed from them, so lifting one case (an overturned
/// appeal) leaves whatever the others enforce.
#[derive(
	CloneNoBound,
	DebugNoBound,
	PartialEqNoBound,
	EqNoBound,
	DefaultNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxUpheld))]
pub struct Enforcement<BlockNumber, MaxUpheld>
where
	BlockNumber: Clone + core::fmt::Debug + PartialEq + Eq,
	MaxUpheld: Get<u32>,
{
	/// The upheld cases, oldest first.
	pub cases: BoundedVec<Upheld<BlockNumber>, MaxUpheld>,
}

impl<BlockNumber, MaxUpheld> Enforcement<BlockNumber, MaxUpheld>
where
	BlockNumber: Clone + Copy + core::fmt::Debug + PartialEq + Eq + Ord,
	MaxUpheld: Get<u32>,
{
	/// Whether nothing is enforced (the record can go).
	pub fn is_empty(&self) -> bool {
		self.cases.is_empty()
	}

	/// The rules whose labels the target carries, each once, in the order they were upheld.
	pub fn labels(&self) -> Vec<RuleId> {
		let mut labels = Vec::new();
		for upheld in &self.cases {
			if upheld.effect == Effect::Label && !labels.contains(&upheld.rule) {
				labels.push(upheld.rule);
			}
		}
		labels
	}

	/// Whether an upheld case hides the post.
	pub fn hidden(&self) -> bool {
		self.cases.iter().any(|upheld| upheld.effect == Effect::Hide)
	}

	/// The end of the longest suspension in force at `now`, if any.
	pub fn suspended_until(&self, now: BlockNumber) -> Option<BlockNumber> {
		self.cases
			.iter()
			.filter_map(|upheld| match upheld.effect {
				Effect::SuspendUntil(until) if now < until => Some(until),
				_ => None,
			})
			.max()
	}

	/// Adds an upheld case, first dropping the suspensions over at `now`; when the record is full
	/// the oldest entry goes. Returns whether an entry was dropped that way.
	pub fn add(&mut self, upheld: Upheld<BlockNumber>, now: BlockNumber) -> bool {
		self.expire(now);
		let dropped = self.cases.is_full();
		if dropped {
			self.cases.remove(0);
		}
		let _ = self.cases.try_push(upheld);
		dropped
	}

	/// Drops the suspensions that are over at `now`; says whether there were any.
	pub fn expire(&mut self, now: BlockNumber) -> bool {
		let before = self.cases.len();
		self.cases
			.retain(|upheld| !matches!(upheld.effect, Effect::SuspendUntil(until) if until <= now));
		self.cases.len() != before
	}

	/// Removes what case `case` enforces.
	pub fn lift(&mut self, case: CaseId) {
		self.cases.retain(|upheld| upheld.case != case);
	}

	/// Adds the entries of `other` (an identity that moved here), oldest first, as [`Self::add`] does.
	pub fn merge(&mut self, other: Self, now: BlockNumber) {
		let mut all: Vec<_> = self.cases.drain(..).chain(other.cases).collect();
		all.sort_by_key(|upheld| upheld.case);
		for upheld in all {
			self.add(upheld, now);
		}
	}
}

/// A target's moderation status as clients read it.
#[derive(Clone, Debug, PartialEq, Eq, Default, Encode, Decode, TypeInfo)]
pub struct TargetStatus<BlockNumber> {
	/// The rules whose labels it carries.
	pub labels: Vec<RuleId>,
	/// Whether it is hidden (posts).
	pub hidden: bool,
	/// The block a suspension in force ends at (accounts; `None` once it expired).
	pub suspended_until: Option<BlockNumber>,
}

/// A juror of the jury pool.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Juror<Balance> {
	/// What it holds as its bond.
	pub bond: Balance,
	/// On how many juries it sits now.
	pub duties: u32,
	/// Its place in the draw list; `None` once it is leaving (it can no longer be drawn).
	pub slot: Option<u32>,
}

/// The periods of moderation, in blocks (governance can change them).
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	frame_support::Serialize,
	frame_support::Deserialize,
)]
#[serde(crate = "frame_support::__private::serde")]
pub struct Periods<BlockNumber> {
	/// How long token holders vote on a case.
	pub case_voting: BlockNumber,
	/// How long after a case is upheld the author can appeal.
	pub appeal_window: BlockNumber,
	/// How long a jury votes.
	pub jury: BlockNumber,
}
