//! Placeholder until `scripts/bench.sh` generates this file.
#![allow(unused_parens, unused_imports, missing_docs)]
use frame_support::weights::Weight;
pub trait WeightInfo {
	fn bond() -> Weight;
	fn unbond() -> Weight;
	fn withdraw_unbonded() -> Weight;
	fn claim() -> Weight;
	fn set_reward_per_era() -> Weight;
	fn set_era_length() -> Weight;
	fn on_appreciation() -> Weight;
	fn on_initialize_within_era() -> Weight;
	fn on_initialize_era_end() -> Weight;
	fn clear_expired(k: u32) -> Weight;
}
impl WeightInfo for () {
	fn bond() -> Weight { Weight::zero() }
	fn unbond() -> Weight { Weight::zero() }
	fn withdraw_unbonded() -> Weight { Weight::zero() }
	fn claim() -> Weight { Weight::zero() }
	fn set_reward_per_era() -> Weight { Weight::zero() }
	fn set_era_length() -> Weight { Weight::zero() }
	fn on_appreciation() -> Weight { Weight::zero() }
	fn on_initialize_within_era() -> Weight { Weight::zero() }
	fn on_initialize_era_end() -> Weight { Weight::zero() }
	fn clear_expired(_: u32) -> Weight { Weight::zero() }
}
