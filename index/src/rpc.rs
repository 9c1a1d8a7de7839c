//! [`SocialRpc`]: the `social_*` API (`kith-social-rpc-api`) served from a [`SharedIndex`].
//!
//! Every read happens at the index's best block (its number is the `now` of suspension checks) and
//! says so in its `at` field. Parameters are checked before anything is read; what is wrong with them
//! comes back as an "invalid params" error (-32602) whose message names the culprit.
//!
//! Subscriptions remember what they pushed: after each new best block they push what is newer, and
//! after a reorg (or after falling behind the stream of best blocks) they first check that what they
//! pushed lately is still there, and push the ids of what is not as `retracted`.

use std::{collections::VecDeque, sync::Arc};

use codec::Encode;
use jsonrpsee::{
	core::{async_trait, RpcResult, SubscriptionResult},
	types::{
		error::{INTERNAL_ERROR_CODE, INVALID_PARAMS_CODE},
		ErrorObject, ErrorObjectOwned,
	},
	PendingSubscriptionSink, SubscriptionMessage, SubscriptionSink,
};
use kith_social_rpc_api::{
	At, Count, HomeFeedOptions, Items, Moderation, OnePost, OneProfile, Response, SocialApiServer,
	Update, MARK_READ_CONTEXT, MAX_LIMIT,
};
use serde::Serialize;
use sp_core::{
	crypto::{AccountId32, Ss58Codec},
	sr25519, Pair as _, H256,
};
use tokio::sync::broadcast::{self, error::RecvError};

use crate::{
	store::{col, key},
	worker::LOG_TARGET,
	BestBlock, HandleMatch, Hash, Index, ModerationView, Notification, Page, PostKind, PostView,
	ProfileView, SharedIndex,
};

/// Kith's SS58 address format (the runtime's `SS58_PREFIX`) and the generic Substrate one: the two
/// address forms accepted.
const SS58_FORMATS: [u16; 2] = [4242, 42];

/// The longest tag: longer `#words` are not indexed as tags.
const MAX_TAG_LEN: usize = 64;

/// How many items a subscription pushes at most after one block.
const MAX_PUSH: usize = 1_000;

/// How many pushed items a subscription remembers, to tell which a reorg took back.
const REMEMBERED: usize = 256;

/// How often a read is tried again when the block it read at was just dropped by finality.
const READ_ATTEMPTS: usize = 3;

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
pub enum RpcError {
	/// An account parameter is not an address.
	#[error("invalid account `{0}`: not an SS58 address or 0x-hex account id")]
	InvalidAccount(String),
	/// A profile parameter is neither an address nor a handle.
	#[error(
		"invalid account or handle `{0}`: not an SS58 address, a 0x-hex account id or a handle"
	)]
	InvalidAccountOrHandle(String),
	/// The index has nothing about the account.
	#[error(
		"account {0} is not known to the social index (it has no profile, handle, post, follow or \
		 notification)"
	)]
	UnknownAccount(String),
	/// Nobody holds the handle.
	#[error("handle @{0} is not known to the social index")]
	UnknownHandle(String),
	/// The post does not exist.
	#[error("post {0} is not known to the social index")]
	UnknownPost(u64),
	/// The cursor was not made for this list.
	#[error("malformed cursor `{0}`: pass back the `nextCursor` of a page of the same list")]
	BadCursor(String),
	/// The limit is out of range.
	#[error("limit must be 1 to {MAX_LIMIT}, not {0}")]
	BadLimit(u32),
	/// The tag cannot be a tag.
	#[error(
		"invalid tag `{0}`: a tag is 1 to {MAX_TAG_LEN} ASCII letters, digits or `_`, with or \
		 without `#`"
	)]
	BadTag(String),
	/// The handle prefix cannot start a handle.
	#[error(
		"invalid handle prefix `{0}`: give one or more ASCII letters, digits or `_`, with or \
		 without `@`"
	)]
	BadPrefix(String),
	/// The `social_markRead` signature is malformed or wrong.
	#[error("invalid signature: {0}")]
	BadSignature(&'static str),
	/// `social_markRead` would mark notifications that do not exist yet.
	#[error("seq {seq} is beyond the account's latest notification ({latest})")]
	SeqTooHigh {
		/// The seq asked for.
		seq: u64,
		/// The account's latest notification.
		latest: u64,
	},
	/// The index has no block to read at yet.
	#[error("the social index has not imported a block yet")]
	NotReady,
	/// The index failed.
	#[error("social index: {0}")]
	Index(#[from] crate::Error),
}

impl From<RpcError> for ErrorObjectOwned {
	fn from(error: RpcError) -> Self {
		let code = match error {
			RpcError::NotReady | RpcError::Index(_) => INTERNAL_ERROR_CODE,
			_ => INVALID_PARAMS_CODE,
		};
		ErrorObject::owned(code, error.to_string(), None::<()>)
	}
}

/// Maps the index's cursor error to one naming `cursor`.
fn paged(cursor: &Option<String>) -> impl Fn(crate::Error) -> RpcError + '_ {
	move |error| match error {
		crate::Error::BadCursor => RpcError::BadCursor(cursor.clone().unwrap_or_default()),
		error => RpcError::Index(error),
	}
}

