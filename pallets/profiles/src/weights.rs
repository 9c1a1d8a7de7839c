//! Placeholder until `scripts/bench.sh` generates this file.
#![allow(unused_parens, unused_imports, missing_docs)]
use frame_support::weights::Weight;
pub trait WeightInfo {
	fn set_profile(n: u32) -> Weight;
	fn clear_profile() -> Weight;
	fn claim_handle() -> Weight;
	fn release_handle() -> Weight;
	fn transfer_handle() -> Weight;
	fn move_identity() -> Weight;
	fn set_reserved(n: u32) -> Weight;
}
impl WeightInfo for () {
	fn set_profile(_: u32) -> Weight {
		Weight::zero()
	}
	fn clear_profile() -> Weight {
		Weight::zero()
	}
	fn claim_handle() -> Weight {
		Weight::zero()
	}
	fn release_handle() -> Weight {
		Weight::zero()
	}
	fn transfer_handle() -> Weight {
		Weight::zero()
	}
	fn move_identity() -> Weight {
		Weight::zero()
	}
	fn set_reserved(_: u32) -> Weight {
		Weight::zero()
	}
}
