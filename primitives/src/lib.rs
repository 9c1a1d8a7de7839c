//! # Kith primitives
//!
//! The small vocabulary Kith's pallets share, so that each pallet depends on a trait here instead of on
//! another pallet's crate (and each pallet's mock runtime stays small):
//!
//! - [`ContentRef`] and [`is_valid_cid`]: content hashes (IPFS CIDs) of off-chain media and long texts.
//! - [`SocialGraph`]: who has blocked whom (the follows pallet answers it).
//! - [`OnIdentityMoved`]: an account's identity moved to a new key (the profiles pallet announces it).
//! - [`ModerationStatus`]: whether an account is suspended or a post hidden (the moderation pallet
//!   answers it).
//! - [`PostId`] and [`PostAuthors`]: who wrote a post and whether it still stands (the posts pallet
//!   answers it, for tipping).
//! - [`OnAppreciation`]: an account appreciated a post, with a positive reaction or a tip (the creator
//!   rewards pallet counts it).
//! - [`SocialGraphApi`]: the runtime API clients read profiles and the follow graph through.
//! - [`keys_after`]: paging through an index kept as a double map.
//! - [`SocialChange`] ([`index`]): a block's social changes, as the node's social index reads them.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod index;
pub use index::{IndexedContent, IndexedProfile, IndexedTarget, SocialChange};

use alloc::vec::Vec;
use codec::{Codec, Decode, DecodeWithMemTracking, Encode, FullCodec, MaxEncodedLen};
use frame_support::{
	pallet_prelude::ConstU32, storage::IterableStorageDoubleMap, weights::Weight, BoundedVec,
};
use scale_info::TypeInfo;

/// The longest content reference, in bytes: a CIDv1 string with a SHA-256 multihash is 59 characters in
/// base32, so 64 leaves room without inviting arbitrary data.
pub const MAX_CONTENT_REF_LEN: u32 = 64;

/// A reference to content stored off-chain: an IPFS CID (v0 or v1) in its text form, checked by
/// [`is_valid_cid`] before it is stored.
pub type ContentRef = BoundedVec<u8, ConstU32<MAX_CONTENT_REF_LEN>>;

/// Whether `cid` has the shape of an IPFS CID in text form:
/// - CIDv0: 46 characters of base58btc starting with `Qm` (a SHA-256 multihash);
/// - CIDv1: a multibase prefix and its alphabet: `b` + lowercase base32 (RFC 4648, no padding, the IPFS
///   default), `B` + uppercase base32 or `z` + base58btc, of a plausible length (at least 32 characters,
///   at most [`MAX_CONTENT_REF_LEN`]). Hex (`f`) CIDs of a SHA-256 hash are 73 characters and do not fit.
///
/// This checks shape, not that the content exists or that the multihash is well formed: the chain cannot
/// see IPFS, and clients resolve the CID.
pub fn is_valid_cid(cid: &[u8]) -> bool {
	const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
	let all = |bytes: &[u8], ok: fn(&u8) -> bool| !bytes.is_empty() && bytes.iter().all(ok);
	if cid.len() > MAX_CONTENT_REF_LEN as usize {
		return false;
	}
	if cid.len() == 46 && cid.starts_with(b"Qm") {
		return cid.iter().all(|c| BASE58.contains(c));
	}
	if cid.len() < 32 {
		return false;
	}
	let body = &cid[1..];
	match cid[0] {
		b'b' => all(body, |c| c.is_ascii_lowercase() || (b'2'..=b'7').contains(c)),
		b'B' => all(body, |c| c.is_ascii_uppercase() || (b'2'..=b'7').contains(c)),
		b'z' => all(body, |c| BASE58.contains(c)),
		_ => false,
	}
}

/// Who has blocked whom, as the social graph records it.
pub trait SocialGraph<AccountId> {
	/// Whether `by` has blocked `who`.
	fn is_blocked(by: &AccountId, who: &AccountId) -> bool;
}

/// Nobody has blocked anybody: for mocks and runtimes without a social graph.
impl<AccountId> SocialGraph<AccountId> for () {
	fn is_blocked(_: &AccountId, _: &AccountId) -> bool {
		false
	}
}

/// What moderation has decided about an account.
pub trait ModerationStatus<AccountId> {
	/// Whether `who` is suspended now: a suspended account cannot post, reply, react or tip.
	fn is_suspended(who: &AccountId) -> bool;

	/// Whether post `post` is hidden: feeds report it so (its content stays on chain).
	fn is_hidden(post: PostId) -> bool;
}

/// Nobody is suspended and nothing hidden: for mocks and runtimes without moderation.
impl<AccountId> ModerationStatus<AccountId> for () {
	fn is_suspended(_: &AccountId) -> bool {
		false
	}
	fn is_hidden(_: PostId) -> bool {
		false
	}
}

/// A post's number: sequential from 0, never reused (a deleted post leaves a tombstone).
pub type PostId = u64;

