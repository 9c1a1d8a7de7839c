//! How a block's social changes become writes to the index, read against the state at its parent.

use std::{collections::BTreeSet, ops::Bound};

use codec::Encode;
use kith_primitives::{
	index::{IndexedTarget, SocialChange},
	PostId,
};
use sp_core::crypto::AccountId32;

use crate::{
	store::{col, key, Dir, View, Writes},
	AccountRecord, Change, Content, Error, Notification, NotificationKind, PostKind, PostRecord,
};

/// The longest hashtag indexed, in bytes; longer ones are not tags but noise.
const MAX_TAG_LEN: usize = 64;

/// The key of `tag`'s entry for post `id`; the `0` ends the tag, so no tag is a prefix of another.
pub(crate) fn tag_prefix(tag: &str) -> Vec<u8> {
	[tag.as_bytes(), &[0]].concat()
}

/// The `#tags` of `text`: ASCII letters, digits and `_` after a `#` that does not follow such a
/// character, lowercased, each once.
pub(crate) fn hashtags(text: &str) -> BTreeSet<String> {
	words_after(text, '#')
		.filter(|tag| tag.len() <= MAX_TAG_LEN)
		.map(|tag| tag.to_ascii_lowercase())
		.collect()
}

/// The handles `@mentioned` in `text`, lowercased, each once.
fn mentions(text: &str) -> BTreeSet<String> {
	words_after(text, '@').map(|handle| handle.to_ascii_lowercase()).collect()
}

/// Whether `c` may be part of a tag or a handle.
fn is_word(c: char) -> bool {
	c.is_ascii_alphanumeric() || c == '_'
}

/// The non-empty runs of word characters right after `sigil`, where `sigil` does not follow a word
/// character (so `a#b` and `me@example` are neither tags nor mentions).
fn words_after(text: &str, sigil: char) -> impl Iterator<Item = &str> {
	text.char_indices().filter_map(move |(i, c)| {
		if c != sigil || text[..i].chars().next_back().is_some_and(is_word) {
			return None;
		}
		let rest = &text[i + 1..];
		let end = rest.find(|c| !is_word(c)).unwrap_or(rest.len());
		(end > 0).then(|| &rest[..end])
	})
}

/// The writes of one block, computed against the state at its parent.
pub(crate) struct Batch<'v, 'a> {
	parent: &'v View<'a>,
	writes: Writes,
	number: u32,
}

impl<'v, 'a> Batch<'v, 'a> {
	/// A batch for block `number` on top of `parent`.
	pub fn new(parent: &'v View<'a>, number: u32) -> Self {
		Batch { parent, writes: Writes::default(), number }
	}

	/// The block's writes.
	pub fn into_writes(self) -> Writes {
		self.writes
	}

