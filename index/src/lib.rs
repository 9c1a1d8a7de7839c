//! # Kith social index
//!
//! The node-side index behind the `social_*` RPC: feeds, threads, profiles, the follow graph and
//! notifications, built from the [`SocialChange`](kith_primitives::index::SocialChange)s of each
//! block.
//!
//! The store, its overlay and the queries ([`Index`]) know nothing of a node. Around them:
//! - [`worker`]: the node-side [`IndexWorker`], which follows a client's block import and finality
//!   and feeds the index each block's changes (read through the runtime's `SocialIndexApi`);
//! - [`SharedIndex`]: the index with the best block it has imported, shared by the worker and the
//!   RPC, and the stream of new best blocks that subscriptions follow;
//! - [`rpc`]: [`SocialRpc`], the server of the `social_*` API (`kith-social-rpc-api`).
//!
//! ## Terminology
//! - **Store**: an embedded ParityDB database holding the state at the last finalized block the index
//!   committed, the **watermark**. An empty index's watermark is the zero hash: the first block to
//!   import is the genesis block, whose parent hash is zero.
//! - **Overlay**: in memory, the writes of every imported block that is not finalized yet, keyed by
//!   block hash. Blocks of several forks may be there at once.
//! - **View at a block**: the store overlaid with the writes of the overlay blocks on the way from the
//!   watermark to that block. Every query reads a view, usually at the best block; a reorg needs
//!   nothing special, since a view at the new best block sees only its own branch.
//!
//! ## Use
//! [`Index::import`] each block (after its parent) with its changes, [`Index::finalize`] when the
//! chain finalizes a block (committing its branch to the store in one transaction and dropping stale
//! forks), and query at any known block. After a restart, resume importing from
//! [`Index::watermark`]. [`Index::mark_read`] is the only write that is not chain state.
//!
//! `Index` is `Send + Sync`: queries read while the worker imports.

#![warn(missing_docs)]

mod apply;
mod query;
pub mod rpc;
mod shared;
mod store;
#[cfg(test)]
mod tests;
mod types;
pub mod worker;

use std::{
	collections::{HashMap, HashSet},
	path::{Path, PathBuf},
};

use codec::{Decode, Encode};
use parity_db::Db;
use parking_lot::{RwLock, RwLockUpgradableReadGuard};
use sp_core::crypto::AccountId32;

pub use rpc::SocialRpc;
pub use shared::{BestBlock, SharedIndex};
use store::{col, View, Writes};
pub use types::*;
pub use worker::IndexWorker;

/// The layout version of the store; an index with another one is rebuilt from scratch.
pub const SCHEMA_VERSION: u32 = 1;

/// The most items a page holds; larger limits are clamped to it.
pub const MAX_PAGE_SIZE: u32 = 100;

const SCHEMA_KEY: &[u8] = b"schema";
const WATERMARK_KEY: &[u8] = b"watermark";

