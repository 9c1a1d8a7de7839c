//! The validator set: `pallet-session` rotates the Aura and GRANDPA keys each session, Kith's
//! `pallet-validators` elects the set from bonded candidates and pays block authors (told by
//! `pallet-authorship`), and transaction fees are shared between the block author and the creator
//! reward pool.
//!
//! Equivocation: a GRANDPA voter that signs two different votes in one round is reported by the
//! other voters' nodes (an unsigned `grandpa.report_equivocation_unsigned` that only a block author
//! includes) or by anyone (`grandpa.report_equivocation`, signed). The report carries a proof, against
//! the historical root `Historical` keeps for each session, that the key was a validator's;
//! `Offences` drops duplicates and hands the offence to `Validators`, which slashes and jails.

use frame_support::{
	parameter_types,
	traits::{
		fungible::{Balanced, Credit},
		ConstU32, ConstU64, Imbalance, OnUnbalanced,
	},
};
use frame_system::EnsureRoot;
use sp_runtime::{
	traits::{ConvertInto, OpaqueKeys},
	Perbill, Percent,
};

use crate::{
	opaque::SessionKeys, AccountId, Aura, Authorship, Balance, Balances, BlockNumber,
	CreatorRewards, Historical, Offences, Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason,
	UncheckedExtrinsic, Validators, HOURS, UNIT,
};

parameter_types! {
	/// A candidate bonds 10,000 KITH at least.
	pub const MinValidatorBond: Balance = 10_000 * UNIT;
	/// Each block mints 1 KITH to its author (governance can change it).
	pub const BlockReward: Balance = UNIT;
	/// Setting session keys holds 1 KITH (their storage).
	pub const KeyDeposit: Balance = UNIT;
	/// The least part of a bond an offence costs: a tenth (governance can change it).
	pub const OffenceSlash: Perbill = Perbill::from_percent(10);
	/// The reporters' share of a slash: a tenth; the rest is burned.
	pub const ReporterShare: Perbill = Perbill::from_percent(10);
	/// How long an unsigned equivocation report stays valid in the pool: as long as the offender's
	/// bond may be held (and the session roots it is proven against are kept).
	pub const ReportLongevity: u64 = UNBONDING_SESSIONS as u64 * SESSION_LENGTH as u64;
	/// The block author's share of transaction fees (and all of tips); the rest goes to the creator
	/// reward pool.
	pub const AuthorFeeShare: Percent = Percent::from_percent(20);
}

/// A session lasts an hour unless the genesis sets another length (development chains do).
pub const SESSION_LENGTH: BlockNumber = HOURS;

/// How many sessions a former candidate's bond stays held (and slashable).
pub const UNBONDING_SESSIONS: u32 = 24;

/// The session length (the genesis may shorten it), for `PeriodicSessions`.
pub type SessionPeriod = pallet_validators::SessionPeriod<Runtime>;

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<SessionPeriod, ConstU32<0>>;
	type NextSessionRotation = pallet_session::PeriodicSessions<SessionPeriod, ConstU32<0>>;
	/// `Validators` elects; `Historical` notes each set's root for equivocation proofs.
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Self, Validators>;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	/// Nothing disables a validator within a session: absent ones are jailed at its end.
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = KeyDeposit;
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// An offender is its account: `Validators` reads its bond when it punishes.
	type FullIdentification = ();
	type FullIdentificationOf = pallet_validators::IdentifyValidator;
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	type OnOffenceHandler = Validators;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Upstream's weights: they allow for the offence handler (see `pallet_validators`' `punish`).
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	/// Set ids are mapped to sessions for as many sessions as reports are accepted.
	type MaxSetIdSessionEntries = ConstU64<{ UNBONDING_SESSIONS as u64 }>;
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem =
		pallet_grandpa::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

/// Unsigned transactions the runtime makes itself (equivocation reports from the node's GRANDPA
/// voter) are bare extrinsics.
impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<C> frame_system::offchain::CreateBare<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = Validators;
}

impl pallet_validators::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Session = crate::Session;
	/// Root: a referendum on the `root` track (or sudo on development chains).
	type AdminOrigin = EnsureRoot<AccountId>;
	type MinBond = MinValidatorBond;
	type MaxCandidates = ConstU32<1_000>;
	type MaxValidators = ConstU32<32>;
	type MinValidators = ConstU32<1>;
	type UnbondingSessions = ConstU32<UNBONDING_SESSIONS>;
	type MaxUnbondingChunks = ConstU32<8>;
	type JailSessions = ConstU32<1>;
	type DefaultBlockReward = BlockReward;
	type DefaultOffenceSlash = OffenceSlash;
	type ReporterShare = ReporterShare;
	type DefaultSessionLength = ConstU32<SESSION_LENGTH>;
	type WeightInfo = pallet_validators::weights::SubstrateWeight<Runtime>;
}

/// Shares transaction fees: [`AuthorFeeShare`] of the fee and the whole tip to the block author, the
/// rest to the creator reward pool (burned there until creators claim it).
pub struct DealWithFees;
impl OnUnbalanced<Credit<AccountId, Balances>> for DealWithFees {
	fn on_unbalanceds(mut fees_then_tips: impl Iterator<Item = Credit<AccountId, Balances>>) {
		let Some(fees) = fees_then_tips.next() else { return };
		let (mut to_author, to_pool) = fees.ration(
			AuthorFeeShare::get().deconstruct().into(),
			(100 - AuthorFeeShare::get().deconstruct()).into(),
		);
		for tip in fees_then_tips {
			to_author.subsume(tip);
		}
		let to_pool = match Authorship::author() {
			Some(author) => match Balances::resolve(&author, to_author) {
				Ok(()) => to_pool,
				Err(unpaid) => to_pool.merge(unpaid),
			},
			None => to_pool.merge(to_author),
		};
		CreatorRewards::on_unbalanced(to_pool);
	}
}
