//! A test runtime with just System, Balances and Profiles; the identity-move hook is a recorder.

use crate as pallet_profiles;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, traits::VariantCountOf};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, DispatchError, DispatchResult};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Profiles: pallet_profiles,
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
	/// The identity moves the hook was told of.
	pub static MOVES: RefCell<Vec<(u64, u64)>> = const { RefCell::new(Vec::new()) };
	/// Accounts the hook refuses to move to (as the follows pallet refuses accounts in the graph).
	pub static REFUSED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
	/// The accounts whose handle the hook was told is leaving, with whether they still held it then.
	pub static GONE: RefCell<Vec<(u64, bool)>> = const { RefCell::new(Vec::new()) };
}

/// Records the accounts whose handle leaves them.
pub struct RecordGone;
impl kith_primitives::OnHandleGone<u64> for RecordGone {
	fn on_handle_gone(who: &u64) {
		let held = crate::HandleOf::<Test>::contains_key(who);
		GONE.with(|g| g.borrow_mut().push((*who, held)));
	}
	fn weight() -> frame_support::weights::Weight {
		Default::default()
	}
}

/// The accounts the handle-gone hook was told of, since the last call.
pub fn handles_gone() -> Vec<(u64, bool)> {
	GONE.with(|g| g.take())
}

/// Records moves; refuses targets in `REFUSED`.
pub struct RecordMoves;
impl kith_primitives::OnIdentityMoved<u64> for RecordMoves {
	fn can_move(_: &u64, to: &u64) -> DispatchResult {
		if REFUSED.with(|r| r.borrow().contains(to)) {
			return Err(DispatchError::Other("target in graph"));
		}
		Ok(())
	}
	fn on_identity_moved(from: &u64, to: &u64) -> DispatchResult {
		Self::can_move(from, to)?;
		MOVES.with(|m| m.borrow_mut().push((*from, *to)));
		Ok(())
	}
	fn weight() -> frame_support::weights::Weight {
		Default::default()
	}
}

parameter_types! {
	pub const ProfileDepositBase: u64 = 100;
	pub const ProfileByteDeposit: u64 = 1;
	pub const HandleDeposit: u64 = 50;
}

impl pallet_profiles::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ReservedOrigin = EnsureRoot<u64>;
	type OnIdentityMoved = RecordMoves;
	type OnHandleGone = RecordGone;
	type MaxDisplayNameLen = frame_support::traits::ConstU32<64>;
	type MaxBioLen = frame_support::traits::ConstU32<512>;
	type MaxReserved = frame_support::traits::ConstU32<4>;
	type ProfileDepositBase = ProfileDepositBase;
	type ProfileByteDeposit = ProfileByteDeposit;
	type HandleDeposit = HandleDeposit;
	type WeightInfo = ();
}

/// Accounts 1 to 9 start with 10,000 each; account 99 with 120; "kith" and "admin" are reserved.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..10).map(|who| (who, 10_000)).chain([(99, 120)]).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_profiles::GenesisConfig::<Test> {
		reserved: vec![b"kith".to_vec(), b"Admin".to_vec()],
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
	MOVES.with(|m| m.borrow_mut().clear());
	GONE.with(|g| g.borrow_mut().clear());
	REFUSED.with(|r| r.borrow_mut().clear());
	new_test_ext().execute_with(|| {
		f();
		pallet_profiles::Pallet::<Test>::do_try_state().expect("invariants hold");
	});
}
