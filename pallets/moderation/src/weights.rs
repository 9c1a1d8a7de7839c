//! Placeholder until `scripts/bench.sh` generates this file.
#![allow(unused_parens, unused_imports, missing_docs)]
use frame_support::weights::Weight;
pub trait WeightInfo {
	fn set_rulebook(n: u32, r: u32) -> Weight;
	fn add_rule() -> Weight;
	fn amend_rule() -> Weight;
	fn retire_rule() -> Weight;
}
impl WeightInfo for () {
	fn set_rulebook(_: u32, _: u32) -> Weight { Weight::zero() }
	fn add_rule() -> Weight { Weight::zero() }
	fn amend_rule() -> Weight { Weight::zero() }
	fn retire_rule() -> Weight { Weight::zero() }
}
