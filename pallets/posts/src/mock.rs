//! A test runtime with just System, Balances and Posts; who blocked whom and who is suspended are set by
//! the tests, and the appreciations the pallet passes on are recorded for them.

use crate as pallet_posts;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, traits::VariantCountOf};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Posts: pallet_posts,
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
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
}

thread_local! {
	/// (blocker, blocked) pairs.
	pub static BLOCKS: RefCell<Vec<(u64, u64)>> = const { RefCell::new(Vec::new()) };
	/// Suspended accounts.
	pub static SUSPENDED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
	/// The appreciations passed on: (who, author, post).
	pub static APPRECIATED: RefCell<Vec<(u64, u64, u64)>> = const { RefCell::new(Vec::new()) };
}

/// The block list the tests set.
pub struct TestGraph;
impl kith_primitives::SocialGraph<u64> for TestGraph {
	fn is_blocked(by: &u64, who: &u64) -> bool {
		BLOCKS.with(|b| b.borrow().contains(&(*by, *who)))
	}
}

/// The suspensions the tests set.
pub struct TestModeration;
impl kith_primitives::ModerationStatus<u64> for TestModeration {
	fn is_suspended(who: &u64) -> bool {
		SUSPENDED.with(|s| s.borrow().contains(who))
	}
	/// The pallet never asks: hiding a post is for readers, not for its calls.
	fn is_hidden(_: kith_primitives::PostId) -> bool {
		false
	}
}

/// What [`TestAppreciation`] says an appreciation took, of the most it declares.
pub const APPRECIATION_TOOK: frame_support::weights::Weight =
	frame_support::weights::Weight::from_parts(7_000, 0);

/// Records the appreciations the pallet passes on.
pub struct TestAppreciation;
impl kith_primitives::OnAppreciation<u64> for TestAppreciation {
	fn on_appreciation(who: &u64, author: &u64, post: u64) -> frame_support::weights::Weight {
		APPRECIATED.with(|a| a.borrow_mut().push((*who, *author, post)));
		APPRECIATION_TOOK
	}
	fn weight() -> frame_support::weights::Weight {
		APPRECIATION_TOOK * 10
	}
}

parameter_types! {
	pub const PostDepositBase: u64 = 100;
	pub const PostByteDeposit: u64 = 1;
	pub const ReactionDeposit: u64 = 5;
}

impl pallet_posts::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type SocialGraph = TestGraph;
	type Moderation = TestModeration;
	type OnAppreciation = TestAppreciation;
	type MaxTextLen = frame_support::traits::ConstU32<1024>;
	type MaxCaptionLen = frame_support::traits::ConstU32<280>;
	type PostDepositBase = PostDepositBase;
	type PostByteDeposit = PostByteDeposit;
	type ReactionDeposit = ReactionDeposit;
	type WeightInfo = ();
}

/// Accounts 1 to 9 start with 100,000 each; account 99 with 150.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..10).map(|who| (who, 100_000)).chain([(99, 150)]).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test and then checks the pallet's invariants.
pub fn test(f: impl FnOnce()) {
	BLOCKS.with(|b| b.borrow_mut().clear());
	SUSPENDED.with(|s| s.borrow_mut().clear());
	APPRECIATED.with(|a| a.borrow_mut().clear());
	new_test_ext().execute_with(|| {
		f();
		pallet_posts::Pallet::<Test>::do_try_state().expect("invariants hold");
	});
}
