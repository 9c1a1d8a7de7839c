//! What the node's social index reads from each block: the block's social changes, in the order they
//! happened, as the runtime decodes them from the block's events (`SocialIndexApi`).
//!
//! The types here are the contract between runtime and node. They carry everything an index needs to
//! serve feeds without reading other state (a new post comes with its content, a moderation decision with
//! the target's enforcement after it), and they change only with a new version of the runtime API, so
//! that a runtime upgrade never breaks a node that indexes.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

use crate::{PostId, PostKind};

/// A post's content as the index keeps it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub enum IndexedContent {
	/// No content: a repost, or a deleted post.
	None,
	/// UTF-8 text.
	Text(Vec<u8>),
	/// A content reference (IPFS CID) of media or a long text, with a caption (UTF-8, may be empty).
	Media {
		/// The CID, as text.
		cid: Vec<u8>,
		/// The caption.
		caption: Vec<u8>,
	},
}

/// A profile as the index keeps it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug, Default)]
pub struct IndexedProfile {
	/// The account's handle (lowercase), if it holds one.
	pub handle: Option<Vec<u8>>,
	/// The display name (UTF-8, may be empty).
	pub display_name: Vec<u8>,
	/// The bio (UTF-8, may be empty).
	pub bio: Vec<u8>,
	/// The avatar's content reference, if any.
	pub avatar: Option<Vec<u8>>,
}

/// What a moderation report or case is about.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub enum IndexedTarget<AccountId> {
	/// A post.
	Post(PostId),
	/// An account.
	Account(AccountId),
}

/// One social change of a block.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub enum SocialChange<AccountId, Balance, BlockNumber> {
	/// `who`'s profile or handle changed: this is how it is now (`None`: neither profile nor handle).
	Profile {
		/// The account.
		who: AccountId,
		/// Its profile after the change.
		profile: Option<IndexedProfile>,
	},
	/// `follower` follows `followee`.
	Followed {
		/// Who follows.
		follower: AccountId,
		/// Who is followed.
		followee: AccountId,
	},
	/// `follower` no longer follows `followee`.
	Unfollowed {
		/// Who followed.
		follower: AccountId,
		/// Who was followed.
		followee: AccountId,
	},
	/// `blocker` blocked `blocked` (which ended any follow between them).
	Blocked {
		/// Who blocks.
		blocker: AccountId,
		/// Who is blocked.
		blocked: AccountId,
	},
	/// `blocker` lifted the block of `blocked`.
	Unblocked {
		/// Who blocked.
		blocker: AccountId,
		/// Who was blocked.
		blocked: AccountId,
	},
	/// The social graph of `from` (its follows and blocks, both ways) moved to `to`.
	GraphMoved {
		/// The old key.
		from: AccountId,
		/// The new key.
		to: AccountId,
	},
	/// A post was made.
	PostCreated {
		/// Its id.
		post_id: PostId,
		/// Its author.
		author: AccountId,
		/// Root, reply, repost or quote.
		kind: PostKind,
		/// What it says.
		content: IndexedContent,
	},
	/// A post's content was replaced.
	PostEdited {
		/// Its id.
		post_id: PostId,
		/// The new content.
		content: IndexedContent,
	},
	/// A post was deleted by its author: it stays as a tombstone.
	PostDeleted {
		/// Its id.
		post_id: PostId,
	},
	/// `who` reacted to a post (replacing `previous`, if it had reacted before).
	Reacted {
		/// The post.
		post_id: PostId,
		/// Who reacted.
		who: AccountId,
		/// The reaction's index (`Like` 0, `Love` 1, `Laugh` 2, `Insightful` 3, `Sad` 4, `Angry` 5).
		reaction: u8,
		/// The reaction it replaced.
		previous: Option<u8>,
	},
	/// `who` took its reaction back.
	Unreacted {
		/// The post.
		post_id: PostId,
		/// Who had reacted.
		who: AccountId,
		/// The reaction taken back.
		reaction: u8,
	},
	/// A tip, to a post's author or to a creator.
	Tipped {
		/// Who tipped.
		from: AccountId,
		/// Who received it.
		to: AccountId,
		/// The post tipped, if any.
		post_id: Option<PostId>,
		/// How much.
		amount: Balance,
		/// The memo (UTF-8), if any.
		memo: Option<Vec<u8>>,
	},
	/// `reporter` reported a post or an account under rule `rule`.
	Reported {
		/// Who reported.
		reporter: AccountId,
		/// What.
		target: IndexedTarget<AccountId>,
		/// Under which rule of the rulebook.
		rule: u32,
		/// The account the report is about (the post's author, or the account itself).
		affected: AccountId,
	},
	/// Token holders decided a case.
	CaseDecided {
		/// The case.
		case_id: u32,
		/// What it was about.
		target: IndexedTarget<AccountId>,
		/// The account it affects.
		affected: AccountId,
		/// Whether the rule's action now applies.
		upheld: bool,
	},
	/// A jury decided an appeal.
	AppealDecided {
		/// The case appealed.
		case_id: u32,
		/// What it was about.
		target: IndexedTarget<AccountId>,
		/// The account it affects.
		affected: AccountId,
		/// Whether the enforcement was lifted.
		overturned: bool,
	},
	/// The enforcement on a target after a case or an appeal changed it.
	Enforcement {
		/// The post or account.
		target: IndexedTarget<AccountId>,
		/// Whether feeds hide the post.
		hidden: bool,
		/// The block until which the account (or the post's author) is suspended, if it is.
		suspended_until: Option<BlockNumber>,
	},
}
