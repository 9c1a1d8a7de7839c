//! The pallet's logic by capability, as pallet-nfts splits its own: each file extends [`Pallet`]
//! with what one part of moderation does; `lib.rs` keeps the configuration, storage, events,
//! errors, hooks and calls.

pub mod cases;
pub mod cleanup;
pub mod enforcement;
#[cfg(any(feature = "try-runtime", test))]
pub mod invariants;
pub mod jury;
pub mod rulebook;
