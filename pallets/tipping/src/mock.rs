//! A test runtime with just System, Balances and Tipping; posts, suspensions and the appreciation hook
//! are stand-ins the tests set and read.

use crate as pallet_tipping;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, traits::VariantCountOf, weights::Weight};
use kith_primitives::{PostAuthorship, PostId};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Tipping: pallet_tipping,
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
	type ExistentialDeposit = frame_support::traits::ConstU64<10>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
}

thread_local! {
	/// Posts: id → (author, deleted).
	pub static POSTS: RefCell<Vec<(u64, bool)>> = const { RefCell::new(Vec::new()) };
	/// Suspended accounts.
	pub static SUSPENDED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
	/// (blocker, blocked) pairs.
	pub static BLOCKS: RefCell<Vec<(u64, u64)>> = const { RefCell::new(Vec::new()) };
	/// Appreciations passed on: (who, author, post).
	pub static APPRECIATED: RefCell<Vec<(u64, u64, PostId)>> = const { RefCell::new(Vec::new()) };
}

/// Adds a post by `author` and returns its id.
pub fn add_post(author: u64) -> PostId {
	POSTS.with(|p| {
		p.borrow_mut().push((author, false));
		p.borrow().len() as PostId - 1
	})
}

/// Marks post `id` deleted.
pub fn delete_post(id: PostId) {
	POSTS.with(|p| p.borrow_mut()[id as usize].1 = true);
}

/// The posts the tests add.
pub struct TestPosts;
impl kith_primitives::PostAuthors<u64> for TestPosts {
	fn authorship(id: PostId) -> Option<PostAuthorship<u64>> {
		POSTS.with(|p| {
			p.borrow().get(id as usize).map(|&(author, deleted)| PostAuthorship { author, deleted })
		})
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn create_for_benchmark(author: &u64) -> PostId {
		add_post(*author)
	}
}

/// The suspensions the tests set.
pub struct TestModeration;
impl kith_primitives::ModerationStatus<u64> for TestModeration {
	fn is_suspended(who: &u64) -> bool {
		SUSPENDED.with(|s| s.borrow().contains(who))
	}
	fn is_hidden(_: PostId) -> bool {
		false
	}
}

/// The blocks the tests set.
pub struct TestGraph;
impl kith_primitives::SocialGraph<u64> for TestGraph {
	fn is_blocked(by: &u64, who: &u64) -> bool {
		BLOCKS.with(|b| b.borrow().contains(&(*by, *who)))
	}
}

/// Records the appreciations the pallet passes on.
pub struct TestAppreciation;
impl kith_primitives::OnAppreciation<u64> for TestAppreciation {
	fn on_appreciation(who: &u64, author: &u64, post: PostId) -> Weight {
		APPRECIATED.with(|a| a.borrow_mut().push((*who, *author, post)));
		APPRECIATION_TOOK
	}
	fn weight() -> Weight {
		APPRECIATION_TOOK * 10
	}
}

/// What [`TestAppreciation`] says an appreciation took, of the most it declares.
pub const APPRECIATION_TOOK: Weight = Weight::from_parts(7_000, 0);

parameter_types! {
	pub const MinTip: u64 = 10;
}

impl pallet_tipping::Config for Test {
	type Currency = Balances;
	type Posts = TestPosts;
	type Moderation = TestModeration;
	type SocialGraph = TestGraph;
	type OnAppreciation = TestAppreciation;
	type MinTip = MinTip;
	type MaxMemoLen = frame_support::traits::ConstU32<140>;
	type WeightInfo = ();
}

/// Accounts 1 to 9 start with 1,000 each.
pub fn new_test_ext() -> sp_io::TestExternalities {
	POSTS.with(|p| p.borrow_mut().clear());
	SUSPENDED.with(|s| s.borrow_mut().clear());
	BLOCKS.with(|b| b.borrow_mut().clear());
	APPRECIATED.with(|a| a.borrow_mut().clear());
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..10).map(|who| (who, 1_000)).collect(),
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
	new_test_ext().execute_with(|| {
		f();
		pallet_tipping::Pallet::<Test>::do_try_state().expect("invariants hold");
	});
}
