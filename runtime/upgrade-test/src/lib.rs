//! The wasm of Kith's runtime with `spec_version` one higher than `kith-runtime`'s, for the end-to-end
//! test of a forkless upgrade through the `root` referendum track. Natively this crate only carries the
//! blob ([`WASM_BINARY`]); its wasm build links `kith-runtime` with the `upgrade-test-version` feature,
//! which changes nothing but the version.
#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

#[cfg(not(feature = "std"))]
pub use kith_runtime::*;
