//! A test runtime with System, Balances and Moderation. Account 42 stands for the rules origin (a
//! referendum on the `moderation_rules` track in the real runtime); posts, randomness and the reward
//! pool that receives slashes are stand-ins the tests set and read. At most 4 rules.

use crate as pallet_moderation;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::Credit, ConstU32, Hooks, Imbalance, OnUnbalanced, VariantCountOf},
};
use frame_system::EnsureSignedBy;
use kith_primitives::{PostAuthorship, PostId};
use sp_runtime::{traits::Hash, BuildStorage};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Moderation: pallet_moderation,
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
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
}

thread_local! {
	/// Posts: id → (author, deleted).
	pub static POSTS: RefCell<Vec<(u64, bool)>> = const { RefCell::new(Vec::new()) };
	/// What reached the reward pool.
	pub static POOL: RefCell<u64> = const { RefCell::new(0) };
	/// The entropy the randomness stand-in mixes in.
	pub static ENTROPY: RefCell<u64> = const { RefCell::new(0) };
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

/// What reached the reward pool so far.
pub fn pool() -> u64 {
	POOL.with(|p| *p.borrow())
}

/// Sets the entropy of the next draws.
pub fn set_entropy(entropy: u64) {
	ENTROPY.with(|e| *e.borrow_mut() = entropy);
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

/// Randomness from the entropy the tests set.
pub struct TestRandomness;
impl frame_support::traits::Randomness<sp_core::H256, u64> for TestRandomness {
	fn random(subject: &[u8]) -> (sp_core::H256, u64) {
		let entropy = ENTROPY.with(|e| *e.borrow());
		let hash = <Test as frame_system::Config>::Hashing::hash_of(&(subject, entropy));
		(hash, System::block_number())
	}
}

/// The reward pool: counts what it receives (and burns it, as the real pool does until claims).
pub struct TestPool;
impl OnUnbalanced<Credit<u64, Balances>> for TestPool {
	fn on_nonzero_unbalanced(amount: Credit<u64, Balances>) {
		POOL.with(|p| *p.borrow_mut() += amount.peek());
	}
}

frame_support::ord_parameter_types! {
	pub const RulesAccount: u64 = 42;
}

parameter_types! {
	pub const Periods: crate::Periods<u64> =
		crate::Periods { case_voting: 10, appeal_window: 10, jury: 5 };
	/// 0.1% of active issuance: 40 of the 40,000 the accounts start with, below the least turnout.
	pub const CaseQuorum: sp_runtime::Perbill = sp_runtime::Perbill::from_parts(1_000_000);
	/// No freeze after the close for `Locked1x`, which the tests' votes use, unless a test sets one.
	pub static VoteLockingPeriod: u64 = 0;
}

impl pallet_moderation::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Posts = TestPosts;
	type Randomness = TestRandomness;
	type Slashed = TestPool;
	type OnEnforced = ();
	type RulesOrigin = EnsureSignedBy<RulesAccount, u64>;
	type MaxRules = ConstU32<4>;
	type ReportDeposit = frame_support::traits::ConstU64<10>;
	type ReportThreshold = ConstU32<3>;
	type MaxReporters = ConstU32<5>;
	type CaseDeposit = frame_support::traits::ConstU64<50>;
	type MinCaseTurnout = frame_support::traits::ConstU64<100>;
	type DefaultCaseQuorum = CaseQuorum;
	type MinCaseVote = frame_support::traits::ConstU64<5>;
	type VoteLockingPeriod = VoteLockingPeriod;
	type MaxVotesPerAccount = ConstU32<3>;
	type MaxDuePerBlock = ConstU32<2>;
	type DefaultPeriods = Periods;
	type AppealDeposit = frame_support::traits::ConstU64<40>;
	type JuryFee = frame_support::traits::ConstU64<21>;
	type JurySize = ConstU32<7>;
	type JuryQuorum = ConstU32<5>;
	type MinJurorBond = frame_support::traits::ConstU64<100>;
	type JurorNoShowSlash = frame_support::traits::ConstU64<14>;
	type MaxJurors = ConstU32<20>;
	type MaxUpheld = ConstU32<3>;
	type WeightInfo = ();
}

/// A rule with `title`, a short text and the `Hide` action.
pub fn rule(title: &str) -> crate::RuleInputOf<Test> {
	crate::RuleInput {
		title: title.as_bytes().to_vec().try_into().unwrap(),
		description: crate::RuleDescription::Text(b"what it forbids".to_vec().try_into().unwrap()),
		action: crate::RuleAction::Hide,
	}
}

/// A chain whose genesis rulebook is "spam" (id 0) and "harassment" (id 1), both `Hide`, version 1;
/// accounts 1 to 40 hold 1,000 each.
pub fn new_test_ext() -> sp_io::TestExternalities {
	POSTS.with(|p| p.borrow_mut().clear());
	POOL.with(|p| *p.borrow_mut() = 0);
	ENTROPY.with(|e| *e.borrow_mut() = 0);
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=40).map(|who| (who, 1_000)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let hide = |title: &str| {
		(title.as_bytes().to_vec(), b"what it forbids".to_vec(), crate::RuleAction::Hide)
	};
	pallet_moderation::GenesisConfig::<Test> {
		rules: vec![hide("spam"), hide("harassment")],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Moves to block `n`, running the pallet's `on_initialize` and `on_idle` (with all the weight it
/// wants) in each block on the way.
pub fn run_to(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Moderation::on_initialize(next);
		Moderation::on_idle(next, frame_support::weights::Weight::MAX);
	}
}

/// Runs a test and then checks the pallet's invariants.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		Moderation::do_try_state().expect("invariants hold");
	});
}
