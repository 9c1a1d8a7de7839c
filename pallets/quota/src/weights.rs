//! BOOTSTRAP: no figures yet. `scripts/bench.sh quota` replaces this file with the generated weights.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_quota`.
pub trait WeightInfo {
	fn bond() -> Weight;
	fn unbond() -> Weight;
	fn withdraw_unbonded() -> Weight;
	fn set_params() -> Weight;
	fn charge_quota() -> Weight;
}

/// Weights for `pallet_quota`, to be generated.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn bond() -> Weight { Weight::zero() }
	fn unbond() -> Weight { Weight::zero() }
	fn withdraw_unbonded() -> Weight { Weight::zero() }
	fn set_params() -> Weight { Weight::zero() }
	fn charge_quota() -> Weight { Weight::zero() }
}

impl WeightInfo for () {
	fn bond() -> Weight { Weight::zero() }
	fn unbond() -> Weight { Weight::zero() }
	fn withdraw_unbonded() -> Weight { Weight::zero() }
	fn set_params() -> Weight { Weight::zero() }
	fn charge_quota() -> Weight { Weight::zero() }
}
