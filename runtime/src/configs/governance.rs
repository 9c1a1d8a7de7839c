//! Governance: token-holder referenda (`pallet-referenda` with `pallet-conviction-voting`), the preimages
//! and scheduler they need, and moderation: the rulebook they amend, reports, cases and jury appeals. Tracks and origins are in
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
use sp_runtime::{
	traits::{BlakeTwo256, Hash as _},
	Perbill,
};

use super::RuntimeBlockWeights;
use crate::{
	governance::{origins::ModerationRules, tracks::TracksInfo},
	AccountId, Balance, Balances, BlockNumber, CreatorRewards, Hash, OriginCaller, Posts, Preimage,
	Referenda, Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason,
	RuntimeOrigin, Scheduler, System, DAYS, MILLI_UNIT, UNIT,
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

parameter_types! {
	/// A report holds 1 KITH, an escalated case 10 KITH, an appeal 5 KITH.
	pub const ReportDeposit: Balance = UNIT;
	pub const CaseDeposit: Balance = 10 * UNIT;
	pub const AppealDeposit: Balance = 5 * UNIT;
	/// A case is upheld only if its turnout reaches 0.001% of active issuance (governance can change
	/// it), and never less than 100 KITH; a vote is at least 1 KITH.
	pub const MinCaseTurnout: Balance = 100 * UNIT;
	pub const DefaultCaseQuorum: Perbill = Perbill::from_parts(10_000);
	pub const MinCaseVote: Balance = UNIT;
	/// A juror bonds 10 KITH at least and loses 1 KITH a seat each time it is drawn and does not
	/// vote; the jurors who vote share 2 KITH of the appeal deposit whichever way they vote.
	pub const MinJurorBond: Balance = 10 * UNIT;
	pub const JurorNoShowSlash: Balance = UNIT;
	pub const JuryFee: Balance = 2 * UNIT;
	/// Token holders vote on a case for two days; the author can appeal within a week; a jury has three
	/// days (the `development` preset shortens all three to blocks).
	pub const ModerationPeriods: pallet_moderation::Periods<BlockNumber> =
		pallet_moderation::Periods { case_voting: 2 * DAYS, appeal_window: 7 * DAYS, jury: 3 * DAYS };
}

/// The best randomness a chain with Aura has: the parent block's hash (there is no VRF output), mixed
/// with the subject. Its author could have tried several block contents to choose it; see the
/// moderation pallet's documentation for what that means for jury draws.
pub struct ParentHashRandomness;
impl frame_support::traits::Randomness<Hash, BlockNumber> for ParentHashRandomness {
	fn random(subject: &[u8]) -> (Hash, BlockNumber) {
		let seed = BlakeTwo256::hash_of(&(subject, System::parent_hash()));
		(seed, System::block_number().saturating_sub(1))
	}
}

impl pallet_moderation::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Posts = Posts;
	type Randomness = ParentHashRandomness;
	/// Slashed deposits and bonds that no juror receives go to the creator reward pool.
	type Slashed = CreatorRewards;
	/// A hidden post or a suspended account stops earning from the creator reward pool.
	type OnEnforced = CreatorRewards;
	/// A referendum on the `moderation_rules` track, or one on the `root` track.
	type RulesOrigin = EitherOf<EnsureRoot<AccountId>, ModerationRules>;
	type MaxRules = ConstU32<64>;
	type ReportDeposit = ReportDeposit;
	type ReportThreshold = ConstU32<3>;
	type MaxReporters = ConstU32<32>;
	type CaseDeposit = CaseDeposit;
	type MinCaseTurnout = MinCaseTurnout;
	// A case vote's conviction freezes as long as a referendum vote's.
	type VoteLockingPeriod = VoteLockingPeriod;
	type DefaultCaseQuorum = DefaultCaseQuorum;
	type MinCaseVote = MinCaseVote;
	type MaxVotesPerAccount = ConstU32<16>;
	type MaxDuePerBlock = ConstU32<8>;
	type DefaultPeriods = ModerationPeriods;
	type AppealDeposit = AppealDeposit;
	type JuryFee = JuryFee;
	type JurySize = ConstU32<7>;
	type JuryQuorum = ConstU32<5>;
	type MinJurorBond = MinJurorBond;
	type JurorNoShowSlash = JurorNoShowSlash;
	type MaxJurors = ConstU32<1_000>;
	type MaxUpheld = ConstU32<16>;
	type WeightInfo = pallet_moderation::weights::SubstrateWeight<Runtime>;
}