/// What a post is, as stored: a reply also records its thread's root, so that a client can fetch a
/// whole thread at once. One type for the posts pallet, its runtime APIs and the node's social index
/// (which serializes it as `{"type": "reply", "parent": 1, "root": 0}`).
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
#[cfg_attr(
	feature = "serde",
	derive(serde::Serialize),
	serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")
)]
pub enum PostKind {
	/// A post that starts a thread.
	Root,
	/// An answer to `parent`, in the thread that starts at `root`.
	Reply {
		/// The post answered.
		parent: PostId,
		/// The first post of the thread.
		root: PostId,
	},
	/// `of` shared again.
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

impl PostKind {
	/// The post this one answers, shares or quotes.
	pub fn target(&self) -> Option<PostId> {
		match self {
			PostKind::Root => None,
			PostKind::Reply { parent, .. } => Some(*parent),
			PostKind::Repost { of } | PostKind::Quote { of } => Some(*of),
		}
	}
}

/// Who wrote a post, as the posts pallet records it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PostAuthorship<AccountId> {
	/// The post's author.
	pub author: AccountId,
	/// Whether the author deleted it (only a tombstone is left).
	pub deleted: bool,
}

/// Looks up the authors of posts.
pub trait PostAuthors<AccountId> {
	/// The author of post `id` and whether it was deleted; `None` if there is no such post.
	fn authorship(id: PostId) -> Option<PostAuthorship<AccountId>>;

	/// Creates a live post by `author` for a benchmark and returns its id.
	#[cfg(feature = "runtime-benchmarks")]
	fn create_for_benchmark(author: &AccountId) -> PostId;
}

/// Told when an account appreciates a post: a positive reaction, or a tip on it. The posts and tipping
/// pallets call it after their own checks passed (never for an account's own post); what the receiver
/// does with it cannot fail the reaction or the tip.
pub trait OnAppreciation<AccountId> {
	/// `who` appreciated post `post` by `author`. Returns the weight it took, at most
	/// [`Self::weight`]; the caller charges that instead of the most.
	fn on_appreciation(who: &AccountId, author: &AccountId, post: PostId) -> Weight;

	/// The most weight [`Self::on_appreciation`] can take.
	fn weight() -> Weight;
}

impl<AccountId> OnAppreciation<AccountId> for () {
	fn on_appreciation(_: &AccountId, _: &AccountId, _: PostId) -> Weight {
		Weight::zero()
	}
	fn weight() -> Weight {
		Weight::zero()
	}
}

/// Told of moderation's decisions as they take effect, so that other pallets can act on them (the reward
/// pool stops paying for a hidden post or a suspended account). Cannot fail the decision.
pub trait OnEnforced<AccountId> {
	/// An upheld case hid post `post` by `author`.
	fn on_post_hidden(post: PostId, author: &AccountId);

	/// An upheld case suspended `who`.
	fn on_account_suspended(who: &AccountId);

	/// The most weight one of the calls above can take.
	fn weight() -> Weight;
}

impl<AccountId> OnEnforced<AccountId> for () {
	fn on_post_hidden(_: PostId, _: &AccountId) {}
	fn on_account_suspended(_: &AccountId) {}
	fn weight() -> Weight {
		Weight::zero()
	}
}

/// Told just before an account stops holding its handle (released, given to another account, or moved with
/// the identity), inside the same call, so that what depends on holding it can end (a sponsored account's
/// sponsorship, in the quota pallet). Cannot fail the call.
pub trait OnHandleGone<AccountId> {
	/// `who`'s handle is about to leave it.
	fn on_handle_gone(who: &AccountId);

	/// The most weight [`Self::on_handle_gone`] can take.
	fn weight() -> Weight;
}

impl<AccountId> OnHandleGone<AccountId> for () {
	fn on_handle_gone(_: &AccountId) {}
	fn weight() -> Weight {
		Weight::zero()
	}
}

/// Told when a user moves their identity (profile, handle, ...) from one account to a new one, in the same
/// call, so that other pallets can move what they keep for that user.
pub trait OnIdentityMoved<AccountId> {
	/// Moves what this pallet keeps for `from` to `to`. Runs inside the moving call: an error reverts the
	/// whole move.
	fn on_identity_moved(from: &AccountId, to: &AccountId) -> sp_runtime::DispatchResult;

	/// Checks, without changing anything, that the move can happen (for example that `to` has nothing of
	/// its own here yet).
	fn can_move(from: &AccountId, to: &AccountId) -> sp_runtime::DispatchResult;

	/// The most weight [`Self::on_identity_moved`] can take.
	fn weight() -> Weight;
}

impl<AccountId> OnIdentityMoved<AccountId> for () {
	fn on_identity_moved(_: &AccountId, _: &AccountId) -> sp_runtime::DispatchResult {
		Ok(())
	}
	fn can_move(_: &AccountId, _: &AccountId) -> sp_runtime::DispatchResult {
		Ok(())
	}
	fn weight() -> Weight {
		Weight::zero()
	}
}

