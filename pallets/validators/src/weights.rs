//! Weights for `pallet_validators`: not generated yet (`scripts/bench.sh validators` writes this file).

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weight functions needed for `pallet_validators`.
pub trait WeightInfo {
	fn register() -> Weight;
	fn bond_extra() -> Weight;
	fn unregister() -> Weight;
	fn withdraw_unbonded() -> Weight;
	fn unjail() -> Weight;
	fn set_block_reward() -> Weight;
	fn note_author() -> Weight;
	fn new_session(c: u32) -> Weight;
	fn end_session(v: u32) -> Weight;
}

/// Weights for `pallet_validators` measured on this machine, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register() -> Weight {
		Weight::zero()
	}
	fn bond_extra() -> Weight {
		Weight::zero()
	}
	fn unregister() -> Weight {
		Weight::zero()
	}
	fn withdraw_unbonded() -> Weight {
		Weight::zero()
	}
	fn unjail() -> Weight {
		Weight::zero()
	}
	fn set_block_reward() -> Weight {
		Weight::zero()
	}
	fn note_author() -> Weight {
		Weight::zero()
	}
	fn new_session(_c: u32) -> Weight {
		Weight::zero()
	}
	fn end_session(_v: u32) -> Weight {
		Weight::zero()
	}
}

// For tests.
impl WeightInfo for () {
	fn register() -> Weight {
		Weight::zero()
	}
	fn bond_extra() -> Weight {
		Weight::zero()
	}
	fn unregister() -> Weight {
		Weight::zero()
	}
	fn withdraw_unbonded() -> Weight {
		Weight::zero()
	}
	fn unjail() -> Weight {
		Weight::zero()
	}
	fn set_block_reward() -> Weight {
		Weight::zero()
	}
	fn note_author() -> Weight {
		Weight::zero()
	}
	fn new_session(_c: u32) -> Weight {
		Weight::zero()
	}
	fn end_session(_v: u32) -> Weight {
		Weight::zero()
	}
}
