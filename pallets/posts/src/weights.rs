//! Placeholder until `scripts/bench.sh` generates this file.
#![allow(unused_parens, unused_imports, missing_docs)]
use frame_support::weights::Weight;
pub trait WeightInfo {
	fn create_post(n: u32) -> Weight;
	fn edit_post(n: u32) -> Weight;
	fn delete_post() -> Weight;
	fn react() -> Weight;
	fn unreact() -> Weight;
}
impl WeightInfo for () {
	fn create_post(_: u32) -> Weight {
		Weight::zero()
	}
	fn edit_post(_: u32) -> Weight {
		Weight::zero()
	}
	fn delete_post() -> Weight {
		Weight::zero()
	}
	fn react() -> Weight {
		Weight::zero()
	}
	fn unreact() -> Weight {
		Weight::zero()
	}
}
