//! A test runtime with System, Balances and CreatorRewards. Eras last 10 blocks; curators have 4 votes
//! an era; curators get 20% of a pool, one creator at most half of the creators' part.

use crate as pallet_creator_rewards;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Hooks, VariantCountOf},
};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, Perbill};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		CreatorRewards: pallet_creator_rewards,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ConstU64<1>;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
}

/// The era length in blocks.
pub const ERA: u64 = 10;
/// What each era adds to the pool.
pub const REWARD: u64 = 1_000_000;

parameter_types! {
	pub const CuratorShare: Perbill = Perbill::from_percent(20);
	pub const MaxCreatorShare: Perbill = Perbill::from_percent(50);
}

impl pallet_creator_rewards::Config for Test {
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type AdminOrigin = EnsureRoot<u64>;
	type DefaultEraLength = ConstU64<ERA>;
	type VotesPerEra = ConstU32<4>;
	type CuratorShare = CuratorShare;
	type MaxCreatorShare = MaxCreatorShare;
	type ClaimWindow = ConstU32<2>;
	type UnbondingEras = ConstU32<2>;
	type MaxUnlockingChunks = ConstU32<3>;
	type MinBond = ConstU64<100>;
	type WeightInfo = ();
}

/// Accounts 1 to 99 start with 1,000,000 each; the reward per era is [`REWARD`].
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..100).map(|who| (who, 1_000_000)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_creator_rewards::GenesisConfig::<Test> { era_length: None, reward_per_era: REWARD }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test and then checks the pallet's invariants.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		CreatorRewards::do_try_state().expect("invariants hold");
	});
}

/// Runs blocks until the current era has closed, checking the invariants after each block.
pub fn next_era() {
	let era = pallet_creator_rewards::CurrentEra::<Test>::get();
	while pallet_creator_rewards::CurrentEra::<Test>::get() == era {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		CreatorRewards::on_initialize(next);
		CreatorRewards::on_idle(next, frame_support::weights::Weight::MAX);
		CreatorRewards::do_try_state().expect("invariants hold");
	}
}
