//! The node-side worker that keeps the index in step with the node's chain.
//!
//! - **Created** before the node's network starts, it subscribes to every block import and to
//!   finality then, so that no block synced later is missed (`every_import_notification_stream` only
//!   tells of blocks imported while someone listens).
//! - **At start** it catches up: it imports every block of the node's best chain after the index's
//!   watermark, finalizing as it goes up to the node's finalized block.
//! - **Then** it follows: each imported block is imported into the index after any ancestors the index
//!   lacks; each new best block becomes the index's best block (where the RPC reads) and is broadcast
//!   to subscriptions, with the blocks a reorg retracted; each finalized block is committed to the
//!   store, with the blocks it implicitly finalized.
//!
//! A block's changes come from the runtime (`SocialIndexApi::block_changes`) called at that block, so
//! the node must keep its state until the worker has read it (the node keeps the state of every
//! finalized block by default). A block whose runtime lacks the API has no social changes; a block
//! whose state is gone (pruned, or a block from warp sync) is imported without its changes, logged,
//! so that its descendants can still be imported: what it changed is missing from the index until the
//! index is rebuilt on a node that has the state.
//!
//! Errors are logged (target `social-index`) and the worker goes on with the next block: the index
//! never stops the node.

use std::{path::Path, sync::Arc, time::Instant};

use futures::StreamExt;
use kith_primitives::SocialIndexApi;
use sc_client_api::{
	BlockImportNotification, BlockchainEvents, FinalityNotification, FinalityNotifications,
	ImportNotifications,
};
use sp_api::{ApiExt, ProvideRuntimeApi};
use sp_blockchain::{HeaderBackend, HeaderMetadata};
use sp_core::{crypto::AccountId32, H256};
use sp_runtime::traits::{Block as BlockT, Header as HeaderT};

use crate::{BlockRef, Change, Index, SharedIndex};

/// The log target of the index.
pub const LOG_TARGET: &str = "social-index";

/// While catching up, the index commits finalized blocks this often, so that a long catch-up does not
/// keep every block's writes in memory until its end.
const CATCH_UP_FINALIZE_EVERY: u32 = 256;

/// How often, in blocks, a catch-up reports its progress.
const CATCH_UP_REPORT_EVERY: u32 = 10_000;

