//! The index as the worker and the RPC share it: the index itself, the best block it has imported
//! (where the RPC reads), and a broadcast of new best blocks (what subscriptions follow).

use parking_lot::RwLock;
use tokio::sync::broadcast;

use crate::{BlockRef, Hash, Index};

/// How many new best blocks a subscriber may fall behind before it misses some; one that does is told
/// so and reads again from the current best block.
const UPDATES_CAPACITY: usize = 64;

/// A new best block of the index.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct BestBlock {
	/// The new best block.
	pub best: BlockRef,
	/// The blocks of the previous best chain that the new one does not contain (a reorg), if any.
	pub retracted: Vec<Hash>,
}

/// The index with its best block: the newest imported block that the node made its best.
pub struct SharedIndex {
	index: Index,
	best: RwLock<Option<BlockRef>>,
	updates: broadcast::Sender<BestBlock>,
}

impl SharedIndex {
	/// Shares `index`. Until the worker sets a best block, reads happen at the watermark.
	pub fn new(index: Index) -> Self {
		let (updates, _) = broadcast::channel(UPDATES_CAPACITY);
		SharedIndex { index, best: RwLock::new(None), updates }
	}

	/// The index.
	pub fn index(&self) -> &Index {
		&self.index
	}

	/// The best block, once the worker has set one.
	pub fn best(&self) -> Option<BlockRef> {
		*self.best.read()
	}

	/// Where reads happen: the best block, else the watermark; `None` while the index is empty.
	pub fn head(&self) -> Option<(u32, Hash)> {
		self.best().map(|b| (b.number, b.hash)).or_else(|| self.index.watermark())
	}

	/// Whether `hash` is the index's last finalized block. The head is the watermark or a descendant of
	/// it, so this says whether the head is finalized.
	pub fn is_finalized(&self, hash: Hash) -> bool {
		self.index.watermark().is_some_and(|(_, finalized)| finalized == hash)
	}

	/// Makes `best` the best block and tells subscribers, with the blocks a reorg `retracted`.
	pub fn set_best(&self, best: BlockRef, retracted: Vec<Hash>) {
		let previous = self.best.write().replace(best);
		if previous != Some(best) {
			// Sending fails only when nobody subscribes, which is fine.
			let _ = self.updates.send(BestBlock { best, retracted });
		}
	}

	/// New best blocks from now on.
	pub fn subscribe(&self) -> broadcast::Receiver<BestBlock> {
		self.updates.subscribe()
	}
}
