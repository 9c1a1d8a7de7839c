//! Placeholder until `scripts/bench.sh` generates this file.
#![allow(unused_parens, unused_imports, missing_docs)]
use frame_support::weights::Weight;
pub trait WeightInfo {
	fn follow() -> Weight;
	fn unfollow() -> Weight;
	fn block() -> Weight;
	fn unblock() -> Weight;
	fn move_graph() -> Weight;
}
impl WeightInfo for () {
	fn follow() -> Weight {
		Weight::zero()
	}
	fn unfollow() -> Weight {
		Weight::zero()
	}
	fn block() -> Weight {
		Weight::zero()
	}
	fn unblock() -> Weight {
		Weight::zero()
	}
	fn move_graph() -> Weight {
		Weight::zero()
	}
}
