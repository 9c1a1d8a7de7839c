//! Types of the moderation pallet.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::{ConstU32, Get},
	BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use kith_primitives::ContentRef;
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
