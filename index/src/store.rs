//! The store's columns and keys, block writes, and reads through a block's view (store plus the
//! unfinalized blocks on the way to it), including ordered range reads that merge both.

use std::{collections::BTreeMap, ops::Bound, path::Path};

use codec::Decode;
use parity_db::{ColId, Db, Options};

use crate::Error;

/// The columns. Ordered ones (B-tree) have big-endian numbers in their keys, so that byte order is
/// numeric order.
pub(crate) mod col {
	use parity_db::ColId;

	/// `"schema"` → `u32`, `"watermark"` → `(u32, Hash)`.
	pub const META: ColId = 0;
	/// `be(id)` → `PostRecord`.
	pub const POSTS: ColId = 1;
	/// Ordered: `author ++ be(id)` → `[1]` for a reply, `[0]` otherwise. Live posts only.
	pub const AUTHOR_POSTS: ColId = 2;
	/// Ordered: `be(root) ++ be(id)` → `[]`, every reply of a thread at any depth.
	pub const THREADS: ColId = 3;
	/// Ordered: `be(parent) ++ be(id)` → `[]`, direct replies.
	pub const REPLIES: ColId = 4;
	/// Ordered: `be(of) ++ be(id)` → `[0]` for a repost, `[1]` for a quote. Live ones only.
	pub const SHARES: ColId = 5;
	/// `be(post) ++ account` → the account's reaction (`u8`).
	pub const REACTIONS: ColId = 6;
	/// Ordered: `follower ++ followee` → `[]`.
	pub const FOLLOWING: ColId = 7;
	/// Ordered: `followee ++ follower` → `[]`.
	pub const FOLLOWERS: ColId = 8;
	/// Ordered: `blocker ++ blocked` → `[]`.
	pub const BLOCKING: ColId = 9;
	/// Ordered: `blocked ++ blocker` → `[]`.
	pub const BLOCKED_BY: ColId = 10;
	/// `account` → `AccountRecord`.
	pub const ACCOUNTS: ColId = 11;
	/// Ordered: `handle` → account.
	pub const HANDLES: ColId = 12;
	/// Ordered: `tag ++ [0] ++ be(id)` → `[]`.
	pub const TAGS: ColId = 13;
	/// Ordered: `account ++ be(seq)` → `Notification`.
	pub const NOTIFICATIONS: ColId = 14;
	/// `account` → the last notification seq it has seen (`u64`). Written directly, not by blocks.
	pub const READ: ColId = 15;
	/// How many columns there are.
	pub const COUNT: u8 = 16;
	/// The ordered columns.
	pub const ORDERED: [ColId; 11] = [
		AUTHOR_POSTS,
		THREADS,
		REPLIES,
		SHARES,
		FOLLOWING,
		FOLLOWERS,
		BLOCKING,
		BLOCKED_BY,
		HANDLES,
		TAGS,
		NOTIFICATIONS,
	];
}

/// A key made of `parts`.
pub(crate) fn key(parts: &[&[u8]]) -> Vec<u8> {
	parts.concat()
}

/// The store's options: reopening with other options fails, and the index then rebuilds.
pub(crate) fn options(path: &Path) -> Options {
	let mut options = Options::with_columns(path, col::COUNT);
	for column in col::ORDERED {
		options.columns[column as usize].btree_index = true;
	}
	options
}

/// The writes of one block (or of several, merged): per column, key → value (`None`: deleted).
#[derive(Default, Debug)]
pub(crate) struct Writes(BTreeMap<ColId, BTreeMap<Vec<u8>, Option<Vec<u8>>>>);

impl Writes {
	/// Records a write, replacing an earlier one of the same key.
	pub fn set(&mut self, column: ColId, key: Vec<u8>, value: Option<Vec<u8>>) {
		self.0.entry(column).or_default().insert(key, value);
	}

	/// The write of `key`, if there is one: `Some(None)` is a deletion.
	fn get(&self, column: ColId, key: &[u8]) -> Option<&Option<Vec<u8>>> {
		self.0.get(&column)?.get(key)
	}