/// `limit`, if it is in range.
fn check_limit(limit: u32) -> Result<u32, RpcError> {
	match limit {
		1..=MAX_LIMIT => Ok(limit),
		_ => Err(RpcError::BadLimit(limit)),
	}
}

/// The account an address or `0x`-hex account id names.
pub fn parse_account(input: &str) -> Result<AccountId32, RpcError> {
	let invalid = || RpcError::InvalidAccount(input.to_string());
	if let Some(hex) = input.strip_prefix("0x") {
		let bytes: [u8; 32] =
			hex::decode(hex).ok().and_then(|b| b.try_into().ok()).ok_or_else(invalid)?;
		return Ok(AccountId32::new(bytes));
	}
	match AccountId32::from_ss58check_with_version(input) {
		Ok((account, format)) if SS58_FORMATS.contains(&format.prefix()) => Ok(account),
		_ => Err(invalid()),
	}
}

/// Whether `c` may be part of a handle or a tag.
fn is_word(c: char) -> bool {
	c.is_ascii_alphanumeric() || c == '_'
}

/// Whether `text` is one or more word characters.
fn is_word_text(text: &str) -> bool {
	!text.is_empty() && text.chars().all(is_word)
}

/// What `social_profile` looks up.
enum ProfileTarget {
	Account(AccountId32),
	Handle(String),
}

fn parse_profile_target(input: &str) -> Result<ProfileTarget, RpcError> {
	let invalid = || RpcError::InvalidAccountOrHandle(input.to_string());
	if let Some(handle) = input.strip_prefix('@') {
		return is_word_text(handle)
			.then(|| ProfileTarget::Handle(handle.into()))
			.ok_or_else(invalid);
	}
	if let Ok(account) = parse_account(input) {
		return Ok(ProfileTarget::Account(account));
	}
	is_word_text(input).then(|| ProfileTarget::Handle(input.into())).ok_or_else(invalid)
}

/// The bytes an account signs to mark its notifications read up to `seq`: the SCALE encoding of
/// `(b"kith/mark-read", account_id, seq)`, 14 + 32 + 8 bytes (fixed-size arrays carry no length).
pub fn mark_read_payload(account: &AccountId32, seq: u64) -> Vec<u8> {
	(MARK_READ_CONTEXT, account, seq).encode()
}

