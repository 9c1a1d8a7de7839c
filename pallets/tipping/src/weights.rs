//! Placeholder until `scripts/bench.sh` generates this file.
#![allow(unused_parens, unused_imports, missing_docs)]
use frame_support::weights::Weight;
pub trait WeightInfo {
	fn tip() -> Weight;
}
impl WeightInfo for () {
	fn tip() -> Weight {
		Weight::zero()
	}
}
