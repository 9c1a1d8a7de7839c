//! # Kith social RPC API
//!
//! The `social_*` JSON-RPC methods a Kith node serves from its social index: home and author feeds,
//! threads, tags, profiles and handles, the follow graph and notifications, and subscriptions that push
//! new feed items and notifications as blocks arrive.
//!
//! The trait is generic over what it returns (block hash, account, post, profile, handle match and
//! notification), as `sc-rpc-api`'s `ChainApi` is: the node implements the server with its index's
//! types, and a client uses the generated [`SocialApiClient`] with any types that deserialize from the
//! same JSON. Only the envelopes ([`Response`], [`Page`], ...) and the parameters are fixed here.
//!
//! ## Conventions
//! - **Accounts** are strings: an SS58 address in Kith's format (4242) or the generic Substrate
//!   format (42), or the 32-byte account id as `0x`-hex.
//! - **Cursors** are opaque strings: pass a page's `nextCursor` back to get the next page; `null` when
//!   there is none.
//! - **`limit`** is 1 to [`MAX_LIMIT`].
//! - **Where it was read**: every response has `at: { hash, number, finalized }`, the block whose state
//!   it shows: the index's best block, finalized or not. A later call may read a later block.
//! - **Errors**: bad parameters (a malformed address, cursor or signature, a limit out of range, an
//!   account, handle or post the index does not know) are JSON-RPC "invalid params" errors (-32602) whose
//!   message says what is wrong.

#![warn(missing_docs)]

use jsonrpsee::{
	core::{RpcResult, SubscriptionResult},
	proc_macros::rpc,
};
use serde::{Deserialize, Serialize};

/// The most items one page holds.
pub const MAX_LIMIT: u32 = 100;

/// The domain tag at the start of the payload an account signs for `social_markRead`.
pub const MARK_READ_CONTEXT: &[u8; 14] = b"kith/mark-read";

/// The block a response was read at.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct At<Hash> {
	/// Its hash.
	pub hash: Hash,
	/// Its number.
	pub number: u32,
	/// Whether it is finalized: if not, a reorg may still replace what the response shows.
	pub finalized: bool,
}

/// A response: the block it was read at, and the result's fields beside it.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Response<Hash, T> {
	/// Where it was read.
	pub at: At<Hash>,
	/// What was read; its fields appear next to `at`.
	#[serde(flatten)]
	pub result: T,
}

/// One page of a list.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
	/// The items, in the list's order.
	pub items: Vec<T>,
	/// The cursor of the next page; `None` (`null`) on the last page.
	pub next_cursor: Option<String>,
}

/// A list that is not paged.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Items<T> {
	/// The items.
	pub items: Vec<T>,
}

/// One post.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct OnePost<Post> {
	/// The post.
	pub post: Post,
}

/// One profile.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct OneProfile<Profile> {
	/// The profile.
	pub profile: Profile,
}

/// A number of things.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Count {
	/// How many.
	pub count: u64,
}

/// What a subscription pushes after a new best block: what is new since its last message, and what
/// it sent before that a reorg has taken back.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub struct Update<Hash, T> {
	/// The new best block it was read at.
	pub at: At<Hash>,
	/// New items, newest first.
	pub items: Vec<T>,
	/// Items sent earlier that are no longer there after a reorg: post ids for the home feed,
	/// sequence numbers for notifications. Left out when empty.
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub retracted: Vec<u64>,
}

/// What the home feed does with posts that moderation hid and with suspended authors.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug, Default)]
#[serde(rename_all = "lowercase")]
pub enum Moderation {
	/// Show them, marked (`hidden`, `authorSuspended`): the client decides.
	#[default]
	Flag,
	/// Leave them out.
	Filter,
}

/// The options of the home feed.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HomeFeedOptions {
	/// Whether replies are listed too (default: no).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub include_replies: Option<bool>,
	/// Hidden posts and suspended authors: `"flag"` (default) or `"filter"`.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub moderation: Option<Moderation>,
}

/// The `social_*` methods. Type parameters: what the node returns for a block hash, an account, a post,
/// a profile, a handle found by prefix and a notification.
#[rpc(client, server)]
pub trait SocialApi<Hash, Account, Post, Profile, HandleMatch, Notification> {
	/// The newest posts of the accounts `account` follows, newest first, except accounts it blocked or
	/// that blocked it. Options: `includeReplies` (default `false`) and `moderation` (`"flag"`, the
	/// default, or `"filter"`).
	#[method(name = "social_homeFeed", blocking)]
	fn home_feed(
		&self,
		account: String,
		cursor: Option<String>,
		limit: u32,
		options: Option<HomeFeedOptions>,
	) -> RpcResult<Response<Hash, Page<Post>>>;

	/// The live posts of `account`, newest first; replies only if `includeReplies`.
	#[method(name = "social_authorFeed", blocking)]
	fn author_feed(
		&self,
		account: String,
		cursor: Option<String>,
		limit: u32,
		#[argument(rename = "includeReplies")] include_replies: Option<bool>,
	) -> RpcResult<Response<Hash, Page<Post>>>;

	/// The thread that starts at post `root`: the root first, then every reply at any depth, oldest
	/// first.
	#[method(name = "social_thread", blocking)]
	fn thread(
		&self,
		root: u64,
		cursor: Option<String>,
		limit: u32,
	) -> RpcResult<Response<Hash, Page<Post>>>;