/// Checks that `signature` (`0x`-hex) is `account`'s sr25519 signature of the mark-read payload,
/// bare or wrapped in `<Bytes>`...`</Bytes>` as browser wallet extensions sign raw bytes.
fn verify_mark_read(account: &AccountId32, seq: u64, signature: &str) -> Result<(), RpcError> {
	let bytes = signature.strip_prefix("0x").and_then(|hex| hex::decode(hex).ok());
	let bytes: [u8; 64] = bytes
		.and_then(|b| b.try_into().ok())
		.ok_or(RpcError::BadSignature("not 64 bytes of 0x-hex"))?;
	let signature = sr25519::Signature::from_raw(bytes);
	let public = sr25519::Public::from_raw(account.clone().into());
	let payload = mark_read_payload(account, seq);
	let wrapped = [&b"<Bytes>"[..], &payload, b"</Bytes>"].concat();
	let valid = sr25519::Pair::verify(&signature, &payload, &public)
		|| sr25519::Pair::verify(&signature, &wrapped, &public);
	valid.then_some(()).ok_or(RpcError::BadSignature(
		"not the account's sr25519 signature of (b\"kith/mark-read\", account, seq)",
	))
}

fn moderation_view(moderation: Option<Moderation>) -> ModerationView {
	match moderation.unwrap_or_default() {
		Moderation::Flag => ModerationView::Flag,
		Moderation::Filter => ModerationView::Filter,
	}
}

/// `Index::followers` or `Index::following`.
type GraphList =
	fn(&Index, Hash, &AccountId32, Option<&str>, u32) -> Result<Page<AccountId32>, crate::Error>;

/// A read at one block.
struct Reader<'a> {
	index: &'a Index,
	at: Hash,
	/// The block's number: suspensions are checked against it.
	now: u32,
}

impl Reader<'_> {
	/// Fails unless the index has something about `account` (given as `input`).
	fn require_known(&self, account: &AccountId32, input: &str) -> Result<(), RpcError> {
		match self.index.profile_by_account(self.at, account, self.now)? {
			Some(_) => Ok(()),
			None => Err(RpcError::UnknownAccount(input.to_string())),
		}
	}

	/// The sequence number of `account`'s latest notification (0: none).
	fn latest_notification(&self, account: &AccountId32) -> Result<u64, RpcError> {
		let page = self.index.notifications(self.at, account, None, 1)?;
		Ok(page.items.first().map_or(0, |n| n.seq))
	}

	/// Notification `seq` of `account`.
	fn notification(
		&self,
		account: &AccountId32,
		seq: u64,
	) -> Result<Option<Notification>, RpcError> {
		let key = key(&[account.as_ref(), &seq.to_be_bytes()]);
		Ok(self.index.read(self.at, |view| view.decode(col::NOTIFICATIONS, &key))?)
	}
}

/// Runs `query` at the index's head and says where it read. Finality may drop the head's branch
/// between reading the head and reading at it; the read is then tried again at the new head.
fn read<T>(
	shared: &SharedIndex,
	query: impl Fn(&Reader) -> Result<T, RpcError>,
) -> Result<Response<H256, T>, RpcError> {
	let mut attempts = 0;
	loop {
		let (now, at) = shared.head().ok_or(RpcError::NotReady)?;
		attempts += 1;
		match query(&Reader { index: shared.index(), at, now }) {
			Err(RpcError::Index(crate::Error::UnknownBlock(_))) if attempts < READ_ATTEMPTS => {},
			result => {
				let at = At { hash: H256(at), number: now, finalized: shared.is_finalized(at) };
				return result.map(|result| Response { at, result });
			},
		}
	}
}

/// The `social_*` RPC server.
pub struct SocialRpc {
	shared: Arc<SharedIndex>,
}

impl SocialRpc {
	/// Serves `shared`.
	pub fn new(shared: Arc<SharedIndex>) -> Self {
		SocialRpc { shared }
	}

	fn read<T>(
		&self,
		query: impl Fn(&Reader) -> Result<T, RpcError>,
	) -> Result<Response<H256, T>, RpcError> {
		read(&self.shared, query)
	}

