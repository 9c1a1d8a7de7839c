//! The queries the `social_*` RPC serves. Each reads the view at a block `at`; those that say whether
//! an account is suspended compare against the block number `now`.
//!
//! Lists are paged with opaque cursors: the hex of the last item's key in its list, which the next
//! call resumes after.

use std::{collections::BinaryHeap, ops::Bound};

use codec::Decode;
use kith_primitives::PostId;
use sp_core::crypto::AccountId32;

use crate::{
	apply::tag_prefix,
	store::{col, key, Dir, Scan, View},
	AccountRecord, Error, HandleMatch, Hash, Index, ModerationView, Notification, Page, PostRecord,
	PostView, ProfileView, MAX_PAGE_SIZE,
};

/// The length of a post id in keys and cursors.
const ID_LEN: usize = 8;
/// The length of an account in keys and cursors.
const ACCOUNT_LEN: usize = 32;

/// A list entry: its key in the list (after the list's prefix) and its item.
type Keyed<T> = Result<(Vec<u8>, T), Error>;

/// The key a cursor resumes after: hex of `len` bytes.
fn parse_cursor(cursor: Option<&str>, len: usize) -> Result<Option<Vec<u8>>, Error> {
	let Some(cursor) = cursor else { return Ok(None) };
	match hex::decode(cursor) {
		Ok(key) if key.len() == len => Ok(Some(key)),
		_ => Err(Error::BadCursor),
	}
}

/// Where a list resumes: after the cursor's key, or at its start.
fn resume(after: &Option<Vec<u8>>) -> Bound<&[u8]> {
	after.as_deref().map_or(Bound::Unbounded, Bound::Excluded)
}

/// A page of up to `limit` items (clamped to `1..=MAX_PAGE_SIZE`), with a cursor if more follow.
fn page<T>(entries: impl Iterator<Item = Keyed<T>>, limit: u32) -> Result<Page<T>, Error> {
	let limit = limit.clamp(1, MAX_PAGE_SIZE) as usize;
	let mut entries = entries.take(limit + 1).collect::<Result<Vec<_>, _>>()?;
	let mut next_cursor = None;
	if entries.len() > limit {
		entries.truncate(limit);
		next_cursor = entries.last().map(|(key, _)| hex::encode(key));
	}
	Ok(Page { items: entries.into_iter().map(|(_, item)| item).collect(), next_cursor })
}

fn post_id(key: &[u8]) -> Result<PostId, Error> {
	key.try_into().map(PostId::from_be_bytes).map_err(|_| Error::Corrupt("post id"))
}

fn account_id(key: &[u8]) -> Result<AccountId32, Error> {
	AccountId32::try_from(key).map_err(|_| Error::Corrupt("account"))
}

fn account_record(view: &View, who: &[u8]) -> Result<AccountRecord, Error> {
	Ok(view.decode(col::ACCOUNTS, who)?.unwrap_or_default())
}

/// Post `id` with its author's name and standing.
fn post_view(view: &View, id: PostId, now: u32) -> Result<Option<PostView>, Error> {
	let Some(post) = view.decode::<PostRecord>(col::POSTS, &id.to_be_bytes())? else {
		return Ok(None);
	};
	let author = account_record(view, post.author.as_ref())?;
	Ok(Some(PostView {
		post,
		author_handle: author.handle(),
		author_name: author.display_name(),
		author_suspended: author.suspended(now),
	}))
}

/// The posts of a list whose keys (after the prefix) are post ids.
fn posts<'v>(
	view: &'v View,
	entries: impl Iterator<Item = Keyed<Vec<u8>>> + 'v,
	now: u32,
) -> impl Iterator<Item = Keyed<PostView>> + 'v {
	let load = move |entry: Keyed<Vec<u8>>| -> Result<Option<(Vec<u8>, PostView)>, Error> {
		let (key, _) = entry?;
		Ok(post_view(view, post_id(&key)?, now)?.map(|post| (key, post)))
	};
	entries.filter_map(move |entry| load(entry).transpose())
}

fn profile_view(account: AccountId32, record: AccountRecord, now: u32) -> ProfileView {
	let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
	let profile = record.profile.clone().unwrap_or_default();
	ProfileView {
		account,
		handle: record.handle(),
		display_name: text(&profile.display_name),
		bio: text(&profile.bio),
		avatar: profile.avatar.as_deref().map(text),
		followers: record.followers,
		following: record.following,
		suspended: record.suspended(now),
	}
}

/// The next post of an author's list to show: the id of a live post, a reply only if asked for.
fn next_post(posts: &mut Scan, include_replies: bool) -> Result<Option<PostId>, Error> {
	for entry in posts {
		let (key, is_reply) = entry?;
		if include_replies || is_reply != [1] {
			return post_id(&key).map(Some);
		}
	}
	Ok(None)
}

