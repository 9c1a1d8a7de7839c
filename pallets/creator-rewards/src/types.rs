//! Types of the creator rewards pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use kith_primitives::PostId;
use scale_info::TypeInfo;

/// An era's number: era 0 starts at genesis, each lasts the pallet's era length in blocks.
pub type EraIndex = u32;

/// An amount unbonded, and the era from which it can be withdrawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct UnlockChunk<Balance> {
	/// The amount.
	pub amount: Balance,
	/// The first era in which it can be withdrawn.
	pub era: EraIndex,
}

/// A curator's bond.
#[derive(
	CloneNoBound, DebugNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxUnlocking))]
pub struct Ledger<Balance: Clone + core::fmt::Debug + PartialEq + Eq, MaxUnlocking: Get<u32>> {
	/// The bond now: frozen, and powering votes from the next era on.
	pub bonded: Balance,
	/// The era that `era_bond` is about.
	pub era: EraIndex,
	/// The bond at the start of `era`: what powers the votes and flags of that era.
	pub era_bond: Balance,
	/// Unbonded amounts, still frozen until their era comes.
	pub unlocking: BoundedVec<UnlockChunk<Balance>, MaxUnlocking>,
}

/// The votes one post received in an era, and the flags against them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct PostScore<AccountId, Balance> {
	/// The post's author.
	pub author: AccountId,
	/// The power of the votes it received.
	pub up: Balance,
	/// What flags took off it (at most `up`); a hidden post has `down == up`.
	pub down: Balance,
}

/// The votes a curator spent in an era: each of the same power.
#[derive(
	CloneNoBound, DebugNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxVotes))]
pub struct CuratorVotes<Balance: Clone + core::fmt::Debug + PartialEq + Eq, MaxVotes: Get<u32>> {
	/// The power of each vote: the bond at the era's start over the votes per era.
	pub power: Balance,
	/// The posts voted for.
	pub posts: BoundedVec<PostId, MaxVotes>,
}

/// The flags an account raised in an era.
#[derive(
	CloneNoBound, DebugNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxFlags))]
pub struct FlagRecord<Balance: Clone + core::fmt::Debug + PartialEq + Eq, MaxFlags: Get<u32>> {
	/// The era in which they were raised (against the posts of the era before).
	pub era: EraIndex,
	/// The flag power spent so far in `era`.
	pub spent: Balance,
	/// The posts flagged in `era`.
	pub posts: BoundedVec<PostId, MaxFlags>,
}

/// Why a curator flags a post. Recorded in the event only: every reason takes off the same.
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
)]
pub enum FlagReason {
	/// Votes from the author's own other accounts.
	SelfVoting,
	/// Votes traded or bought.
	VoteTrading,
	/// Spam or low effort.
	Spam,
	/// Someone else's work.
	Plagiarism,
	/// Worth less than its votes say.
	Overrewarded,
}

/// The reward pool of a closed era and what has been paid from it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct EraRewards<Balance> {
	/// The creators' part of the pool.
	pub creators: Balance,
	/// The curators' part of the pool.
	pub curators: Balance,
	/// The total net score of the era: the power of every vote spent, less what flags and hidden posts
	/// took off.
	pub score: Balance,
	/// What has been claimed (and minted) so far.
	pub paid: Balance,
	/// What was held back from suspended accounts' claims so far (carried into a later pool).
	pub withheld: Balance,
	/// Whether the era's review (the era after it, when its posts can be flagged) is over: only then
	/// are the parts final and can be claimed.
	pub reviewed: bool,
}

/// The era in progress, for clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct EraStatus<Balance, BlockNumber> {
	/// Its number.
	pub era: EraIndex,
	/// The block it started at.
	pub started_at: BlockNumber,
	/// The block at which it closes.
	pub ends_at: BlockNumber,
	/// What its pool will be if nothing else changes: the reward per era plus what was carried over.
	pub pool: Balance,
	/// Its total score so far.
	pub score: Balance,
}

/// What an account can claim for one closed era.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct Payout<Balance> {
	/// Its reward as a creator.
	pub creator: Balance,
	/// Its reward as a curator.
	pub curator: Balance,
	/// What was held back because the account was suspended in the era or its review.
	pub withheld: Balance,
}
