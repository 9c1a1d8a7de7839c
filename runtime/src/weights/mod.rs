//! Weights measured on this machine by `scripts/bench.sh --base` (frame-benchmarking's `benchmark
//! overhead`, `benchmark storage` and `benchmark pallet`; generated, never edited): an empty block, an
//! extrinsic's fixed cost, ParityDB's reads and writes, the transaction extensions and the fee charge;
//! and by `scripts/bench.sh --upstream`: the polkadot-sdk pallets Kith adds for its users (proxies and
//! batches). Kith's own pallets keep theirs in `pallets/<name>/src/weights.rs`.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system_extensions;
pub mod pallet_proxy;
pub mod pallet_transaction_payment;
pub mod pallet_utility;
// The storage benchmark's template documents the fields of a struct literal, which rustc ignores.
#[allow(unused_doc_comments)]
pub mod paritydb_weights;