	/// Applies `newer` on top of these writes.
	pub fn extend(&mut self, newer: &Writes) {
		for (column, entries) in &newer.0 {
			for (key, value) in entries {
				self.set(*column, key.clone(), value.clone());
			}
		}
	}

	/// Every write, as a ParityDB transaction.
	pub fn into_transaction(self) -> impl Iterator<Item = (ColId, Vec<u8>, Option<Vec<u8>>)> {
		self.0.into_iter().flat_map(|(c, entries)| entries.into_iter().map(move |(k, v)| (c, k, v)))
	}
}

/// Which way a range read goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Dir {
	/// Ascending keys.
	Forward,
	/// Descending keys.
	Backward,
}

impl Dir {
	/// Whether `a` comes before `b` in this direction.
	fn before(self, a: &[u8], b: &[u8]) -> bool {
		match self {
			Dir::Forward => a < b,
			Dir::Backward => a > b,
		}
	}
}

/// The state at one block: the store, overlaid by the writes of the unfinalized blocks on the way to
/// it, newest first.
pub(crate) struct View<'a> {
	/// The finalized store.
	pub db: &'a Db,
	/// Block writes, newest first; each one shadows those after it and the store.
	pub layers: Vec<&'a Writes>,
}

impl<'a> View<'a> {
	/// The same view with `writes` on top.
	pub fn with<'b>(&self, writes: &'b Writes) -> View<'b>
	where
		'a: 'b,
	{
		let layers = std::iter::once(writes).chain(self.layers.iter().copied()).collect();
		View { db: self.db, layers }
	}

	/// The value of `key`.
	pub fn get(&self, column: ColId, key: &[u8]) -> Result<Option<Vec<u8>>, Error> {
		for layer in &self.layers {
			if let Some(value) = layer.get(column, key) {
				return Ok(value.clone());
			}
		}
		Ok(self.db.get(column, key)?)
	}

	/// The decoded value of `key`.
	pub fn decode<T: Decode>(&self, column: ColId, key: &[u8]) -> Result<Option<T>, Error> {
		self.get(column, key)?.map(|v| T::decode(&mut &v[..])).transpose().map_err(Into::into)
	}

	/// Whether `key` has a value.
	pub fn contains(&self, column: ColId, key: &[u8]) -> Result<bool, Error> {
		Ok(self.get(column, key)?.is_some())
	}

	/// The entries whose keys start with `prefix`, in direction `dir`, starting at `from` (a bound on
	/// the key after the prefix), as (key after the prefix, value).
	pub fn scan(
		&self,
		column: ColId,
		prefix: &[u8],
		from: Bound<&[u8]>,
		dir: Dir,
	) -> Result<Scan<'a>, Error> {
		let start = match from {
			Bound::Included(s) => Bound::Included([prefix, s].concat()),
			Bound::Excluded(s) => Bound::Excluded([prefix, s].concat()),
			Bound::Unbounded => match (dir, successor(prefix)) {
				(Dir::Forward, _) => Bound::Included(prefix.to_vec()),
				(Dir::Backward, Some(next)) => Bound::Excluded(next),
				(Dir::Backward, None) => Bound::Unbounded,
			},
		};
		let mut sources: Vec<Source<'a>> = Vec::with_capacity(self.layers.len() + 1);
		for layer in self.layers.iter().copied() {
			let Some(entries) = layer.0.get(&column) else { continue };
			let range = match dir {
				Dir::Forward => (start.clone(), Bound::Unbounded),
				Dir::Backward => (Bound::Unbounded, start.clone()),
			};
			let entries = entries.range(range);
			let entries: Box<dyn Iterator<Item = _> + 'a> = match dir {
				Dir::Forward => Box::new(entries),
				Dir::Backward => Box::new(entries.rev()),
			};
			let prefix = prefix.to_vec();
			let items = entries
				.take_while(move |(k, _)| k.starts_with(&prefix))
				.map(|(k, v)| Ok((k.clone(), v.clone())));
			sources.push(Source::new(Box::new(items))?);
		}
		sources.push(Source::new(store_range(self.db, column, prefix, start, dir)?)?);
		Ok(Scan { sources, dir, prefix_len: prefix.len() })
	}
}

