//! A test runtime with System, Balances and Validators. `TestSession` stands for `pallet-session`:
//! `set_keys` for `session.set_keys`, `rotate` for its rotation (end the session, make the queued set
//! active, plan the one after); `author` stands for `pallet-authorship`.

use crate as pallet_validators;
use core::cell::RefCell;
use frame_support::{
	derive_impl,
	traits::{ConstU32, ValidatorSet},
};
use pallet_session::SessionManager;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Validators: pallet_validators,
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
}

thread_local! {
	/// Accounts with session keys.
	pub static KEYS: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
	/// The session index, its set and the set queued for the next session.
	pub static SESSION: RefCell<(u32, Vec<u64>, Vec<u64>)> =
		const { RefCell::new((0, Vec::new(), Vec::new())) };
}

/// Gives `who` session keys.
pub fn set_keys(who: u64) {
	KEYS.with(|k| k.borrow_mut().push(who));
}

/// The validators of the current session.
pub fn active() -> Vec<u64> {
	SESSION.with(|s| s.borrow().1.clone())
}

/// The validators queued for the next session.
pub fn queued() -> Vec<u64> {
	SESSION.with(|s| s.borrow().2.clone())
}

/// Sessions as the tests drive them.
pub struct TestSession;
impl frame_support::traits::ValidatorRegistration<u64> for TestSession {
	fn is_registered(who: &u64) -> bool {
		KEYS.with(|k| k.borrow().contains(who))
	}
}
impl frame_support::traits::ValidatorSet<u64> for TestSession {
	type ValidatorId = u64;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	fn session_index() -> u32 {
		SESSION.with(|s| s.borrow().0)
	}
	fn validators() -> Vec<u64> {
		active()
	}
}

frame_support::parameter_types! {
	pub const MinBond: u64 = 100;
	pub const BlockReward: u64 = 5;
	pub const OffenceSlash: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(10);
	pub const ReporterShare: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(50);
}

impl pallet_validators::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Session = TestSession;
	type AdminOrigin = frame_system::EnsureRoot<u64>;
	type MinBond = MinBond;
	type MaxCandidates = ConstU32<8>;
	type MaxValidators = ConstU32<3>;
	type MinValidators = ConstU32<2>;
	type UnbondingSessions = ConstU32<2>;
	type MaxUnbondingChunks = ConstU32<2>;
	type JailSessions = ConstU32<2>;
	type DefaultBlockReward = BlockReward;
	type DefaultOffenceSlash = OffenceSlash;
	type ReporterShare = ReporterShare;
	type DefaultSessionLength = frame_support::traits::ConstU64<10>;
	type WeightInfo = ();
}

/// Rotates to the next session as `pallet-session` does: ends the current one, starts the next with
/// the queued set and plans the one after (a `None` plan queues the same set again); returns the plan.
pub fn rotate() -> Option<Vec<u64>> {
	let current = TestSession::session_index();
	Validators::end_session(current);
	SESSION.with(|s| {
		let mut s = s.borrow_mut();
		s.0 = current + 1;
		s.1 = s.2.clone();
	});
	Validators::start_session(current + 1);
	let planned = Validators::new_session(current + 2);
	SESSION.with(|s| {
		let mut s = s.borrow_mut();
		s.2 = planned.clone().unwrap_or_else(|| s.1.clone());
	});
	planned
}

/// `who` authors `blocks` blocks.
pub fn author(who: u64, blocks: u32) {
	for _ in 0..blocks {
		<Validators as pallet_authorship::EventHandler<u64, u64>>::note_author(who);
	}
}

/// Accounts 1 to 9 hold 1,000 each; 1 and 2 are genesis candidates with bonds of 300 and 200, with
/// keys, and validate session 0 (as `pallet-session`'s genesis would make them).
pub fn new_test_ext() -> sp_io::TestExternalities {
	KEYS.with(|k| *k.borrow_mut() = vec![1, 2]);
	SESSION.with(|s| *s.borrow_mut() = (0, Vec::new(), Vec::new()));
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..10).map(|who| (who, 1_000)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_validators::GenesisConfig::<Test> {
		candidates: vec![(1, 300), (2, 200)],
		session_length: None,
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		// What pallet-session's genesis does: plan sessions 0 and 1, start session 0.
		let first = Validators::new_session_genesis(0).expect("genesis candidates");
		let second = Validators::new_session_genesis(1).unwrap_or_else(|| first.clone());
		SESSION.with(|s| *s.borrow_mut() = (0, first, second));
		Validators::start_session(0);
	});
	ext
}

/// Runs a test and then checks the pallet's invariants.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		Validators::do_try_state().expect("invariants hold");
	});
}