	/// Post `id`, also when deleted (a tombstone without content).
	#[method(name = "social_post", blocking)]
	fn post(&self, id: u64) -> RpcResult<Response<Hash, OnePost<Post>>>;

	/// The profile of an account (an address) or of a handle's owner (`@alice` or `alice`, any case).
	#[method(name = "social_profile", blocking)]
	fn profile(
		&self,
		#[argument(rename = "accountOrHandle")] account_or_handle: String,
	) -> RpcResult<Response<Hash, OneProfile<Profile>>>;

	/// Up to `limit` handles that start with `prefix` (any case, `@` optional), in handle order.
	#[method(name = "social_searchHandles", blocking)]
	fn search_handles(
		&self,
		prefix: String,
		limit: u32,
	) -> RpcResult<Response<Hash, Items<HandleMatch>>>;

	/// The live posts tagged `tag` (`kith` or `#kith`, any case), newest first.
	#[method(name = "social_tagFeed", blocking)]
	fn tag_feed(
		&self,
		tag: String,
		cursor: Option<String>,
		limit: u32,
	) -> RpcResult<Response<Hash, Page<Post>>>;

	/// The accounts following `account`.
	#[method(name = "social_followers", blocking)]
	fn followers(
		&self,
		account: String,
		cursor: Option<String>,
		limit: u32,
	) -> RpcResult<Response<Hash, Page<Account>>>;

	/// The accounts `account` follows.
	#[method(name = "social_following", blocking)]
	fn following(
		&self,
		account: String,
		cursor: Option<String>,
		limit: u32,
	) -> RpcResult<Response<Hash, Page<Account>>>;

	/// The notifications of `account`, newest first. Each has a sequence number `seq` (the first is 1).
	#[method(name = "social_notifications", blocking)]
	fn notifications(
		&self,
		account: String,
		cursor: Option<String>,
		limit: u32,
	) -> RpcResult<Response<Hash, Page<Notification>>>;

	/// How many notifications of `account` came after the last one it marked read.
	#[method(name = "social_unreadCount", blocking)]
	fn unread_count(&self, account: String) -> RpcResult<Response<Hash, Count>>;

	/// Marks the notifications of `account` up to `seq` read, and returns how many are still unread.
	///
	/// `signature` (`0x`-hex) is an sr25519 signature by `account` of the SCALE encoding of
	/// `(b"kith/mark-read", account_id, seq)`: the 54 bytes `kith/mark-read` (ASCII, no length
	/// prefix), the 32-byte account id and `seq` as a little-endian `u64`. A signature of those bytes
	/// wrapped in `<Bytes>`...`</Bytes>`, as browser wallet extensions sign raw payloads, is accepted
	/// too. So only the account itself moves its read mark. The mark never moves back, and `seq` may not
	/// be beyond the account's latest notification.
	#[method(name = "social_markRead", blocking)]
	fn mark_read(
		&self,
		account: String,
		// Not `seq`: the macro's generated code has a variable of that name.
		#[argument(rename = "seq")] up_to: u64,
		signature: String,
	) -> RpcResult<Response<Hash, Count>>;

	/// Pushes, after each new best block, the home-feed posts of `account` newer than the last one it
	/// pushed (`items`), and after a reorg the ids of pushed posts that are gone (`retracted`). Nothing
	/// is pushed at the start: read `social_homeFeed` for what is there already.
	#[subscription(
		name = "social_subscribeHomeFeed" => "social_homeFeedItem",
		unsubscribe = "social_unsubscribeHomeFeed",
		item = Update<Hash, Post>
	)]
	async fn subscribe_home_feed(
		&self,
		account: String,
		options: Option<HomeFeedOptions>,
	) -> SubscriptionResult;

	/// Pushes, after each new best block, the new notifications of `account` (`items`), and after a
	/// reorg the sequence numbers of pushed notifications that are gone (`retracted`).
	#[subscription(
		name = "social_subscribeNotifications" => "social_notification",
		unsubscribe = "social_unsubscribeNotifications",
		item = Update<Hash, Notification>
	)]
	async fn subscribe_notifications(&self, account: String) -> SubscriptionResult;
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn responses_flatten_the_result_next_to_at() {
		let response = Response {
			at: At { hash: "0x01".to_string(), number: 7, finalized: false },
			result: Page { items: vec![1, 2], next_cursor: None },
		};
		let json = serde_json::to_value(&response).unwrap();
		assert_eq!(
			json,
			serde_json::json!({
				"at": { "hash": "0x01", "number": 7, "finalized": false },
				"items": [1, 2],
				"nextCursor": null
			})
		);
		let back: Response<String, Page<u32>> = serde_json::from_value(json).unwrap();
		assert_eq!(back, response);
	}

	#[test]
	fn home_feed_options_reject_unknown_fields_and_moderation_values() {
		let options: HomeFeedOptions =
			serde_json::from_str(r#"{ "includeReplies": true, "moderation": "filter" }"#).unwrap();
		assert_eq!(options.moderation, Some(Moderation::Filter));
		assert!(serde_json::from_str::<HomeFeedOptions>(r#"{ "moderation": "hide" }"#).is_err());
		assert!(serde_json::from_str::<HomeFeedOptions>(r#"{ "replies": true }"#).is_err());
	}

	#[test]
	fn updates_leave_out_an_empty_retracted_list() {
		let at = At { hash: 1u8, number: 1, finalized: true };
		let update = Update::<u8, u8> { at, items: vec![], retracted: vec![] };
		assert_eq!(serde_json::to_value(&update).unwrap().get("retracted"), None);
	}
}