/// What can go wrong while following the chain.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
	/// The index failed.
	#[error(transparent)]
	Index(#[from] crate::Error),
	/// The node's database failed.
	#[error("blockchain: {0}")]
	Blockchain(#[from] sp_blockchain::Error),
	/// The node has no header for a block it told of (a gap left by warp sync).
	#[error("the header of block {0:?} is missing")]
	MissingHeader(H256),
}

/// Opens the index at `path` (creating the folder) for the chain `client` follows. An index whose
/// watermark is not a finalized block of that chain (the chain was purged or reverted, or the folder
/// belongs to another chain) is deleted and opened again empty, to be rebuilt from genesis.
pub fn open_index<B, C>(path: &Path, client: &C) -> Result<Index, crate::Error>
where
	B: BlockT<Hash = H256>,
	B::Header: HeaderT<Number = u32>,
	C: HeaderBackend<B>,
{
	std::fs::create_dir_all(path)?;
	let index = Index::open(path)?;
	if index.rebuilt() {
		log::info!(
			target: LOG_TARGET,
			"The social index at {} had another layout: rebuilding it from genesis",
			path.display()
		);
	}
	let Some((number, hash)) = index.watermark() else { return Ok(index) };
	let finalized = client.info().finalized_number;
	let canonical = client.hash(number).ok().flatten() == Some(H256(hash));
	if canonical && number <= finalized {
		return Ok(index);
	}
	log::info!(
		target: LOG_TARGET,
		"The social index ends at #{number} ({:?}), which is not a finalized block of this chain \
		 (purged, reverted or another chain): rebuilding it from genesis",
		H256(hash)
	);
	index.reset()
}

/// Blocks whose changes could not be read, reported once per run of them.
#[derive(Default)]
struct Unreadable {
	/// The first and last of the current run, and how many there were.
	run: Option<(u32, u32, u32)>,
}

impl Unreadable {
	/// Block `number` could not be read because of `why`.
	fn add(&mut self, number: u32, hash: H256, why: &str) {
		match &mut self.run {
			None => {
				log::warn!(
					target: LOG_TARGET,
					"Block #{number} ({hash:?}) is indexed without its social changes: {why}. \
					 Its state is probably pruned: run the node with `--state-pruning \
					 archive-canonical` to index every block"
				);
				self.run = Some((number, number, 1));
			},
			Some((_, last, count)) => {
				*last = number;
				*count += 1;
			},
		}
	}

	/// The run of unreadable blocks, if any, has ended: says how long it was.
	fn end(&mut self) {
		if let Some((first, last, count)) = self.run.take() {
			if count > 1 {
				log::warn!(
					target: LOG_TARGET,
					"{count} blocks from #{first} to #{last} are indexed without their social changes"
				);
			}
		}
	}
}

/// A notification the worker acts on.
enum Event<B: BlockT> {
	Import(BlockImportNotification<B>),
	Finality(FinalityNotification<B>),
}

/// Keeps a [`SharedIndex`] in step with the chain of `client`. See the module documentation.
pub struct IndexWorker<B: BlockT, C> {
	client: Arc<C>,
	shared: Arc<SharedIndex>,
	imports: ImportNotifications<B>,
	finality: FinalityNotifications<B>,
	unreadable: Unreadable,
}

impl<B, C> IndexWorker<B, C>
where
	B: BlockT<Hash = H256>,
	B::Header: HeaderT<Number = u32>,
	C: BlockchainEvents<B>
		+ HeaderBackend<B>
		+ HeaderMetadata<B, Error = sp_blockchain::Error>
		+ ProvideRuntimeApi<B>
		+ Send
		+ Sync
		+ 'static,
	C::Api: SocialIndexApi<B, AccountId32, u128, u32>,
{
	/// A worker for `shared`, subscribed to the client's imports and finality from now on: create it
	/// before the node starts syncing.
	pub fn new(client: Arc<C>, shared: Arc<SharedIndex>) -> Self {
		let imports = client.every_import_notification_stream();
		let finality = client.finality_notification_stream();
		IndexWorker { client, shared, imports, finality, unreadable: Unreadable::default() }
	}

	/// Catches up, then follows the chain until the node stops. Runs blocking code (runtime calls and
	/// database writes): spawn it as a blocking task.
	pub async fn run(mut self) {
		if let Err(e) = self.catch_up() {
			log::error!(target: LOG_TARGET, "Catching up with the chain failed: {e}");
		}
		loop {
			let event = futures::select_biased! {
				// Imports first: a finality notification usually follows its block's import.
				n = self.imports.next() => n.map(Event::Import),
				n = self.finality.next() => n.map(Event::Finality),
			};
			let result = match event {
				Some(Event::Import(n)) => self.on_import(&n),
				Some(Event::Finality(n)) => self.on_finality(&n),
				None => return,
			};
			if let Err(e) = result {
				log::error!(target: LOG_TARGET, "{e}");
			}
		}
	}

	fn index(&self) -> &Index {
		self.shared.index()
	}

	/// Whether block `number` is at or below the watermark: it is final for the index already, or on a
	/// branch that finality abandoned.
	fn at_or_below_watermark(&self, number: u32) -> bool {
		self.index().watermark().is_some_and(|(watermark, _)| number <= watermark)
	}

	/// Imports the node's best chain after the watermark and finalizes up to the node's finalized block.
	fn catch_up(&mut self) -> Result<(), WorkerError> {
		let info = self.client.info();
		let from = self.index().watermark().map(|(number, _)| number);
		let Some((best, missing)) = self.missing_ancestry(info.best_hash)? else {
			log::warn!(target: LOG_TARGET, "The best block does not descend from the index's watermark");
			return Ok(());
		};
		if !missing.is_empty() {
			log::info!(
				target: LOG_TARGET,
				"Catching up from #{} to #{}",
				from.map_or(0, |n| n + 1),
				info.best_number
			);
		}
		for block in missing {
			self.import(block)?;
			let final_block = block.number <= info.finalized_number;
			if final_block
				&& (block.number % CATCH_UP_FINALIZE_EVERY == 0
					|| block.hash == info.finalized_hash.0)
			{
				self.index().finalize(block.hash)?;
			}
			if block.number % CATCH_UP_REPORT_EVERY == 0 && block.number > 0 {
				log::info!(target: LOG_TARGET, "Indexed #{} of #{}", block.number, info.best_number);
			}
		}
		self.unreadable.end();
		self.set_best(best);
		Ok(())
	}

	/// Imports the block of `n` and its missing ancestors; makes it the best block if it is the node's.
	fn on_import(&mut self, n: &BlockImportNotification<B>) -> Result<(), WorkerError> {
		if self.at_or_below_watermark(*n.header.number()) {
			return Ok(());
		}
		let Some((block, missing)) = self.missing_ancestry(n.hash)? else {
			log::debug!(target: LOG_TARGET, "Ignoring {:?} on a branch finality abandoned", n.hash);
			return Ok(());
		};
		for ancestor in missing {
			self.import(ancestor)?;
		}
		self.unreadable.end();
		// A notification queued while the worker caught up may be older than the best block that set:
		// such a block does not take the best block back, unless the node has it as its best again.
		let higher = self.shared.best().is_none_or(|best| block.number > best.number);
		if n.is_new_best && (higher || self.client.info().best_hash == n.hash) {
			self.set_best(block);
		}
		Ok(())
	}

	/// Commits the finalized block and its ancestors to the store.
	fn on_finality(&mut self, n: &FinalityNotification<B>) -> Result<(), WorkerError> {
		if self.at_or_below_watermark(*n.header.number()) {
			return Ok(());
		}
		let Some((block, missing)) = self.missing_ancestry(n.hash)? else {
			log::warn!(
				target: LOG_TARGET,
				"Finalized block {:?} does not descend from the index's watermark",
				n.hash
			);
			return Ok(());
		};
		for ancestor in missing {
			self.import(ancestor)?;
		}
		self.unreadable.end();
		// Every block between the watermark and this one is in the overlay: one commit finalizes them
		// all, also those finality notifications skipped.
		let started = Instant::now();
		self.index().finalize(block.hash)?;
		log::debug!(
			target: LOG_TARGET,
			"Committed up to #{} ({:?}) in {:?}",
			block.number,
			n.hash,
			started.elapsed()
		);
		// Finalizing drops the branches that do not descend from the block: reads need a known block.
		let best_known = self.shared.best().is_some_and(|best| self.index().is_known(best.hash));
		if !best_known {
			self.set_best(block);
		}
		Ok(())
	}

	/// Block `hash`, with the blocks from the newest ancestor the index knows (excluded) to it, oldest
	/// first; `None` if it descends from no known block (a branch off below the watermark).
	fn missing_ancestry(
		&self,
		hash: H256,
	) -> Result<Option<(BlockRef, Vec<BlockRef>)>, WorkerError> {
		let mut missing = Vec::new();
		let mut next = hash;
		let target = loop {
			let header = self.client.header(next)?.ok_or(WorkerError::MissingHeader(next))?;
			let block =
				BlockRef { hash: next.0, parent: header.parent_hash().0, number: *header.number() };
			if self.index().is_known(block.hash) {
				break missing.first().copied().unwrap_or(block);
			}
			if self.at_or_below_watermark(block.number) {
				return Ok(None);
			}
			missing.push(block);
			if block.number == 0 {
				// Genesis: its parent is the empty index's zero watermark.
				break missing[0];
			}
			next = *header.parent_hash();
		};
		missing.reverse();
		Ok(Some((target, missing)))
	}

	/// Imports `block` with the changes the runtime reads from it.
	fn import(&mut self, block: BlockRef) -> Result<(), WorkerError> {
		let hash = H256(block.hash);
		let started = Instant::now();
		let changes = match self.changes(hash) {
			Ok(changes) => {
				self.unreadable.end();
				changes
			},
			Err(why) => {
				self.unreadable.add(block.number, hash, &why);
				Vec::new()
			},
		};
		let read = started.elapsed();
		self.index().import(block, &changes)?;
		log::debug!(
			target: LOG_TARGET,
			"Indexed #{} ({hash:?}): {} changes, read from the runtime in {read:?}, applied in {:?}",
			block.number,
			changes.len(),
			started.elapsed() - read,
		);
		Ok(())
	}

	/// The social changes of block `hash`, or why they cannot be read.
	fn changes(&self, hash: H256) -> Result<Vec<Change>, String> {
		// A fresh API instance per block: one instance may not be used at two blocks.
		let api = self.client.runtime_api();
		let version = api
			.api_version::<dyn SocialIndexApi<B, AccountId32, u128, u32>>(hash)
			.map_err(|e| e.to_string())?;
		match version {
			// A runtime from before the API: its blocks have nothing to give.
			None => Ok(Vec::new()),
			Some(_) => api.block_changes(hash).map_err(|e| e.to_string()),
		}
	}

	/// Makes `block` the index's best block, telling subscribers which blocks of the previous best
	/// chain it leaves out.
	fn set_best(&self, block: BlockRef) {
		let retracted = match self.shared.best() {
			Some(previous) if previous.hash != block.parent && previous.hash != block.hash => {
				match sp_blockchain::tree_route(
					&*self.client,
					H256(previous.hash),
					H256(block.hash),
				) {
					Ok(route) => route.retracted().iter().map(|b| b.hash.0).collect(),
					Err(e) => {
						log::debug!(target: LOG_TARGET, "No route from the previous best block: {e}");
						Vec::new()
					},
				}
			},
			_ => Vec::new(),
		};
		self.shared.set_best(block, retracted);
	}
}

#[cfg(test)]
mod tests {
	use sp_blockchain::{BlockStatus, Info};
	use sp_runtime::{generic, traits::BlakeTwo256, OpaqueExtrinsic};

	use super::*;

	type Block = generic::Block<generic::Header<u32, BlakeTwo256>, OpaqueExtrinsic>;

	/// A node's chain as `open_index` sees it: the hashes of its best chain and its finalized number.
	struct Chain {
		hashes: Vec<H256>,
		finalized: u32,
	}

	impl HeaderBackend<Block> for Chain {
		fn header(&self, _: H256) -> sp_blockchain::Result<Option<<Block as BlockT>::Header>> {
			Ok(None)
		}

		fn info(&self) -> Info<Block> {
			let best = self.hashes.len() as u32 - 1;
			let finalized_hash = self.hashes[self.finalized as usize];
			Info {
				best_hash: self.hashes[best as usize],
				best_number: best,
				genesis_hash: self.hashes[0],
				finalized_hash,
				finalized_number: self.finalized,
				finalized_state: Some((finalized_hash, self.finalized)),
				number_leaves: 1,
				block_gap: None,
			}
		}

		fn status(&self, hash: H256) -> sp_blockchain::Result<BlockStatus> {
			Ok(match self.hashes.contains(&hash) {
				true => BlockStatus::InChain,
				false => BlockStatus::Unknown,
			})
		}

		fn number(&self, hash: H256) -> sp_blockchain::Result<Option<u32>> {
			Ok(self.hashes.iter().position(|h| *h == hash).map(|n| n as u32))
		}

		fn hash(&self, number: u32) -> sp_blockchain::Result<Option<H256>> {
			Ok(self.hashes.get(number as usize).copied())
		}
	}

	/// A chain of `length` blocks: a genesis all chains share, then blocks of fork `fork`.
	fn chain(fork: u8, length: u8, finalized: u32) -> Chain {
		let hash = |n: u8| {
			let mut hash = [if n == 0 { 0xee } else { fork }; 32];
			hash[0] = n;
			H256(hash)
		};
		Chain { hashes: (0..length).map(hash).collect(), finalized }
	}

	/// An index of `chain`'s blocks up to `number`, finalized, with a change in block 1.
	fn index_up_to(dir: &Path, chain: &Chain, number: u32) {
		let index = Index::open(dir).unwrap();
		let mut parent = [0; 32];
		for n in 0..=number {
			let hash = chain.hashes[n as usize].0;
			let changes = match n {
				1 => vec![kith_primitives::SocialChange::PostDeleted { post_id: 1 }],
				_ => vec![],
			};
			index.import(BlockRef { hash, parent, number: n }, &changes).unwrap();
			parent = hash;
		}
		index.finalize(parent).unwrap();
	}

	#[test]
	fn an_index_at_a_finalized_block_of_the_chain_is_kept() {
		let dir = tempfile::tempdir().unwrap();
		let node = chain(1, 5, 3);
		index_up_to(dir.path(), &node, 2);
		let index = open_index::<Block, _>(dir.path(), &node).unwrap();
		assert_eq!(index.watermark(), Some((2, node.hashes[2].0)));
		assert!(!index.rebuilt());
	}

	#[test]
	fn an_index_of_another_chain_or_a_purged_one_is_rebuilt_from_genesis() {
		let dir = tempfile::tempdir().unwrap();
		index_up_to(dir.path(), &chain(1, 5, 3), 2);
		let index = open_index::<Block, _>(dir.path(), &chain(2, 5, 3)).unwrap();
		assert_eq!(index.watermark(), None);
		assert!(index.rebuilt());
	}

	#[test]
	fn an_index_beyond_the_chains_finalized_block_is_rebuilt_after_a_revert() {
		let dir = tempfile::tempdir().unwrap();
		index_up_to(dir.path(), &chain(1, 5, 4), 4);
		let index = open_index::<Block, _>(dir.path(), &chain(1, 5, 2)).unwrap();
		assert_eq!(index.watermark(), None);
	}

	#[test]
	fn a_missing_folder_is_created() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("chains").join("dev").join("social-index");
		let index = open_index::<Block, _>(&path, &chain(1, 2, 0)).unwrap();
		assert_eq!(index.watermark(), None);
		assert!(path.is_dir());
	}
}