	/// The state with this block's writes so far.
	fn view(&self) -> View<'_> {
		self.parent.with(&self.writes)
	}

	fn put(&mut self, column: u8, key: Vec<u8>, value: impl Encode) {
		self.writes.set(column, key, Some(value.encode()));
	}

	fn delete(&mut self, column: u8, key: Vec<u8>) {
		self.writes.set(column, key, None);
	}

	fn account(&self, who: &AccountId32) -> Result<AccountRecord, Error> {
		Ok(self.view().decode(col::ACCOUNTS, who.as_ref())?.unwrap_or_default())
	}

	/// Changes `who`'s record with `f`.
	fn update_account(
		&mut self,
		who: &AccountId32,
		f: impl FnOnce(&mut AccountRecord),
	) -> Result<(), Error> {
		let mut record = self.account(who)?;
		f(&mut record);
		self.put(col::ACCOUNTS, key(&[who.as_ref()]), record);
		Ok(())
	}

	fn post(&self, id: PostId) -> Result<Option<PostRecord>, Error> {
		self.view().decode(col::POSTS, &id.to_be_bytes())
	}

	/// Changes post `id` with `f`, if it exists, and returns its author.
	fn update_post(
		&mut self,
		id: PostId,
		f: impl FnOnce(&mut PostRecord),
	) -> Result<Option<AccountId32>, Error> {
		let Some(mut post) = self.post(id)? else { return Ok(None) };
		f(&mut post);
		let author = post.author.clone();
		self.put(col::POSTS, id.to_be_bytes().to_vec(), post);
		Ok(Some(author))
	}

	/// Notifies `to` of `kind`, unless `by` is `to`: nobody is notified of what they did.
	fn notify(
		&mut self,
		to: &AccountId32,
		by: Option<&AccountId32>,
		kind: NotificationKind,
	) -> Result<(), Error> {
		if by == Some(to) {
			return Ok(());
		}
		let mut record = self.account(to)?;
		record.notifications += 1;
		let seq = record.notifications;
		self.put(col::ACCOUNTS, key(&[to.as_ref()]), record);
		let notification = Notification { seq, block: self.number, kind };
		self.put(col::NOTIFICATIONS, key(&[to.as_ref(), &seq.to_be_bytes()]), notification);
		Ok(())
	}

	/// Adds (`add`) or removes the tag entries of post `id` with `content`.
	fn index_tags(&mut self, id: PostId, content: &Content, add: bool) {
		for tag in hashtags(content.text()) {
			let tag_key = key(&[&tag_prefix(&tag), &id.to_be_bytes()]);
			match add {
				true => self.put(col::TAGS, tag_key, ()),
				false => self.delete(col::TAGS, tag_key),
			}
		}
	}

	/// Applies one change.
	pub fn apply(&mut self, change: &Change) -> Result<(), Error> {
		match change.clone() {
			SocialChange::Profile { who, profile } => self.set_profile(&who, profile),
			SocialChange::Followed { follower, followee } => {
				if !self.set_edge(col::FOLLOWING, &follower, &followee, true)? {
					return Ok(());
				}
				let kind = NotificationKind::Followed { by: follower.clone() };
				self.notify(&followee, Some(&follower), kind)
			},
			SocialChange::Unfollowed { follower, followee } => {
				self.set_edge(col::FOLLOWING, &follower, &followee, false).map(drop)
			},
			SocialChange::Blocked { blocker, blocked } => {
				// As the follows pallet does: the blocked account's follow of the blocker ends.
				self.set_edge(col::BLOCKING, &blocker, &blocked, true)?;
				self.set_edge(col::FOLLOWING, &blocked, &blocker, false).map(drop)
			},
			SocialChange::Unblocked { blocker, blocked } => {
				self.set_edge(col::BLOCKING, &blocker, &blocked, false).map(drop)
			},
			SocialChange::GraphMoved { from, to } => self.move_graph(&from, &to),
			SocialChange::PostCreated { post_id, author, kind, content } => {
				self.create_post(post_id, author, kind, content.into())
			},
			SocialChange::PostEdited { post_id, content } => {
				let Some(mut post) = self.post(post_id)? else { return Ok(()) };
				self.index_tags(post_id, &post.content, false);
				post.content = content.into();
				post.edited = true;
				self.index_tags(post_id, &post.content, true);
				self.put(col::POSTS, post_id.to_be_bytes().to_vec(), post);
				Ok(())
			},
			SocialChange::PostDeleted { post_id } => self.delete_post(post_id),
			SocialChange::Reacted { post_id, who, reaction, previous } => {
				let reaction_key = key(&[&post_id.to_be_bytes(), who.as_ref()]);
				let previous =
					self.view().decode::<u8>(col::REACTIONS, &reaction_key)?.or(previous);
				self.put(col::REACTIONS, reaction_key, reaction);
				let author = self.update_post(post_id, |post| {
					if let Some(count) = previous.and_then(|p| post.reactions.get_mut(p as usize)) {
						*count = count.saturating_sub(1);
					}
					if let Some(count) = post.reactions.get_mut(reaction as usize) {
						*count += 1;
					}
				})?;
				let Some(author) = author else { return Ok(()) };
				let kind = NotificationKind::Reacted { post_id, by: who.clone(), reaction };
				self.notify(&author, Some(&who), kind)
			},
			SocialChange::Unreacted { post_id, who, reaction } => {
				let reaction_key = key(&[&post_id.to_be_bytes(), who.as_ref()]);
				let stored = self.view().decode::<u8>(col::REACTIONS, &reaction_key)?;
				let reaction = stored.unwrap_or(reaction);
				self.delete(col::REACTIONS, reaction_key);
				self.update_post(post_id, |post| {
					if let Some(count) = post.reactions.get_mut(reaction as usize) {
						*count = count.saturating_sub(1);
					}
				})
				.map(drop)
			},
			SocialChange::Tipped { from, to, post_id, amount, memo } => {
				if let Some(id) = post_id {
					self.update_post(id, |post| {
						post.tips += 1;
						post.tipped = post.tipped.saturating_add(amount);
					})?;
				}
				let memo = memo.map(|m| String::from_utf8_lossy(&m).into_owned());
				let kind = NotificationKind::Tipped { post_id, by: from.clone(), amount, memo };
				self.notify(&to, Some(&from), kind)
			},
			SocialChange::Reported { reporter, target, affected, .. } => {
				let kind = NotificationKind::Reported { target: target.into() };
				self.notify(&affected, Some(&reporter), kind)
			},
			SocialChange::CaseDecided { case_id, affected, upheld, .. } => {
				self.notify(&affected, None, NotificationKind::CaseDecided { case_id, upheld })
			},
			SocialChange::AppealDecided { case_id, affected, overturned, .. } => {
				let kind = NotificationKind::AppealDecided { case_id, overturned };
				self.notify(&affected, None, kind)
			},
			SocialChange::Enforcement { target, hidden, suspended_until } => {
				let account = match target {
					IndexedTarget::Account(account) => Some(account),
					IndexedTarget::Post(id) => self.update_post(id, |post| post.hidden = hidden)?,
				};
				let Some(account) = account else { return Ok(()) };
				self.update_account(&account, |a| a.suspended_until = suspended_until)
			},
		}
	}

	fn set_profile(
		&mut self,
		who: &AccountId32,
		profile: Option<kith_primitives::index::IndexedProfile>,
	) -> Result<(), Error> {
		let old = self.account(who)?.profile.and_then(|p| p.handle);
		let new = profile.as_ref().and_then(|p| p.handle.clone());
		if old != new {
			if let Some(old) = old {
				// A handle given to another account may already point there.
				let owner = self.view().decode::<AccountId32>(col::HANDLES, &old)?;
				if owner.as_ref() == Some(who) {
					self.delete(col::HANDLES, old);
				}
			}
			if let Some(new) = new {
				self.put(col::HANDLES, new, who);
			}
		}
		self.update_account(who, |a| a.profile = profile)
	}

	/// Adds or removes the edge `from` → `to` of the follow (`FOLLOWING`) or block (`BLOCKING`)
	/// graph in both directions, with the follow counters. Returns whether anything changed.
	fn set_edge(
		&mut self,
		forward: u8,
		from: &AccountId32,
		to: &AccountId32,
		present: bool,
	) -> Result<bool, Error> {
		let backward = if forward == col::FOLLOWING { col::FOLLOWERS } else { col::BLOCKED_BY };
		let forward_key = key(&[from.as_ref(), to.as_ref()]);
		if self.view().contains(forward, &forward_key)? == present {
			return Ok(false);
		}
		let reverse = key(&[to.as_ref(), from.as_ref()]);
		let value = present.then(Vec::new);
		self.writes.set(forward, forward_key, value.clone());
		self.writes.set(backward, reverse, value);
		if forward == col::FOLLOWING {
			let step = |count: &mut u32| match present {
				true => *count += 1,
				false => *count = count.saturating_sub(1),
			};
			self.update_account(from, |a| step(&mut a.following))?;
			self.update_account(to, |a| step(&mut a.followers))?;
		}
		Ok(true)
	}

	/// Re-keys every follow and block of `from`, both ways, to `to`.
	/// Swaps the graphs of `from` and `to`, as the follows pallet does on an identity move: `from`'s
	/// edges go to `to`, and whatever pointed at `to` (accounts that followed or blocked the fresh key
	/// before the move) now points at `from`.
	fn move_graph(&mut self, from: &AccountId32, to: &AccountId32) -> Result<(), Error> {
		let others = |batch: &Self, column, who: &AccountId32| -> Result<Vec<AccountId32>, Error> {
			let view = batch.view();
			view.scan(column, who.as_ref(), Bound::Unbounded, Dir::Forward)?
				.map(|entry| {
					let (other, _) = entry?;
					AccountId32::try_from(&other[..]).map_err(|_| Error::Corrupt("edge key"))
				})
				.collect()
		};
		for forward in [col::FOLLOWING, col::BLOCKING] {
			let backward = if forward == col::FOLLOWING { col::FOLLOWERS } else { col::BLOCKED_BY };
			let (out_from, out_to) = (others(self, forward, from)?, others(self, forward, to)?);
			let (in_from, in_to) = (others(self, backward, from)?, others(self, backward, to)?);
			let edges = [(from, to, out_from, in_from), (to, from, out_to, in_to)];
			for (was, _, outgoing, incoming) in &edges {
				for other in outgoing {
					self.set_edge(forward, was, other, false)?;
				}
				for other in incoming {
					self.set_edge(forward, other, was, false)?;
				}
			}
			for (_, now, outgoing, incoming) in &edges {
				for other in outgoing {
					self.set_edge(forward, now, other, true)?;
				}
				for other in incoming {
					self.set_edge(forward, other, now, true)?;
				}
			}
		}
		Ok(())
	}

	fn create_post(
		&mut self,
		id: PostId,
		author: AccountId32,
		kind: PostKind,
		content: Content,
	) -> Result<(), Error> {
		let is_reply = matches!(kind, PostKind::Reply { .. });
		let author_key = key(&[author.as_ref(), &id.to_be_bytes()]);
		self.put(col::AUTHOR_POSTS, author_key, [u8::from(is_reply)]);
		self.update_account(&author, |a| a.newest_post = a.newest_post.max(Some(id)))?;
		self.index_tags(id, &content, true);
		let by = author.clone();
		let entry = |target: PostId| [target.to_be_bytes(), id.to_be_bytes()].concat();
		let notice = match kind {
			PostKind::Root => None,
			PostKind::Reply { parent, root } => {
				self.put(col::THREADS, entry(root), ());
				self.put(col::REPLIES, entry(parent), ());
				let to = self.update_post(parent, |p| p.replies += 1)?;
				to.map(|to| (to, NotificationKind::Replied { post_id: id, by: by.clone() }))
			},
			PostKind::Repost { of } => {
				self.put(col::SHARES, entry(of), [0u8]);
				let to = self.update_post(of, |p| p.reposts += 1)?;
				to.map(|to| (to, NotificationKind::Reposted { post_id: id, by: by.clone() }))
			},
			PostKind::Quote { of } => {
				self.put(col::SHARES, entry(of), [1u8]);
				let to = self.update_post(of, |p| p.quotes += 1)?;
				to.map(|to| (to, NotificationKind::Quoted { post_id: id, by: by.clone() }))
			},
		};
		if let Some((to, kind)) = notice {
			self.notify(&to, Some(&by), kind)?;
		}
		for handle in mentions(content.text()) {
			let Some(to) = self.view().decode::<AccountId32>(col::HANDLES, handle.as_bytes())?
			else {
				continue;
			};
			let kind = NotificationKind::Mentioned { post_id: id, by: by.clone() };
			self.notify(&to, Some(&by), kind)?;
		}
		let post = PostRecord {
			id,
			author,
			kind,
			content,
			created: self.number,
			edited: false,
			deleted: false,
			replies: 0,
			reposts: 0,
			quotes: 0,
			reactions: Default::default(),
			tips: 0,
			tipped: 0,
			hidden: false,
		};
		self.put(col::POSTS, id.to_be_bytes().to_vec(), post);
		Ok(())
	}

	/// Leaves a tombstone, as the posts pallet does: the post leaves its author's list and the counters
	/// of the post it answered, shared or quoted go down; it stays in its thread.
	fn delete_post(&mut self, id: PostId) -> Result<(), Error> {
		let Some(mut post) = self.post(id)? else { return Ok(()) };
		if post.deleted {
			return Ok(());
		}
		self.index_tags(id, &post.content, false);
		self.delete(col::AUTHOR_POSTS, key(&[post.author.as_ref(), &id.to_be_bytes()]));
		let entry = |target: PostId| [target.to_be_bytes(), id.to_be_bytes()].concat();
		let down = |count: &mut u32| *count = count.saturating_sub(1);
		match post.kind {
			PostKind::Root => {},
			PostKind::Reply { parent, .. } => {
				self.update_post(parent, |p| down(&mut p.replies))?;
			},
			PostKind::Repost { of } => {
				self.delete(col::SHARES, entry(of));
				self.update_post(of, |p| down(&mut p.reposts))?;
			},
			PostKind::Quote { of } => {
				self.delete(col::SHARES, entry(of));
				self.update_post(of, |p| down(&mut p.quotes))?;
			},
		}
		post.deleted = true;
		post.content = Content::None;
		self.put(col::POSTS, id.to_be_bytes().to_vec(), post);
		Ok(())
	}
}
