//! A test runtime with System, Balances, TransactionPayment and Quota. `System::remark` stands for a
//! post and `System::remark_with_event` for a reaction; handles are a list the tests set, and a voucher's
//! claim of a handle holds [`HANDLE_DEPOSIT`] from the account. Signatures are `TestSignature`s.

use crate as pallet_quota;
use codec::Encode;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU64, VariantCountOf},
	weights::{IdentityFee, Weight},
};
use frame_support::{storage::unhashed, traits::fungible::MutateHold};
use frame_system::limits::BlockWeights;
use pallet_transaction_payment::FungibleAdapter;
use sp_runtime::{testing::TestSignature, BuildStorage, Perbill};

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
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ConstU64<10>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type FreezeIdentifier = RuntimeFreezeReason;
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

/// What claiming a handle holds from the account (as the bond's hold, for the tests' sake).
pub const HANDLE_DEPOSIT: u64 = 100;

/// Gives `who` a handle.
pub fn give_handle(who: u64) {
	HANDLES.with(|h| h.borrow_mut().push(who));
}

// Handles claimed with vouchers are kept in storage, so that a claim run in validation and rolled
// back leaves nothing behind.
fn handle_key(handle: &[u8]) -> Vec<u8> {
	(b"handle", handle).encode()
}

fn claim_key(who: u64) -> Vec<u8> {
	(b"claimed-by", who).encode()
}

/// The handle `who` claimed with a voucher, and its display name.
pub fn claimed_by(who: u64) -> Option<(Vec<u8>, Vec<u8>)> {
	unhashed::get(&claim_key(who))
}

/// Takes `who`'s handle away as the profiles pallet does: telling the quota pallet first.
pub fn drop_handle(who: u64) {
	<Quota as kith_primitives::OnHandleGone<u64>>::on_handle_gone(&who);
	HANDLES.with(|h| h.borrow_mut().retain(|w| *w != who));
	if let Some((handle, _)) = claimed_by(who) {
		Balances::release(
			&RuntimeHoldReason::Quota(crate::HoldReason::Bond),
			&who,
			HANDLE_DEPOSIT,
			frame_support::traits::tokens::Precision::Exact,
		)
		.unwrap();
		unhashed::kill(&handle_key(&handle));
		unhashed::kill(&claim_key(who));
	}
}

/// Signs for benchmarks: account `seed`, a `TestSignature`.
#[cfg(feature = "runtime-benchmarks")]
pub struct TestSigner;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<TestSignature, u64> for TestSigner {
	fn sign(seed: u32, message: &[u8]) -> (u64, TestSignature) {
		let who = 1_000 + seed as u64;
		(who, TestSignature(who, message.to_vec()))
	}
}

/// The handles the tests give.
pub struct TestHandles;
impl crate::HandleHolders<u64> for TestHandles {
	fn has_handle(who: &u64) -> bool {
		HANDLES.with(|h| h.borrow().contains(who)) || claimed_by(*who).is_some()
	}
	fn claim(
		who: &u64,
		handle: &[u8],
		display_name: &[u8],
		_bio: &[u8],
	) -> sp_runtime::DispatchResult {
		if Self::has_handle(who) || unhashed::exists(&handle_key(handle)) {
			return Err("handle taken".into());
		}
		Balances::hold(&RuntimeHoldReason::Quota(crate::HoldReason::Bond), who, HANDLE_DEPOSIT)?;
		unhashed::put(&handle_key(handle), who);
		unhashed::put(&claim_key(*who), &(handle, display_name));
		Ok(())
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
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Signature = TestSignature;
	type SocialCalls = TestCalls;
	type Handles = TestHandles;
	type AdminOrigin = frame_system::EnsureRoot<u64>;
	type RegenPeriod = ConstU64<PERIOD>;
	type CreditUnit = ConstU64<100>;
	type MinBond = ConstU64<100>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestSigner;
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