	/// A page of the follow graph of `account`.
	fn graph(
		&self,
		account: String,
		cursor: Option<String>,
		limit: u32,
		list: GraphList,
	) -> RpcResult<Response<H256, Page<AccountId32>>> {
		let limit = check_limit(limit)?;
		let who = parse_account(&account)?;
		Ok(self.read(|r| {
			r.require_known(&who, &account)?;
			let page =
				list(r.index, r.at, &who, cursor.as_deref(), limit).map_err(paged(&cursor))?;
			Ok(page)
		})?)
	}

	/// Accepts a subscription that `follower` serves, or rejects it with what is wrong.
	async fn subscribe<F: Follower>(
		&self,
		pending: PendingSubscriptionSink,
		follower: Result<F, RpcError>,
	) -> SubscriptionResult {
		// Subscribed before the first read, so that no best block after it is missed.
		let updates = self.shared.subscribe();
		let start = follower.and_then(|follower| {
			let newest = read(&self.shared, |r| follower.newest(r))?.result;
			Ok((follower, newest.as_ref().map(F::identify)))
		});
		let (follower, newest) = match start {
			Ok(start) => start,
			Err(e) => {
				pending.reject(ErrorObjectOwned::from(e)).await;
				return Ok(());
			},
		};
		let sink = pending.accept().await?;
		let mut window = Window { seen: VecDeque::new(), last: None };
		if let Some((key, fingerprint)) = newest {
			window.seen.push_back(Seen { key, fingerprint, sent: false });
			window.last = Some(key);
		}
		follow(&self.shared, sink, updates, follower, window).await
	}
}