/// What can go wrong in the index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
	/// The store failed.
	#[error("index store: {0}")]
	Store(#[from] parity_db::Error),
	/// The store's folder could not be removed for a rebuild.
	#[error("index folder: {0}")]
	Io(#[from] std::io::Error),
	/// A stored record does not decode: the store is damaged.
	#[error("index record does not decode: {0}")]
	Decode(#[from] codec::Error),
	/// A stored key has the wrong shape: the store is damaged.
	#[error("index key is malformed: {0}")]
	Corrupt(&'static str),
	/// The block's parent is neither the watermark nor an imported block.
	#[error("the parent 0x{} of block 0x{} is not known", hex::encode(.parent), hex::encode(.block))]
	UnknownParent {
		/// The block imported.
		block: Hash,
		/// Its parent.
		parent: Hash,
	},
	/// The block is neither the watermark nor an imported, unfinalized block.
	#[error("block 0x{} is not known to the index", hex::encode(.0))]
	UnknownBlock(Hash),
	/// The cursor was not made by the index for this list.
	#[error("malformed cursor")]
	BadCursor,
}

/// An unfinalized block and its writes.
struct OverlayBlock {
	parent: Hash,
	number: u32,
	writes: Writes,
}

/// The in-memory part of the index.
#[derive(Default)]
struct State {
	/// The last committed finalized block.
	watermark: Option<(u32, Hash)>,
	/// Imported, unfinalized blocks.
	blocks: HashMap<Hash, OverlayBlock>,
}

impl State {
	/// The hash of the block the store is at (zero when empty).
	fn base(&self) -> Hash {
		self.watermark.map_or([0; 32], |(_, hash)| hash)
	}

	/// The overlay blocks from `at` back to the watermark, newest first.
	fn path(&self, at: Hash) -> Result<Vec<&OverlayBlock>, Error> {
		let mut path = Vec::new();
		let mut hash = at;
		while hash != self.base() {
			let block = self.blocks.get(&hash).ok_or(Error::UnknownBlock(at))?;
			path.push(block);
			hash = block.parent;
		}
		Ok(path)
	}
}

/// The social index: a store of finalized data and an overlay of unfinalized blocks.
pub struct Index {
	db: Db,
	state: RwLock<State>,
	rebuilt: bool,
	path: PathBuf,
}

impl Index {
	/// Opens the index at `path`, creating it if needed. An index of another
	/// [`SCHEMA_VERSION`] or column layout is deleted and recreated empty (see [`Index::rebuilt`]).
	pub fn open(path: &Path) -> Result<Index, Error> {
		Self::open_with_schema(path, SCHEMA_VERSION)
	}

	fn open_with_schema(path: &Path, schema: u32) -> Result<Index, Error> {
		let existed = parity_db::Options::load_metadata(path).ok().flatten().is_some();
		let db = match Db::open_or_create(&store::options(path)) {
			Ok(db) => Some(db),
			Err(
				parity_db::Error::InvalidConfiguration(_)
				| parity_db::Error::IncompatibleColumnConfig { .. },
			) => None,
			Err(e) => return Err(e.into()),
		};
		let stored = match &db {
			Some(db) => db.get(col::META, SCHEMA_KEY)?.map(|v| u32::decode(&mut &v[..])),
			None => None,
		};
		let fresh = !existed;
		let (db, rebuilt) = match (db, stored) {
			(Some(db), Some(Ok(version))) if version == schema => (db, false),
			(Some(db), None) if fresh => (db, false),
			(db, _) => {
				drop(db);
				std::fs::remove_dir_all(path)?;
				(Db::open_or_create(&store::options(path))?, true)
			},
		};
		if fresh || rebuilt {
			db.commit([(col::META, SCHEMA_KEY, Some(schema.encode()))])?;
		}
		let watermark = db
			.get(col::META, WATERMARK_KEY)?
			.map(|v| <(u32, Hash)>::decode(&mut &v[..]))
			.transpose()?;
		let state = RwLock::new(State { watermark, blocks: HashMap::new() });
		Ok(Index { db, state, rebuilt, path: path.to_path_buf() })
	}

	/// Deletes the index and opens it again empty, for a rebuild from genesis: when its watermark is not
	/// on the node's chain (the chain was purged or reverted, or the folder belongs to another chain).
	pub fn reset(self) -> Result<Index, Error> {
		let Index { db, path, .. } = self;
		// The database must be closed (its threads joined and its lock released) before its folder goes.
		drop(db);
		std::fs::remove_dir_all(&path)?;
		let mut index = Self::open(&path)?;
		index.rebuilt = true;
		Ok(index)
	}

	/// Whether [`Index::open`] found an index of another schema and started again empty, or
	/// [`Index::reset`] emptied it: the node then has to import from genesis again.
	pub fn rebuilt(&self) -> bool {
		self.rebuilt
	}

	/// The last finalized block committed to the store: number and hash.
	pub fn watermark(&self) -> Option<(u32, Hash)> {
		self.state.read().watermark
	}

	/// Whether queries can be asked at `hash`: it is the watermark or an unfinalized imported block.
	pub fn is_known(&self, hash: Hash) -> bool {
		let state = self.state.read();
		hash == state.base() || state.blocks.contains_key(&hash)
	}

	/// Imports `block` with its `changes`, on top of the state at its parent. Importing a block twice
	/// does nothing.
	pub fn import(&self, block: BlockRef, changes: &[Change]) -> Result<(), Error> {
		let state = self.state.upgradable_read();
		if block.hash == state.base() || state.blocks.contains_key(&block.hash) {
			return Ok(());
		}
		let path = state
			.path(block.parent)
			.map_err(|_| Error::UnknownParent { block: block.hash, parent: block.parent })?;
		let parent = View { db: &self.db, layers: path.into_iter().map(|b| &b.writes).collect() };
		let mut batch = apply::Batch::new(&parent, block.number);
		for change in changes {
			batch.apply(change)?;
		}
		let writes = batch.into_writes();
		let mut state = RwLockUpgradableReadGuard::upgrade(state);
		let overlay = OverlayBlock { parent: block.parent, number: block.number, writes };
		state.blocks.insert(block.hash, overlay);
		Ok(())
	}

	/// Commits the overlay blocks from the watermark to `hash` to the store, in one transaction with the
	/// new watermark, and drops every overlay block that does not descend from `hash`.
	pub fn finalize(&self, hash: Hash) -> Result<(), Error> {
		let mut state = self.state.write();
		if hash == state.base() {
			return Ok(());
		}
		let path = state.path(hash)?;
		let number = path[0].number;
		let mut writes = Writes::default();
		for block in path.iter().rev() {
			writes.extend(&block.writes);
		}
		let mut transaction: Vec<_> = writes.into_transaction().collect();
		transaction.push((col::META, WATERMARK_KEY.to_vec(), Some((number, hash).encode())));
		self.db.commit(transaction)?;

		state.watermark = Some((number, hash));
		let mut blocks: Vec<_> = std::mem::take(&mut state.blocks).into_iter().collect();
		blocks.sort_by_key(|(_, block)| block.number);
		let mut kept = HashSet::from([hash]);
		for (block_hash, block) in blocks {
			if block.number > number && kept.contains(&block.parent) {
				kept.insert(block_hash);
				state.blocks.insert(block_hash, block);
			}
		}
		Ok(())
	}

	/// Records that `account` has seen its notifications up to `seq`. This is the reader's state, not
	/// the chain's: it goes straight to the store and never moves back.
	pub fn mark_read(&self, account: &AccountId32, seq: u64) -> Result<(), Error> {
		let seen = self.last_read(account)?;
		if seq > seen {
			let key: &[u8] = account.as_ref();
			self.db.commit([(col::READ, key, Some(seq.encode()))])?;
		}
		Ok(())
	}

	/// The last notification `account` has seen.
	fn last_read(&self, account: &AccountId32) -> Result<u64, Error> {
		let seen = self.db.get(col::READ, account.as_ref())?;
		Ok(seen.map(|v| u64::decode(&mut &v[..])).transpose()?.unwrap_or(0))
	}

	/// Runs `query` on the view at `at`.
	fn read<T>(&self, at: Hash, query: impl FnOnce(&View) -> Result<T, Error>) -> Result<T, Error> {
		let state = self.state.read();
		let layers = state.path(at)?.into_iter().map(|b| &b.writes).collect();
		query(&View { db: &self.db, layers })
	}
}