/// Both pallets move what they keep, `A` first.
impl<AccountId, A: OnIdentityMoved<AccountId>, B: OnIdentityMoved<AccountId>>
	OnIdentityMoved<AccountId> for (A, B)
{
	fn on_identity_moved(from: &AccountId, to: &AccountId) -> sp_runtime::DispatchResult {
		A::on_identity_moved(from, to)?;
		B::on_identity_moved(from, to)
	}
	fn can_move(from: &AccountId, to: &AccountId) -> sp_runtime::DispatchResult {
		A::can_move(from, to)?;
		B::can_move(from, to)
	}
	fn weight() -> Weight {
		A::weight().saturating_add(B::weight())
	}
}

/// The second keys stored under `k1` in the double map `M`, in storage order, resuming after the key
/// `(k1, after)` when given (whether or not that entry exists). Indexes kept as one storage key per
/// entry are paged through this way: a client passes the last key of one page to get the next.
pub fn keys_after<M, K1, K2, V>(k1: &K1, after: Option<K2>) -> M::PartialKeyIterator
where
	M: IterableStorageDoubleMap<K1, K2, V>,
	K1: FullCodec,
	K2: FullCodec,
	V: FullCodec,
{
	match after {
		None => M::iter_key_prefix(k1),
		Some(after) => M::iter_key_prefix_from(k1, M::hashed_key_for(k1, after)),
	}
}

/// The most accounts one page of [`SocialGraphApi::followers`] or [`SocialGraphApi::following`] returns,
/// whatever limit is asked for.
pub const MAX_PAGE_SIZE: u32 = 1_000;

/// A profile as clients read it: what the account shows, its handle and its place in the graph.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ProfileInfo<AccountId> {
	/// The account.
	pub account: AccountId,
	/// Its handle, lowercase, if it owns one.
	pub handle: Option<Vec<u8>>,
	/// Its display name (UTF-8; empty without a profile).
	pub display_name: Vec<u8>,
	/// Its bio (UTF-8; empty without a profile).
	pub bio: Vec<u8>,
	/// The content reference of its avatar.
	pub avatar: Option<Vec<u8>>,
	/// How many accounts follow it.
	pub followers: u32,
	/// How many accounts it follows.
	pub following: u32,
}

sp_api::decl_runtime_apis! {
	/// Profiles, handles and the follow graph, for clients.
	pub trait SocialGraphApi<AccountId> where AccountId: Codec {
		/// Up to `limit` (at most [`MAX_PAGE_SIZE`]) followers of `account`, resuming after
		/// `start_after`, the last account of the previous page.
		fn followers(account: AccountId, start_after: Option<AccountId>, limit: u32) -> Vec<AccountId>;
		/// Up to `limit` (at most [`MAX_PAGE_SIZE`]) accounts `account` follows, resuming after
		/// `start_after`.
		fn following(account: AccountId, start_after: Option<AccountId>, limit: u32) -> Vec<AccountId>;
		/// Whether `follower` follows `followee`.
		fn is_following(follower: AccountId, followee: AccountId) -> bool;
		/// The profile of `account`, if it has a profile or a handle.
		fn profile(account: AccountId) -> Option<ProfileInfo<AccountId>>;
		/// The profile of the owner of `handle` (looked up case-insensitively).
		fn profile_by_handle(handle: Vec<u8>) -> Option<ProfileInfo<AccountId>>;
	}
}

sp_api::decl_runtime_apis! {
	/// What the node's social index reads from each block. Version 1.
	pub trait SocialIndexApi<AccountId, Balance, BlockNumber>
	where
		AccountId: codec::Codec,
		Balance: codec::Codec,
		BlockNumber: codec::Codec,
	{
		/// The social changes of the block this is called at (its events, in order), as the index needs
		/// them. Called at a block's own hash, after the block was imported.
		fn block_changes() -> Vec<SocialChange<AccountId, Balance, BlockNumber>>;
	}
}

#[cfg(test)]
mod tests {
	use super::is_valid_cid;

	#[test]
	fn cids_of_every_accepted_form_are_valid() {
		assert!(is_valid_cid(b"QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"));
		assert!(is_valid_cid(b"bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"));
		assert!(is_valid_cid(b"zdj7WWeQ43G6JJvLWQWZpyHuAMq6uYWRjkBXFad11vE2LHhQ7"));
		assert!(is_valid_cid(b"BAFYBEIGDYRZT5SFP7UDM7HU76UH7Y26NF3EFUYLQABF3OCLGTQY55FBZDI"));
	}

	#[test]
	fn malformed_cids_are_invalid() {
		for bad in [
			&b""[..],
			b"Qm",
			b"QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbd0", // '0' is not base58
			b"bafyBEIGdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", // mixed case base32
			b"https://example.com/image-that-is-long-enough.png",
			b"b1234567890",
			b"f01551220c3c4733ec8affd06cf9e9ff50ffc6bcd2ec85a6170004bb709669c31de94391a", // hex: too long
			b"xafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
			&[b'b'; 65],
		] {
			assert!(!is_valid_cid(bad), "{}", String::from_utf8_lossy(bad));
		}
	}
}