#[async_trait]
impl SocialApiServer<H256, AccountId32, PostView, ProfileView, HandleMatch, Notification>
	for SocialRpc
{
	fn home_feed(
		&self,
		account: String,
		cursor: Option<String>,
		limit: u32,
		options: Option<HomeFeedOptions>,
	) -> RpcResult<Response<H256, Page<PostView>>> {
		let limit = check_limit(limit)?;
		let who = parse_account(&account)?;
		let options = options.unwrap_or_default();
		let replies = options.include_replies.unwrap_or(false);
		let moderation = moderation_view(options.moderation);
		Ok(self.read(|r| {
			r.require_known(&who, &account)?;
			let page = r
				.index
				.home_feed(r.at, &who, cursor.as_deref(), limit, replies, moderation, r.now)
				.map_err(paged(&cursor))?;
			Ok(page)
		})?)
	}

	fn author_feed(
		&self,
		account: String,
		cursor: Option<String>,
		limit: u32,
		include_replies: Option<bool>,
	) -> RpcResult<Response<H256, Page<PostView>>> {
		let limit = check_limit(limit)?;
		let who = parse_account(&account)?;
		let replies = include_replies.unwrap_or(false);
		Ok(self.read(|r| {
			r.require_known(&who, &account)?;
			let page = r
				.index
				.author_feed(r.at, &who, cursor.as_deref(), limit, replies, r.now)
				.map_err(paged(&cursor))?;
			Ok(page)
		})?)
	}

	fn thread(
		&self,
		root: u64,
		cursor: Option<String>,
		limit: u32,
	) -> RpcResult<Response<H256, Page<PostView>>> {
		let limit = check_limit(limit)?;
		Ok(self.read(|r| {
			if r.index.post(r.at, root, r.now)?.is_none() {
				return Err(RpcError::UnknownPost(root));
			}
			let page = r
				.index
				.thread(r.at, root, cursor.as_deref(), limit, r.now)
				.map_err(paged(&cursor))?;
			Ok(page)
		})?)
	}

	fn post(&self, id: u64) -> RpcResult<Response<H256, OnePost<PostView>>> {
		Ok(self.read(|r| {
			let post = r.index.post(r.at, id, r.now)?.ok_or(RpcError::UnknownPost(id))?;
			Ok(OnePost { post })
		})?)
	}

	fn profile(
		&self,
		account_or_handle: String,
	) -> RpcResult<Response<H256, OneProfile<ProfileView>>> {
		let target = parse_profile_target(&account_or_handle)?;
		Ok(self.read(|r| {
			let profile = match &target {
				ProfileTarget::Account(who) => r
					.index
					.profile_by_account(r.at, who, r.now)?
					.ok_or_else(|| RpcError::UnknownAccount(account_or_handle.clone()))?,
				ProfileTarget::Handle(handle) => r
					.index
					.profile_by_handle(r.at, handle, r.now)?
					.ok_or_else(|| RpcError::UnknownHandle(handle.to_ascii_lowercase()))?,
			};
			Ok(OneProfile { profile })
		})?)
	}

	fn search_handles(
		&self,
		prefix: String,
		limit: u32,
	) -> RpcResult<Response<H256, Items<HandleMatch>>> {
		let limit = check_limit(limit)?;
		let bare = prefix.strip_prefix('@').unwrap_or(&prefix);
		if !is_word_text(bare) {
			return Err(RpcError::BadPrefix(prefix).into());
		}
		Ok(self.read(|r| Ok(Items { items: r.index.search_handles(r.at, bare, limit)? }))?)
	}

	fn tag_feed(
		&self,
		tag: String,
		cursor: Option<String>,
		limit: u32,
	) -> RpcResult<Response<H256, Page<PostView>>> {
		let limit = check_limit(limit)?;
		let bare = tag.strip_prefix('#').unwrap_or(&tag);
		if !is_word_text(bare) || bare.len() > MAX_TAG_LEN {
			return Err(RpcError::BadTag(tag).into());
		}
		Ok(self.read(|r| {
			let page = r
				.index
				.tag_feed(r.at, bare, cursor.as_deref(), limit, r.now)
				.map_err(paged(&cursor))?;
			Ok(page)
		})?)
	}

	fn followers(
		&self,
		account: String,
		cursor: Option<String>,
		limit: u32,
	) -> RpcResult<Response<H256, Page<AccountId32>>> {
		self.graph(account, cursor, limit, Index::followers)
	}

	fn following(
		&self,
		account: String,
		cursor: Option<String>,
		limit: u32,
	) -> RpcResult<Response<H256, Page<AccountId32>>> {
		self.graph(account, cursor, limit, Index::following)
	}

	fn notifications(
		&self,
		account: String,
		cursor: Option<String>,
		limit: u32,
	) -> RpcResult<Response<H256, Page<Notification>>> {
		let limit = check_limit(limit)?;
		let who = parse_account(&account)?;
		Ok(self.read(|r| {
			r.require_known(&who, &account)?;
			let page = r
				.index
				.notifications(r.at, &who, cursor.as_deref(), limit)
				.map_err(paged(&cursor))?;
			Ok(page)
		})?)
	}

	fn unread_count(&self, account: String) -> RpcResult<Response<H256, Count>> {
		let who = parse_account(&account)?;
		Ok(self.read(|r| {
			r.require_known(&who, &account)?;
			Ok(Count { count: r.index.unread_count(r.at, &who)? })
		})?)
	}

	fn mark_read(
		&self,
		account: String,
		up_to: u64,
		signature: String,
	) -> RpcResult<Response<H256, Count>> {
		let seq = up_to;
		let who = parse_account(&account)?;
		verify_mark_read(&who, seq, &signature)?;
		Ok(self.read(|r| {
			r.require_known(&who, &account)?;
			let latest = r.latest_notification(&who)?;
			if seq > latest {
				return Err(RpcError::SeqTooHigh { seq, latest });
			}
			r.index.mark_read(&who, seq)?;
			Ok(Count { count: r.index.unread_count(r.at, &who)? })
		})?)
	}

	async fn subscribe_home_feed(
		&self,
		pending: PendingSubscriptionSink,
		account: String,
		options: Option<HomeFeedOptions>,
	) -> SubscriptionResult {
		let follower = parse_account(&account).and_then(|who| {
			let options = options.unwrap_or_default();
			let follower = HomeFeed {
				who,
				replies: options.include_replies.unwrap_or(false),
				moderation: moderation_view(options.moderation),
			};
			read(&self.shared, |r| r.require_known(&follower.who, &account))?;
			Ok(follower)
		});
		self.subscribe(pending, follower).await
	}

	async fn subscribe_notifications(
		&self,
		pending: PendingSubscriptionSink,
		account: String,
	) -> SubscriptionResult {
		let follower = parse_account(&account).and_then(|who| {
			read(&self.shared, |r| r.require_known(&who, &account))?;
			Ok(Notifications { who })
		});
		self.subscribe(pending, follower).await
	}
}

