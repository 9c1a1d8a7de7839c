//! Types of the follows pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The graph's own, permanent number for an account that takes part in it. Edges are keyed by it, so that
/// when a user moves their identity to a new key only this number's owner changes, however many edges it
/// has.
pub type MemberId = u64;

/// A follow edge: since when, and the deposit the follower holds for it.
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
pub struct Edge<BlockNumber, Balance> {
	/// The block in which the follow was made.
	pub since: BlockNumber,
	/// What the follower holds for this edge, released on unfollow.
	pub deposit: Balance,
}