/// The smallest key greater than every key starting with `prefix`, if there is one.
fn successor(prefix: &[u8]) -> Option<Vec<u8>> {
	let mut next = prefix.to_vec();
	while let Some(last) = next.pop() {
		if last < u8::MAX {
			next.push(last + 1);
			return Some(next);
		}
	}
	None
}

/// An entry of a range read: key and value (`None`: deleted by a block).
type Entry = (Vec<u8>, Option<Vec<u8>>);

/// The store's entries from `start` on in direction `dir`, while they start with `prefix`.
fn store_range<'a>(
	db: &'a Db,
	column: ColId,
	prefix: &[u8],
	start: Bound<Vec<u8>>,
	dir: Dir,
) -> Result<Box<dyn Iterator<Item = Result<Entry, Error>> + 'a>, Error> {
	let mut iter = db.iter(column)?;
	match (&start, dir) {
		(Bound::Included(key) | Bound::Excluded(key), _) => iter.seek(key)?,
		(Bound::Unbounded, Dir::Forward) => iter.seek_to_first()?,
		(Bound::Unbounded, Dir::Backward) => iter.seek_to_last()?,
	}
	// A seek is inclusive both ways (`next` then yields the smallest key >= the target, `prev` the
	// largest key <= it), so an excluded start, a page's cursor, would come back first: every key not
	// past `start` is skipped.
	let past_start = move |key: &[u8]| match (&start, dir) {
		(Bound::Unbounded, _) => true,
		(Bound::Included(s), Dir::Forward) => key >= &s[..],
		(Bound::Excluded(s), Dir::Forward) => key > &s[..],
		(Bound::Included(s), Dir::Backward) => key <= &s[..],
		(Bound::Excluded(s), Dir::Backward) => key < &s[..],
	};
	let prefix = prefix.to_vec();
	let items = std::iter::from_fn(move || loop {
		let item = match dir {
			Dir::Forward => iter.next(),
			Dir::Backward => iter.prev(),
		};
		return match item {
			Err(e) => Some(Err(e.into())),
			Ok(None) => None,
			Ok(Some((key, _))) if !past_start(&key) => continue,
			Ok(Some((key, value))) => key.starts_with(&prefix).then_some(Ok((key, Some(value)))),
		};
	});
	Ok(Box::new(items.fuse()))
}

/// One ordered source of a merged range read, with its next entry.
struct Source<'a> {
	items: Box<dyn Iterator<Item = Result<Entry, Error>> + 'a>,
	head: Option<Entry>,
}

impl<'a> Source<'a> {
	fn new(items: Box<dyn Iterator<Item = Result<Entry, Error>> + 'a>) -> Result<Self, Error> {
		let mut source = Source { items, head: None };
		source.advance()?;
		Ok(source)
	}

	fn advance(&mut self) -> Result<(), Error> {
		self.head = self.items.next().transpose()?;
		Ok(())
	}
}

/// A range read over block writes and the store: for each key, the newest source that has it wins,
/// and deletions hide the key.
pub(crate) struct Scan<'a> {
	/// Newest first; the store last.
	sources: Vec<Source<'a>>,
	dir: Dir,
	prefix_len: usize,
}

impl Iterator for Scan<'_> {
	type Item = Result<(Vec<u8>, Vec<u8>), Error>;

	fn next(&mut self) -> Option<Self::Item> {
		loop {
			let (index, key) = self
				.sources
				.iter()
				.enumerate()
				.filter_map(|(i, s)| s.head.as_ref().map(|(k, _)| (i, k)))
				.reduce(|best, other| if self.dir.before(other.1, best.1) { other } else { best })
				.map(|(i, k)| (i, k.clone()))?;
			let value = self.sources[index].head.as_ref().and_then(|(_, v)| v.clone());
			for source in &mut self.sources {
				if source.head.as_ref().is_some_and(|(k, _)| *k == key) {
					if let Err(e) = source.advance() {
						return Some(Err(e));
					}
				}
			}
			if let Some(value) = value {
				return Some(Ok((key[self.prefix_len..].to_vec(), value)));
			}
		}
	}
}