/// A list a subscription follows: its items have increasing keys (post ids, notification sequence
/// numbers) and a fingerprint that tells an item from another one with the same key on another fork.
trait Follower: Send + Sync + 'static {
	/// What is pushed.
	type Item: Serialize + Send;
	/// What tells two items of the same key apart.
	type Fingerprint: PartialEq + Send;

	/// The key and fingerprint of `item`.
	fn identify(item: &Self::Item) -> (u64, Self::Fingerprint);

	/// The list's items with keys above `after` (every item if `None`), newest first, at most
	/// [`MAX_PUSH`].
	fn newer(&self, r: &Reader, after: Option<u64>) -> Result<Vec<Self::Item>, RpcError>;

	/// The list's newest item.
	fn newest(&self, r: &Reader) -> Result<Option<Self::Item>, RpcError>;

	/// The fingerprint of the item with `key`, if the list has it.
	fn find(&self, r: &Reader, key: u64) -> Result<Option<Self::Fingerprint>, RpcError>;
}

/// The items of the pages `page` gives (for a cursor) with keys above `after`, newest first, at most
/// [`MAX_PUSH`].
fn collect_newer<T>(
	after: Option<u64>,
	key: impl Fn(&T) -> u64,
	mut page: impl FnMut(Option<&str>) -> Result<Page<T>, crate::Error>,
) -> Result<Vec<T>, RpcError> {
	let mut items = Vec::new();
	let mut cursor: Option<String> = None;
	loop {
		let Page { items: batch, next_cursor } = page(cursor.as_deref())?;
		for item in batch {
			if after.is_some_and(|after| key(&item) <= after) || items.len() == MAX_PUSH {
				return Ok(items);
			}
			items.push(item);
		}
		match next_cursor {
			Some(next) => cursor = Some(next),
			None => return Ok(items),
		}
	}
}

/// The home feed of `who`.
struct HomeFeed {
	who: AccountId32,
	replies: bool,
	moderation: ModerationView,
}

impl HomeFeed {
	fn page(
		&self,
		r: &Reader,
		cursor: Option<&str>,
		limit: u32,
	) -> Result<Page<PostView>, crate::Error> {
		r.index.home_feed(r.at, &self.who, cursor, limit, self.replies, self.moderation, r.now)
	}
}

impl Follower for HomeFeed {
	type Item = PostView;
	type Fingerprint = (AccountId32, PostKind, u32);

	fn identify(item: &PostView) -> (u64, Self::Fingerprint) {
		let post = &item.post;
		(post.id, (post.author.clone(), post.kind, post.created))
	}

	fn newer(&self, r: &Reader, after: Option<u64>) -> Result<Vec<PostView>, RpcError> {
		collect_newer(after, |p: &PostView| p.post.id, |cursor| self.page(r, cursor, MAX_LIMIT))
	}

	fn newest(&self, r: &Reader) -> Result<Option<PostView>, RpcError> {
		Ok(self.page(r, None, 1)?.items.into_iter().next())
	}

	fn find(&self, r: &Reader, key: u64) -> Result<Option<Self::Fingerprint>, RpcError> {
		let post = r.index.post(r.at, key, r.now)?.filter(|p| !p.post.deleted);
		Ok(post.map(|p| Self::identify(&p).1))
	}
}

/// The notifications of `who`.
struct Notifications {
	who: AccountId32,
}

impl Follower for Notifications {
	type Item = Notification;
	type Fingerprint = Notification;

	fn identify(item: &Notification) -> (u64, Notification) {
		(item.seq, item.clone())
	}

