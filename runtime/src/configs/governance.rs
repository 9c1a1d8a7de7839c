//! Governance: token-holder referenda (`pallet-referenda` with `pallet-conviction-voting`), the preimages
//! and scheduler they need, and the moderation rulebook they amend. Tracks and origins are in
//! [`crate::governance`].

use frame_support::{
	parameter_types,
	traits::{
		fungible::HoldConsideration, tokens::currency::ActiveIssuanceOf, ConstU32, EitherOf,
		EqualPrivilegeOnly, LinearStoragePrice,
	},
	weights::Weight,
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_runtime::Perbill;

use super::RuntimeBlockWeights;
use crate::{
	governance::{origins::ModerationRules, tracks::TracksInfo},
	AccountId, Balance, Balances, BlockNumber, OriginCaller, Preimage, Referenda, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, Scheduler, System, DAYS,
	MILLI_UNIT, UNIT,
};

parameter_types! {
	/// A preimage holds 1 KITH plus 1 mKITH per byte until it is no longer needed.
	pub const PreimageBaseDeposit: Balance = UNIT;
	pub const PreimageByteDeposit: Balance = MILLI_UNIT;
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
	/// The scheduler may use up to 80% of a block.
	pub MaximumSchedulerWeight: Weight = Perbill::from_percent(80) * RuntimeBlockWeights::get().max_block;
	/// Submitting a referendum holds 10 KITH (the decision deposit comes on top, per track).
	pub const SubmissionDeposit: Balance = 10 * UNIT;
	/// Votes with conviction 1x stay locked a week after the referendum ends; each level doubles it.
	pub const VoteLockingPeriod: BlockNumber = 7 * DAYS;
	/// A referendum that does not start deciding within 14 days times out.
	pub const UndecidingTimeout: BlockNumber = 14 * DAYS;
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_preimage::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = pallet_scheduler::weights::SubstrateWeight<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl pallet_conviction_voting::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_conviction_voting::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type Polls = Referenda;
	type MaxTurnout = ActiveIssuanceOf<Balances, AccountId>;
	type MaxVotes = ConstU32<512>;
	type VoteLockingPeriod = VoteLockingPeriod;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}

impl pallet_referenda::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_referenda::weights::SubstrateWeight<Runtime>;
	type Scheduler = Scheduler;
	type Currency = Balances;
	type SubmitOrigin = EnsureSigned<AccountId>;
	type CancelOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	/// Slashed deposits are burned.
	type Slash = ();
	type Votes = Balance;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = ConstU32<100>;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = ConstU32<1>;
	type Tracks = TracksInfo;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl crate::governance::origins::Config for Runtime {}

impl pallet_moderation::Config for Runtime {
	/// A referendum on the `moderation_rules` track, or one on the `root` track.
	type RulesOrigin = EitherOf<EnsureRoot<AccountId>, ModerationRules>;
	type MaxRules = ConstU32<64>;
	type WeightInfo = pallet_moderation::weights::SubstrateWeight<Runtime>;
}
