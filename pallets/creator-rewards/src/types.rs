//! Types of the creator rewards pallet.

use codec::{Decode, Encode, MaxEncodedLen};
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

/// A curator's bond and the votes it spent this era.
#[derive(
	CloneNoBound, DebugNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxVotes, MaxUnlocking))]
pub struct Ledger<
	Balance: Clone + core::fmt::Debug + PartialEq + Eq,
	MaxVotes: Get<u32>,
	MaxUnlocking: Get<u32>,
> {
	/// The bond now: frozen, and powering votes from the next era on.
	pub bonded: Balance,
	/// The era that `era_bond` and `voted` are about.
	pub era: EraIndex,
	/// The bond at the start of `era`: what powers the votes of that era.
	pub era_bond: Balance,
	/// The posts voted for in `era`, one vote each.
	pub voted: BoundedVec<PostId, MaxVotes>,
	/// Unbonded amounts, still frozen until their era comes.
	pub unlocking: BoundedVec<UnlockChunk<Balance>, MaxUnlocking>,
}

/// The reward pool of a closed era and what has been paid from it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct EraRewards<Balance> {
	/// The creators' part of the pool.
	pub creators: Balance,
	/// The curators' part of the pool.
	pub curators: Balance,
	/// The total score of the era: the power of every vote spent (each vote adds its power both to a
	/// creator's score and to its curator's spent power).
	pub score: Balance,
	/// What has been claimed (and minted) so far.
	pub paid: Balance,
	/// What the cap on a creator's share held back from claims so far (carried into a later pool).
	pub capped: Balance,
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
	/// Its reward as a creator (after the cap).
	pub creator: Balance,
	/// Its reward as a curator.
	pub curator: Balance,
	/// What the cap held back of its creator reward.
	pub capped: Balance,
}