/// A followee in the home feed's merge: its posts are read only once the merge reaches them.
struct Followee<'a> {
	account: Vec<u8>,
	posts: Option<Scan<'a>>,
}

impl Index {
	/// Post `id`.
	pub fn post(&self, at: Hash, id: PostId, now: u32) -> Result<Option<PostView>, Error> {
		self.read(at, |view| post_view(view, id, now))
	}

	/// The live posts of `author`, newest first; replies only if `include_replies`.
	pub fn author_feed(
		&self,
		at: Hash,
		author: &AccountId32,
		cursor: Option<&str>,
		limit: u32,
		include_replies: bool,
		now: u32,
	) -> Result<Page<PostView>, Error> {
		self.read(at, |view| {
			let after = parse_cursor(cursor, ID_LEN)?;
			let entries = view
				.scan(col::AUTHOR_POSTS, author.as_ref(), resume(&after), Dir::Backward)?
				.filter(|entry| include_replies || !matches!(entry, Ok((_, r)) if r == &[1]));
			page(posts(view, entries, now), limit)
		})
	}

	/// The newest posts of the accounts `account` follows, except those `account` blocked or that
	/// blocked it; replies only if `include_replies`; hidden posts and suspended authors as
	/// `moderation` says.
	///
	/// Per-author lists are merged at read time, newest first. Each followee's list is opened only when
	/// its newest post can still make the page, so followees who have not posted lately cost one
	/// record read.
	#[allow(clippy::too_many_arguments)]
	pub fn home_feed(
		&self,
		at: Hash,
		account: &AccountId32,
		cursor: Option<&str>,
		limit: u32,
		include_replies: bool,
		moderation: ModerationView,
		now: u32,
	) -> Result<Page<PostView>, Error> {
		let filter = moderation == ModerationView::Filter;
		self.read(at, |view| {
			let before = parse_cursor(cursor, ID_LEN)?.map(|key| post_id(&key)).transpose()?;
			let me: &[u8] = account.as_ref();
			// Heap entries are (id, followee): the followee's next post, or, while its list is not
			// open, an upper bound of it.
			let mut heap = BinaryHeap::new();
			let mut followees = Vec::new();
			for entry in view.scan(col::FOLLOWING, me, Bound::Unbounded, Dir::Forward)? {
				let (other, _) = entry?;
				if view.contains(col::BLOCKING, &key(&[me, &other]))?
					|| view.contains(col::BLOCKING, &key(&[&other, me]))?
				{
					continue;
				}
				let record = account_record(view, &other)?;
				if filter && record.suspended(now) {
					continue;
				}
				let bound = match (record.newest_post, before) {
					(Some(newest), Some(before)) if newest >= before => before.checked_sub(1),
					(newest, _) => newest,
				};
				if let Some(bound) = bound {
					heap.push((bound, followees.len()));
					followees.push(Followee { account: other, posts: None });
				}
			}

			let wanted = limit.clamp(1, MAX_PAGE_SIZE) as usize + 1;
			let mut items = Vec::new();
			while items.len() < wanted {
				let Some((id, slot)) = heap.pop() else { break };
				let followee = &mut followees[slot];
				let posts = match followee.posts.as_mut() {
					Some(posts) => {
						let post = post_view(view, id, now)?.filter(|p| !(filter && p.post.hidden));
						if let Some(post) = post {
							items.push(Ok((id.to_be_bytes().to_vec(), post)));
						}
						posts
					},
					None => {
						let from = Bound::Included(&id.to_be_bytes()[..]);
						let scan =
							view.scan(col::AUTHOR_POSTS, &followee.account, from, Dir::Backward)?;
						followee.posts.insert(scan)
					},
				};
				if let Some(next) = next_post(posts, include_replies)? {
					heap.push((next, slot));
				}
			}
			page(items.into_iter(), limit)
		})
	}

	/// Thread `root`: the root post first, then every reply at any depth, oldest first.
	pub fn thread(
		&self,
		at: Hash,
		root: PostId,
		cursor: Option<&str>,
		limit: u32,
		now: u32,
	) -> Result<Page<PostView>, Error> {
		self.read(at, |view| {
			let after = parse_cursor(cursor, ID_LEN)?;
			let head = match after {
				None => {
					post_view(view, root, now)?.map(|post| Ok((root.to_be_bytes().to_vec(), post)))
				},
				Some(_) => None,
			};
			let replies =
				view.scan(col::THREADS, &root.to_be_bytes(), resume(&after), Dir::Forward)?;
			page(head.into_iter().chain(posts(view, replies, now)), limit)
		})
	}

	/// The direct replies to `parent`, oldest first.
	pub fn replies(
		&self,
		at: Hash,
		parent: PostId,
		cursor: Option<&str>,
		limit: u32,
		now: u32,
	) -> Result<Page<PostView>, Error> {
		self.read(at, |view| {
			let after = parse_cursor(cursor, ID_LEN)?;
			let replies =
				view.scan(col::REPLIES, &parent.to_be_bytes(), resume(&after), Dir::Forward)?;
			page(posts(view, replies, now), limit)
		})
	}

