//! Types of the posts pallet.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use kith_primitives::ContentRef;
pub use kith_primitives::{PostId, PostKind};
use scale_info::TypeInfo;

/// What a post is, as its author asks for it in `create_post`.
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
pub enum NewPostKind {
	/// A post that starts a thread.
	Root,
	/// An answer to `parent` (a post of any kind but a repost).
	Reply {
		/// The post answered.
		parent: PostId,
	},
	/// `of` shared again, without content.
	Repost {
		/// The post shared.
		of: PostId,
	},
	/// `of` shared with a comment.
	Quote {
		/// The post quoted.
		of: PostId,
	},
}

/// The content of a post as its author sends it; checked into [`Content`].
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum ContentInput {
	/// UTF-8 text.
	Text(Vec<u8>),
	/// A content reference (an IPFS CID) of media or a long text, with an optional short text.
	Media {
		/// The CID.
		cid: Vec<u8>,
		/// A caption (UTF-8, may be empty).
		text: Vec<u8>,
	},
}

/// The content of a post, as stored: text on chain, or a content hash of what lives off chain.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxText, MaxCaption))]
pub enum Content<MaxText: Get<u32>, MaxCaption: Get<u32>> {
	/// UTF-8 text.
	Text(BoundedVec<u8, MaxText>),
	/// A CID of media or a long text, with a short UTF-8 caption.
	Media {
		/// The CID.
		cid: ContentRef,
		/// The caption (may be empty).
		text: BoundedVec<u8, MaxCaption>,
	},
}

impl<MaxText: Get<u32>, MaxCaption: Get<u32>> Content<MaxText, MaxCaption> {
	/// How many bytes the content stores (what its deposit is paid for).
	pub fn byte_len(&self) -> usize {
		match self {
			Content::Text(text) => text.len(),
			Content::Media { cid, text } => cid.len() + text.len(),
		}
	}
}

/// The reactions a post can get: one per account per post, changeable.
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
pub enum Reaction {
	/// 👍
	Like,
	/// ❤️
	Love,
	/// 😂
	Laugh,
	/// 💡
	Insightful,
	/// 😢
	Sad,
	/// 😠
	Angry,
}

impl Reaction {
	/// Whether the reaction appreciates the post (`Like`, `Love`, `Laugh`, `Insightful`): only these count
	/// towards creator rewards.
	pub fn is_positive(self) -> bool {
		matches!(self, Reaction::Like | Reaction::Love | Reaction::Laugh | Reaction::Insightful)
	}
}

/// How many reactions of each kind a post has.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct ReactionCounts {
	/// 👍
	pub like: u32,
	/// ❤️
	pub love: u32,
	/// 😂
	pub laugh: u32,
	/// 💡
	pub insightful: u32,
	/// 😢
	pub sad: u32,
	/// 😠
	pub angry: u32,
}

impl ReactionCounts {
	/// The counter of `reaction`.
	pub fn of(&mut self, reaction: Reaction) -> &mut u32 {
		match reaction {
			Reaction::Like => &mut self.like,
			Reaction::Love => &mut self.love,
			Reaction::Laugh => &mut self.laugh,
			Reaction::Insightful => &mut self.insightful,
			Reaction::Sad => &mut self.sad,
			Reaction::Angry => &mut self.angry,
		}
	}

	/// All reactions together.
	pub fn total(&self) -> u64 {
		[self.like, self.love, self.laugh, self.insightful, self.sad, self.angry]
			.iter()
			.map(|n| *n as u64)
			.sum()
	}
}

/// A post. After its author deletes it, a tombstone remains: `content` is gone, `deleted` is set, and
/// the id keeps its place in threads.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxText, MaxCaption))]
#[codec(mel_bound(AccountId: MaxEncodedLen, BlockNumber: MaxEncodedLen, Balance: MaxEncodedLen))]
pub struct Post<AccountId, BlockNumber, Balance, MaxText, MaxCaption>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxText: Get<u32>,
	MaxCaption: Get<u32>,
{
	/// Who wrote it.
	pub author: AccountId,
	/// Root, reply, repost or quote.
	pub kind: PostKind,
	/// What it says (`None` for a repost, and once deleted).
	pub content: Option<Content<MaxText, MaxCaption>>,
	/// The block it was created in.
	pub created_at: BlockNumber,
	/// The block of its last edit.
	pub edited_at: Option<BlockNumber>,
	/// How many live replies answer it directly.
	pub reply_count: u32,
	/// How many live reposts share it.
	pub repost_count: u32,
	/// How many live quotes quote it.
	pub quote_count: u32,
	/// Its reactions.
	pub reactions: ReactionCounts,
	/// What the author holds for it (zero once deleted).
	pub deposit: Balance,
	/// Whether the author deleted it.
	pub deleted: bool,
}
