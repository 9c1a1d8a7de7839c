//! The types of the quota pallet: social actions and their costs, the parameters governance sets, an
//! account's credit bar and its quota bond, sponsors, their vouchers and the accounts they onboard.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::ConstU32, BoundedVec};
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
	/// What sponsors may do.
	pub sponsors: SponsorLimits,
}

/// What governance allows sponsors ([`crate::Pallet::claim_voucher`]).
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
pub struct SponsorLimits {
	/// How many of one sponsor's vouchers can be claimed per era ([`crate::Config::RegenPeriod`]).
	pub vouchers_per_era: u32,
	/// What a claimed voucher moves from the sponsor's funds to the new account, in
	/// [`crate::Config::CreditUnit`]s: frozen there, it pays the deposits of the handle, the profile and
	/// what the account posts, and nothing else.
	pub backing_units: u32,
	/// Credits a sponsor adds to the bar of each account it onboarded, on top of the handle's.
	pub credits: u32,
	/// The longest a voucher may be valid, in blocks from its claim.
	pub max_lifetime: u32,
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
			sponsors: SponsorLimits::default(),
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

impl Default for SponsorLimits {
	/// 100 accounts a day per sponsor, each backed with 3 units (in Kith 3 KITH: a handle's deposit, a
	/// profile's and about 80 posts'), no extra credits, vouchers valid for at most a week of 6 s blocks.
	fn default() -> Self {
		Self { vouchers_per_era: 100, backing_units: 3, credits: 0, max_lifetime: 7 * 14_400 }
	}
}

/// The longest handle a voucher can name (the profiles pallet's limit).
pub type MaxVoucherHandleLen = ConstU32<32>;

/// A sponsor's promise, signed by it, that `account` may claim `handle` with a profile at the sponsor's
/// cost until block `expires`.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Voucher<AccountId, BlockNumber> {
	/// Who pays.
	pub sponsor: AccountId,
	/// Who may claim it.
	pub account: AccountId,
	/// The handle it is for, as the profiles pallet takes it.
	pub handle: BoundedVec<u8, MaxVoucherHandleLen>,
	/// The last block it can be claimed in.
	pub expires: BlockNumber,
}

/// A sponsor's funds and how many of its vouchers were claimed in its latest era.
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
	Default,
)]
pub struct Sponsor<Balance> {
	/// Funds held for the accounts it will onboard ([`crate::HoldReason::Sponsor`]).
	pub funds: Balance,
	/// The era of `claimed`.
	pub era: u32,
	/// Vouchers claimed in `era`.
	pub claimed: u32,
	/// Accounts it sponsors now.
	pub accounts: u32,
}

/// An account onboarded by a sponsor, while it holds the handle it claimed.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Sponsorship<AccountId, Balance> {
	/// Who onboarded it.
	pub sponsor: AccountId,
	/// What the sponsor moved to it, frozen there ([`crate::FreezeReason::Sponsored`]).
	pub backing: Balance,
}