	fn newer(&self, r: &Reader, after: Option<u64>) -> Result<Vec<Notification>, RpcError> {
		collect_newer(
			after,
			|n: &Notification| n.seq,
			|cursor| r.index.notifications(r.at, &self.who, cursor, MAX_LIMIT),
		)
	}

	fn newest(&self, r: &Reader) -> Result<Option<Notification>, RpcError> {
		Ok(r.index.notifications(r.at, &self.who, None, 1)?.items.into_iter().next())
	}

	fn find(&self, r: &Reader, key: u64) -> Result<Option<Notification>, RpcError> {
		r.notification(&self.who, key)
	}
}

/// An item a subscription has seen.
struct Seen<F> {
	key: u64,
	fingerprint: F,
	/// Whether it was pushed (the newest item when the subscription started was not).
	sent: bool,
}

/// The items a subscription has seen lately, in key order, and the newest key it has covered.
struct Window<F> {
	seen: VecDeque<Seen<F>>,
	last: Option<u64>,
}

/// What is new in the followed list at the current head since the last update, if anything. After a
/// reorg, seen items that are gone are retracted (if they were pushed) and the list is read again from
/// below the oldest of them, so that what replaced them is pushed.
fn next_update<F: Follower>(
	shared: &SharedIndex,
	follower: &F,
	window: &mut Window<F::Fingerprint>,
	reorg: bool,
) -> Result<Option<Update<H256, F::Item>>, RpcError> {
	let read = read(shared, |r| {
		let mut gone = Vec::new();
		if reorg {
			for seen in &window.seen {
				if follower.find(r, seen.key)?.as_ref() != Some(&seen.fingerprint) {
					gone.push(seen.key);
				}
			}
		}
		let after = match gone.first() {
			Some(&oldest) => oldest.checked_sub(1),
			None => window.last,
		};
		Ok((gone, after, follower.newer(r, after)?))
	})?;
	let (gone, after, items) = read.result;

	let mut retracted = Vec::new();
	window.seen.retain(|seen| {
		let kept = !gone.contains(&seen.key);
		if !kept && seen.sent {
			retracted.push(seen.key);
		}
		kept
	});
	let mut pushed = Vec::new();
	for item in items {
		let (key, fingerprint) = F::identify(&item);
		if !window.seen.iter().any(|s| s.key == key && s.fingerprint == fingerprint) {
			window.seen.push_back(Seen { key, fingerprint, sent: true });
			pushed.push(item);
		}
	}
	window.seen.make_contiguous().sort_by_key(|seen| seen.key);
	while window.seen.len() > REMEMBERED {
		window.seen.pop_front();
	}
	window.last = window.seen.back().map(|seen| seen.key).max(after);

	if pushed.is_empty() && retracted.is_empty() {
		return Ok(None);
	}
	Ok(Some(Update { at: read.at, items: pushed, retracted }))
}

/// Pushes updates of `follower`'s list after each new best block until the subscriber leaves.
async fn follow<F: Follower>(
	shared: &SharedIndex,
	sink: SubscriptionSink,
	mut updates: broadcast::Receiver<BestBlock>,
	follower: F,
	mut window: Window<F::Fingerprint>,
) -> SubscriptionResult {
	loop {
		let reorg = tokio::select! {
			_ = sink.closed() => return Ok(()),
			best = updates.recv() => match best {
				Ok(best) => !best.retracted.is_empty(),
				// Best blocks were missed, a reorg perhaps among them.
				Err(RecvError::Lagged(_)) => true,
				Err(RecvError::Closed) => return Ok(()),
			},
		};
		match next_update(shared, &follower, &mut window, reorg) {
			Ok(Some(update)) => {
				if sink.send(SubscriptionMessage::from_json(&update)?).await.is_err() {
					return Ok(());
				}
			},
			Ok(None) => {},
			Err(e) => log::debug!(target: LOG_TARGET, "A subscription skipped a block: {e}"),
		}
	}
}

#[cfg(test)]
mod tests;
