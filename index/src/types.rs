//! What the index stores and what its queries return.
//!
//! Records are SCALE-encoded in the store; the same types derive `serde::Serialize` (camelCase) so that
//! the RPC returns them as they are. Balances are serialized as decimal strings, since JSON numbers lose
//! precision above 2^53.

use codec::{Decode, Encode};
pub use kith_primitives::PostKind;
use kith_primitives::{
	index::{IndexedContent, IndexedProfile, IndexedTarget},
	PostId,
};
use serde::{Serialize, Serializer};
use sp_core::crypto::AccountId32;

/// A block hash.
pub type Hash = [u8; 32];

/// One social change of a block, with Kith's account, balance and block number types.
pub type Change = kith_primitives::index::SocialChange<AccountId32, u128, u32>;

/// The number of reaction kinds (`Like` 0, `Love` 1, `Laugh` 2, `Insightful` 3, `Sad` 4, `Angry` 5).
pub const REACTION_KINDS: usize = 6;

/// Serializes a balance as a decimal string.
fn as_decimal<S: Serializer>(value: &u128, serializer: S) -> Result<S::Ok, S::Error> {
	serializer.collect_str(value)
}

/// Where a block sits in the chain: enough to find its branch without asking the node.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct BlockRef {
	/// The block's hash.
	pub hash: Hash,
	/// Its parent's hash.
	pub parent: Hash,
	/// Its number.
	pub number: u32,
}

/// A post's content, as text.
#[derive(Encode, Decode, Serialize, Clone, PartialEq, Eq, Debug)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Content {
	/// No content: a repost, or a deleted post.
	None,
	/// Text.
	Text {
		/// The text (invalid UTF-8 replaced).
		text: String,
	},
	/// Off-chain media or a long text, with a caption.
	Media {
		/// The content reference (IPFS CID).
		cid: String,
		/// The caption, possibly empty.
		caption: String,
	},
}

impl Content {
	/// The text in which hashtags and mentions are looked for.
	pub fn text(&self) -> &str {
		match self {
			Content::None => "",
			Content::Text { text } => text,
			Content::Media { caption, .. } => caption,
		}
	}
}

impl From<IndexedContent> for Content {
	fn from(content: IndexedContent) -> Self {
		let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
		match content {
			IndexedContent::None => Content::None,
			IndexedContent::Text(t) => Content::Text { text: text(&t) },
			IndexedContent::Media { cid, caption } => {
				Content::Media { cid: text(&cid), caption: text(&caption) }
			},
		}
	}
}

/// A post with its counters, as the index keeps it.
#[derive(Encode, Decode, Serialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct PostRecord {
	/// Its id.
	pub id: PostId,
	/// Its author.
	pub author: AccountId32,
	/// Root, reply, repost or quote.
	pub kind: PostKind,
	/// What it says (`None` once deleted).
	pub content: Content,
	/// The block it was created in.
	pub created: u32,
	/// Whether its content was replaced.
	pub edited: bool,
	/// Whether its author deleted it (it stays as a tombstone).
	pub deleted: bool,
	/// Live replies to it.
	pub replies: u32,
	/// Live reposts of it.
	pub reposts: u32,
	/// Live quotes of it.
	pub quotes: u32,
	/// Reactions to it, per kind.
	pub reactions: [u32; REACTION_KINDS],
	/// Tips to it.
	pub tips: u32,
	/// The tips' total.
	#[serde(serialize_with = "as_decimal")]
	pub tipped: u128,
	/// Whether moderation hides it from feeds.
	pub hidden: bool,
}

/// What the index keeps per account: profile, counters and moderation state.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, Default)]
pub(crate) struct AccountRecord {
	/// Its profile, if it has one.
	pub profile: Option<IndexedProfile>,
	/// Accounts following it.
	pub followers: u32,
	/// Accounts it follows.
	pub following: u32,
	/// The block until which it is suspended.
	pub suspended_until: Option<u32>,
	/// An upper bound of the ids of its live posts: the home feed skips authors older than a page.
	pub newest_post: Option<PostId>,
	/// The sequence number of its latest notification (the first is 1).
	pub notifications: u64,
}

impl AccountRecord {
	/// Whether the account is suspended at block `now`.
	pub fn suspended(&self, now: u32) -> bool {
		self.suspended_until.is_some_and(|until| now < until)
	}

	/// The handle, as text.
	pub fn handle(&self) -> Option<String> {
		let handle = self.profile.as_ref()?.handle.as_ref()?;
		Some(String::from_utf8_lossy(handle).into_owned())
	}

