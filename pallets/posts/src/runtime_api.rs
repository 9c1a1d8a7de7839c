//! The runtime API clients read posts through.

use crate::{FeedEntry, PostId, ReactionCounts};
use alloc::vec::Vec;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Posts, threads and reactions, for clients. Pages hold at most the pallet's `MaxPageSize` posts,
	/// each with whether moderation hid it.
	pub trait PostsApi<AccountId, Post> where AccountId: Codec, Post: Codec {
		/// The post `id` (a tombstone if deleted).
		fn post(id: PostId) -> Option<Post>;
		/// Up to `limit` live posts of `author`, newest first, older than `before` if given.
		fn posts_by_author(author: AccountId, before: Option<PostId>, limit: u32) -> Vec<FeedEntry<Post>>;
		/// Up to `limit` direct replies of `post_id`, oldest first, newer than `after` if given.
		fn replies(post_id: PostId, after: Option<PostId>, limit: u32) -> Vec<FeedEntry<Post>>;
		/// Up to `limit` posts of the thread that starts at `root_id`: the root, then every reply at any
		/// depth, oldest first; after `after` if given.
		fn thread(root_id: PostId, after: Option<PostId>, limit: u32) -> Vec<FeedEntry<Post>>;
		/// How many reactions of each kind `post_id` has.
		fn reactions(post_id: PostId) -> Option<ReactionCounts>;
	}
}
