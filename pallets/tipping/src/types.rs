//! Types of the tipping pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use kith_primitives::PostId;
use scale_info::TypeInfo;

/// What a tip is for.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum TipTarget<AccountId> {
	/// A post: its author is paid, and the tip counts for the post and for the author.
	Post(PostId),
	/// A creator, for their work in general.
	Creator(AccountId),
}

/// How much has been tipped, and how often.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct TipTotals<Balance> {
	/// The sum of the tips.
	pub total: Balance,
	/// The number of tips.
	pub count: u32,
}
