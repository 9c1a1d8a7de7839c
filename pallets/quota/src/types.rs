//! The types of the quota pallet: social actions and their costs, the parameters governance sets, an
//! account's credit bar and its quota bond.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

/// A number of credits.
pub type Credits = u64;

/// The social actions a credit bar can pay for. What each call is, is the runtime's to say
/// ([`crate::SocialCalls`]).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum SocialAction {
	/// A root post.
	Post,
	/// A reply in a thread.
	Reply,
	/// A quote of another post.
	Quote,
	/// A repost.
	Repost,
	/// An edit of one's post.
	Edit,
	/// A reaction to a post.
	React,
	/// A follow.
	Follow,
	/// A block.
	Block,
	/// Undoing something: unfollow, unblock, unreact, delete a post.
	Remove,
}

/// What each [`SocialAction`] costs, in credits. Every cost is at least 1: a free action would let
/// anyone fill the quota's share of every block at no cost, with calls that fail.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	frame_support::Serialize,
	frame_support::Deserialize,
)]
#[serde(crate = "frame_support::__private::serde")]
pub struct ActionCosts {
	/// A root post.
	pub post: u32,
	/// A reply.
	pub reply: u32,
	/// A quote.
	pub quote: u32,
	/// A repost.
	pub repost: u32,
	/// An edit.
	pub edit: u32,
	/// A reaction.
	pub react: u32,
	/// A follow.
	pub follow: u32,
	/// A block.
	pub block: u32,
	/// Undoing something (unfollow, unblock, unreact, delete).
	pub remove: u32,
}

impl ActionCosts {
	/// The cost of `action`.
	pub fn of(&self, action: SocialAction) -> u32 {
		match action {
			SocialAction::Post => self.post,
			SocialAction::Reply => self.reply,
			SocialAction::Quote => self.quote,
			SocialAction::Repost => self.repost,
			SocialAction::Edit => self.edit,
			SocialAction::React => self.react,
			SocialAction::Follow => self.follow,
			SocialAction::Block => self.block,
			SocialAction::Remove => self.remove,
		}
	}

	/// The cheapest action's cost.
	pub fn min(&self) -> u32 {
		[
			self.post,
			self.reply,
			self.quote,
			self.repost,
			self.edit,
			self.react,
			self.follow,
			self.block,
			self.remove,
		]
		.into_iter()
		.min()
		.unwrap_or(0)
	}
}

/// The quota's parameters, set by governance ([`crate::Pallet::set_params`]).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	frame_support::Serialize,
	frame_support::Deserialize,
)]
#[serde(crate = "frame_support::__private::serde")]
pub struct QuotaParams {
	/// The size of the bar of any account that holds a handle, in credits.
	pub base: u32,
	/// Credits added to the bar's size per [`crate::Config::CreditUnit`] of quota bond.
	pub per_unit: u32,
	/// What each action costs.
	pub costs: ActionCosts,
	/// The share of a block's normal-class weight that quota-paid transactions may fill together.
	pub block_share: Perbill,
}

impl Default for QuotaParams {
	/// 1,000 credits a day for a handle (50 posts, or 500 reactions) and as many per unit bonded, half
	/// of each block. With the runtime's unit equal to a handle's deposit, a stake buys the same credits
	/// whether it is split into handles or bonded.
	fn default() -> Self {
		Self {
			base: 1_000,
			per_unit: 1_000,
			costs: ActionCosts {
				post: 20,
				reply: 20,
				quote: 20,
				repost: 10,
				edit: 10,
				react: 2,
				follow: 5,
				block: 5,
				remove: 1,
			},
			block_share: Perbill::from_percent(50),
		}
	}
}

/// An account's credit bar: the credits it had used at block `at`. It refills linearly: a full bar's
/// worth over [`crate::Config::RegenPeriod`]. No entry means a full bar.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	Default,
)]
pub struct Bar<BlockNumber> {
	/// Credits used, as of `at`.
	pub used: Credits,
	/// When `used` was last brought up to date.
	pub at: BlockNumber,
}

/// An account's quota bond: what counts for its bar's size, and what it is taking out.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	Default,
)]
pub struct Bond<Balance, BlockNumber> {
	/// The bonded amount that enlarges the bar.
	pub active: Balance,
	/// An amount being unbonded (it no longer enlarges the bar) and the block it can be withdrawn
	/// from. Unbonding more adds to it and moves that block.
	pub unlocking: Option<(Balance, BlockNumber)>,
}