	/// The live posts tagged `tag` (with or without `#`, any case), newest first.
	pub fn tag_feed(
		&self,
		at: Hash,
		tag: &str,
		cursor: Option<&str>,
		limit: u32,
		now: u32,
	) -> Result<Page<PostView>, Error> {
		let prefix = tag_prefix(&tag.trim_start_matches('#').to_ascii_lowercase());
		self.read(at, |view| {
			let after = parse_cursor(cursor, ID_LEN)?;
			let tagged = view.scan(col::TAGS, &prefix, resume(&after), Dir::Backward)?;
			page(posts(view, tagged, now), limit)
		})
	}

	/// Up to `limit` handles starting with `prefix` (any case), in handle order.
	pub fn search_handles(
		&self,
		at: Hash,
		prefix: &str,
		limit: u32,
	) -> Result<Vec<HandleMatch>, Error> {
		let prefix = prefix.to_ascii_lowercase();
		self.read(at, |view| {
			view.scan(col::HANDLES, prefix.as_bytes(), Bound::Unbounded, Dir::Forward)?
				.take(limit.clamp(1, MAX_PAGE_SIZE) as usize)
				.map(|entry| {
					let (rest, owner) = entry?;
					let account = account_id(&owner)?;
					Ok(HandleMatch {
						handle: format!("{prefix}{}", String::from_utf8_lossy(&rest)),
						display_name: account_record(view, &owner)?.display_name(),
						account,
					})
				})
				.collect()
		})
	}

	/// The profile of `account`, if the index has seen it.
	pub fn profile_by_account(
		&self,
		at: Hash,
		account: &AccountId32,
		now: u32,
	) -> Result<Option<ProfileView>, Error> {
		self.read(at, |view| {
			let record = view.decode::<AccountRecord>(col::ACCOUNTS, account.as_ref())?;
			Ok(record.map(|record| profile_view(account.clone(), record, now)))
		})
	}

	/// The profile of the owner of `handle` (any case).
	pub fn profile_by_handle(
		&self,
		at: Hash,
		handle: &str,
		now: u32,
	) -> Result<Option<ProfileView>, Error> {
		let handle = handle.trim_start_matches('@').to_ascii_lowercase();
		self.read(at, |view| {
			let Some(owner) = view.decode::<AccountId32>(col::HANDLES, handle.as_bytes())? else {
				return Ok(None);
			};
			let record = account_record(view, owner.as_ref())?;
			Ok(Some(profile_view(owner, record, now)))
		})
	}

	/// The accounts following `account`, in key order.
	pub fn followers(
		&self,
		at: Hash,
		account: &AccountId32,
		cursor: Option<&str>,
		limit: u32,
	) -> Result<Page<AccountId32>, Error> {
		self.accounts(at, col::FOLLOWERS, account, cursor, limit)
	}

	/// The accounts `account` follows, in key order.
	pub fn following(
		&self,
		at: Hash,
		account: &AccountId32,
		cursor: Option<&str>,
		limit: u32,
	) -> Result<Page<AccountId32>, Error> {
		self.accounts(at, col::FOLLOWING, account, cursor, limit)
	}

	/// A page of the graph column `column` for `account`.
	fn accounts(
		&self,
		at: Hash,
		column: u8,
		account: &AccountId32,
		cursor: Option<&str>,
		limit: u32,
	) -> Result<Page<AccountId32>, Error> {
		self.read(at, |view| {
			let after = parse_cursor(cursor, ACCOUNT_LEN)?;
			let entries = view
				.scan(column, account.as_ref(), resume(&after), Dir::Forward)?
				.map(|entry| entry.and_then(|(key, _)| Ok((key.clone(), account_id(&key)?))));
			page(entries, limit)
		})
	}

	/// The notifications of `account`, newest first.
	pub fn notifications(
		&self,
		at: Hash,
		account: &AccountId32,
		cursor: Option<&str>,
		limit: u32,
	) -> Result<Page<Notification>, Error> {
		self.read(at, |view| {
			let after = parse_cursor(cursor, ID_LEN)?;
			let entries = view
				.scan(col::NOTIFICATIONS, account.as_ref(), resume(&after), Dir::Backward)?
				.map(|entry| {
					let (key, value) = entry?;
					Ok((key, Notification::decode(&mut &value[..])?))
				});
			page(entries, limit)
		})
	}

	/// How many notifications of `account` came after the last one it marked read.
	pub fn unread_count(&self, at: Hash, account: &AccountId32) -> Result<u64, Error> {
		let seen = self.last_read(account)?;
		self.read(at, |view| {
			Ok(account_record(view, account.as_ref())?.notifications.saturating_sub(seen))
		})
	}
}