	/// The display name, as text (empty without a profile).
	pub fn display_name(&self) -> String {
		let name = self.profile.as_ref().map_or(&[][..], |p| &p.display_name[..]);
		String::from_utf8_lossy(name).into_owned()
	}
}

/// A post as feeds show it: the record, its author's name and whether the author is suspended.
#[derive(Serialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct PostView {
	/// The post.
	#[serde(flatten)]
	pub post: PostRecord,
	/// The author's handle, if it holds one.
	pub author_handle: Option<String>,
	/// The author's display name (empty without a profile).
	pub author_name: String,
	/// Whether the author is suspended at the block the query was asked for.
	pub author_suspended: bool,
}

/// An account's profile with its graph counters.
#[derive(Serialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
	/// The account.
	pub account: AccountId32,
	/// Its handle, if it holds one.
	pub handle: Option<String>,
	/// Its display name.
	pub display_name: String,
	/// Its bio.
	pub bio: String,
	/// Its avatar's content reference, if any.
	pub avatar: Option<String>,
	/// Accounts following it.
	pub followers: u32,
	/// Accounts it follows.
	pub following: u32,
	/// Whether it is suspended at the block the query was asked for.
	pub suspended: bool,
}

/// A handle found by prefix.
#[derive(Serialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct HandleMatch {
	/// The handle.
	pub handle: String,
	/// Its owner.
	pub account: AccountId32,
	/// The owner's display name.
	pub display_name: String,
}

/// What a report or a case is about.
#[derive(Encode, Decode, Serialize, Clone, PartialEq, Eq, Debug)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Target {
	/// A post.
	Post {
		/// Its id.
		id: PostId,
	},
	/// An account.
	Account {
		/// The account.
		account: AccountId32,
	},
}

impl From<IndexedTarget<AccountId32>> for Target {
	fn from(target: IndexedTarget<AccountId32>) -> Self {
		match target {
			IndexedTarget::Post(id) => Target::Post { id },
			IndexedTarget::Account(account) => Target::Account { account },
		}
	}
}

/// What a notification tells.
#[derive(Encode, Decode, Serialize, Clone, PartialEq, Eq, Debug)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum NotificationKind {
	/// `by` replied to your post with `post_id`.
	Replied {
		/// The reply.
		post_id: PostId,
		/// Its author.
		by: AccountId32,
	},
	/// `by` mentioned you in `post_id`.
	Mentioned {
		/// The post.
		post_id: PostId,
		/// Its author.
		by: AccountId32,
	},
	/// `by` quoted your post in `post_id`.
	Quoted {
		/// The quote.
		post_id: PostId,
		/// Its author.
		by: AccountId32,
	},
	/// `by` reposted your post as `post_id`.
	Reposted {
		/// The repost.
		post_id: PostId,
		/// Its author.
		by: AccountId32,
	},
	/// `by` reacted to your post `post_id`.
	Reacted {
		/// Your post.
		post_id: PostId,
		/// Who reacted.
		by: AccountId32,
		/// The reaction's index.
		reaction: u8,
	},
	/// `by` tipped you `amount`, for a post or as a creator.
	Tipped {
		/// The post tipped, if any.
		post_id: Option<PostId>,
		/// Who tipped.
		by: AccountId32,
		/// How much.
		#[serde(serialize_with = "as_decimal")]
		amount: u128,
		/// The memo, if any.
		memo: Option<String>,
	},
	/// `by` followed you.
	Followed {
		/// The new follower.
		by: AccountId32,
	},
	/// Someone reported you or your post.
	Reported {
		/// What was reported.
		target: Target,
	},
	/// A case about you or your post was decided.
	CaseDecided {
		/// The case.
		case_id: u32,
		/// Whether the rule's action now applies.
		upheld: bool,
	},
	/// An appeal of a case about you or your post was decided.
	AppealDecided {
		/// The case.
		case_id: u32,
		/// Whether the enforcement was lifted.
		overturned: bool,
	},
}

/// A notification to an account.
#[derive(Encode, Decode, Serialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
	/// Its sequence number among the account's notifications (the first is 1).
	pub seq: u64,
	/// The block it happened in.
	pub block: u32,
	/// What happened.
	pub kind: NotificationKind,
}

/// One page of a list, with the cursor of the next page: the RPC API's own type, so that a query's page
/// is what the RPC returns.
pub use kith_social_rpc_api::Page;

/// What the home feed does with hidden posts and suspended authors.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ModerationView {
	/// Include them; their items say `hidden` / `author_suspended`.
	Flag,
	/// Leave them out.
	Filter,
}
