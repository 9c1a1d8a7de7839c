//! A test runtime with System, Balances, TransactionPayment and Quota. `System::remark` stands for a
//! post and `System::remark_with_event` for a reaction; handles are a list the tests set.

use crate as pallet_quota;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU64, VariantCountOf},
	weights::{IdentityFee, Weight},
};
use frame_system::limits::BlockWeights;
use pallet_transaction_payment::FungibleAdapter;
use sp_runtime::{BuildStorage, Perbill};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		TransactionPayment: pallet_transaction_payment,
		Quota: pallet_quota,
	}
);

parameter_types! {
	/// Blocks of 2 s of weight, three quarters for normal transactions.
	pub TestBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		Weight::from_parts(2_000_000_000_000, u64::MAX),
		Perbill::from_percent(75),
	);
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type BlockWeights = TestBlockWeights;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ConstU64<10>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
}

#[derive_impl(pallet_transaction_payment::config_preludes::TestDefaultConfig)]
impl pallet_transaction_payment::Config for Test {
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type WeightToFee = IdentityFee<u64>;
	type LengthToFee = IdentityFee<u64>;
}

thread_local! {
	/// The accounts that hold a handle.
	pub static HANDLES: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// Gives `who` a handle.
pub fn give_handle(who: u64) {
	HANDLES.with(|h| h.borrow_mut().push(who));
}

/// The handles the tests give.
pub struct TestHandles;
impl crate::HandleHolders<u64> for TestHandles {
	fn has_handle(who: &u64) -> bool {
		HANDLES.with(|h| h.borrow().contains(who))
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn give_handle(who: &u64) {
		give_handle(*who);
	}
}

/// `remark` is a post, `remark_with_event` a reaction; the signer's bar pays.
pub struct TestCalls;
impl crate::SocialCalls<RuntimeCall, u64> for TestCalls {
	fn action(call: &RuntimeCall) -> Option<crate::SocialAction> {
		match call {
			RuntimeCall::System(frame_system::Call::remark { .. }) => {
				Some(crate::SocialAction::Post)
			},
			RuntimeCall::System(frame_system::Call::remark_with_event { .. }) => {
				Some(crate::SocialAction::React)
			},
			_ => None,
		}
	}
	fn payer(signer: &u64, _: &RuntimeCall) -> Option<u64> {
		Some(*signer)
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn worst_case(signer: &u64) -> (RuntimeCall, u64) {
		(RuntimeCall::System(frame_system::Call::remark { remark: vec![] }), *signer)
	}
}

/// A day of 100 blocks.
pub const PERIOD: u64 = 100;

impl pallet_quota::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type SocialCalls = TestCalls;
	type Handles = TestHandles;
	type AdminOrigin = frame_system::EnsureRoot<u64>;
	type RegenPeriod = ConstU64<PERIOD>;
	type CreditUnit = ConstU64<100>;
	type MinBond = ConstU64<100>;
	type WeightInfo = ();
}

/// Accounts 1 to 4 hold 10^15 each; account 9 holds nothing. Default parameters.
pub fn new_test_ext() -> sp_io::TestExternalities {
	HANDLES.with(|h| h.borrow_mut().clear());
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=4).map(|who| (who, 1_000_000_000_000_000)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_quota::GenesisConfig::<Test>::default().assimilate_storage(&mut t).unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
