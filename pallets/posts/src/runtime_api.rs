//! The runtime API clients read posts through.

use crate::{PostId, ReactionCounts};
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Posts and their reactions, for clients. Feeds (an author's posts, threads) are the node's
	/// `social_*` RPC, served from its index.
	///
	/// Version 2 dropped version 1's pages (`posts_by_author`, `replies`, `thread`), whose on-chain
	/// indexes every post paid to write.
	#[api_version(2)]
	pub trait PostsApi<AccountId, Post> where AccountId: Codec, Post: Codec {
		/// The post `id` (a tombstone if deleted).
		fn post(id: PostId) -> Option<Post>;
		/// How many reactions of each kind `post_id` has.
		fn reactions(post_id: PostId) -> Option<ReactionCounts>;
	}
}
