//! A test runtime with System, Balances and CreatorRewards. Eras last 10 blocks; curators have 4 votes
//! and 16 flags an era; curators and creators get half of a pool each; the score target is 1 (pools
//! are paid in full) unless a test sets another; moderation is a pair of sets a test fills with
//! [`hide`] and [`suspend`].

use crate as pallet_creator_rewards;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Hooks, VariantCountOf},
};
use frame_system::EnsureRoot;
use kith_primitives::{ModerationStatus, OnEnforced, PostId};
use sp_runtime::{BuildStorage, Perbill};
use std::{cell::RefCell, collections::BTreeSet};

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
	pub const CuratorShare: Perbill = Perbill::from_percent(50);
}

thread_local! {
	static HIDDEN: RefCell<BTreeSet<PostId>> = const { RefCell::new(BTreeSet::new()) };
	static SUSPENDED: RefCell<BTreeSet<u64>> = const { RefCell::new(BTreeSet::new()) };
}

/// Moderation as the pallet sees it: what [`hide`] and [`suspend`] decided.
pub struct MockModeration;

impl ModerationStatus<u64> for MockModeration {
	fn is_suspended(who: &u64) -> bool {
		SUSPENDED.with(|set| set.borrow().contains(who))
	}
	fn is_hidden(post: PostId) -> bool {
		HIDDEN.with(|set| set.borrow().contains(&post))
	}
}

/// An upheld case hides post `post` by `author`, as the moderation pallet tells it.
pub fn hide(post: PostId, author: u64) {
	HIDDEN.with(|set| set.borrow_mut().insert(post));
	CreatorRewards::on_post_hidden(post, &author);
}

/// An upheld case suspends `who`, as the moderation pallet tells it.
pub fn suspend(who: u64) {
	SUSPENDED.with(|set| set.borrow_mut().insert(who));
	CreatorRewards::on_account_suspended(&who);
}

impl pallet_creator_rewards::Config for Test {
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type AdminOrigin = EnsureRoot<u64>;
	type DefaultEraLength = ConstU64<ERA>;
	type VotesPerEra = ConstU32<4>;
	type CuratorShare = CuratorShare;
	type Moderation = MockModeration;
	type MaxFlagsPerEra = ConstU32<16>;
	type DefaultScoreTarget = ConstU64<1>;
	type ClaimWindow = ConstU32<3>;
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
	HIDDEN.with(|set| set.borrow_mut().clear());
	SUSPENDED.with(|set| set.borrow_mut().clear());
	pallet_creator_rewards::GenesisConfig::<Test> {
		era_length: None,
		reward_per_era: REWARD,
		score_target: None,
	}
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
