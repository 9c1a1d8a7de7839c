//! The validator set: `pallet-session` rotates the Aura and GRANDPA keys each session, Kith's
//! `pallet-validators` elects the set from bonded candidates and pays block authors (told by
//! `pallet-authorship`), and transaction fees are shared between the block author and the creator
//! reward pool.

use frame_support::{
	parameter_types,
	traits::{
		fungible::{Balanced, Credit},
		ConstU32, Imbalance, OnUnbalanced,
	},
};
use frame_system::EnsureRoot;
use sp_runtime::{
	traits::{ConvertInto, OpaqueKeys},
	Percent,
};

use crate::{
	opaque::SessionKeys, AccountId, Aura, Authorship, Balance, Balances, BlockNumber,
	CreatorRewards, Runtime, RuntimeEvent, RuntimeHoldReason, Validators, HOURS, UNIT,
};

parameter_types! {
	/// A candidate bonds 10,000 KITH at least.
	pub const MinValidatorBond: Balance = 10_000 * UNIT;
	/// Each block mints 1 KITH to its author (governance can change it).
	pub const BlockReward: Balance = UNIT;
	/// Setting session keys holds 1 KITH (their storage).
	pub const KeyDeposit: Balance = UNIT;
	/// The block author's share of transaction fees (and all of tips); the rest goes to the creator
	/// reward pool.
	pub const AuthorFeeShare: Percent = Percent::from_percent(20);
}

/// A session lasts an hour unless the genesis sets another length (development chains do).
pub const SESSION_LENGTH: BlockNumber = HOURS;

/// The session length (the genesis may shorten it), for `PeriodicSessions`.
pub type SessionPeriod = pallet_validators::SessionPeriod<Runtime>;

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<SessionPeriod, ConstU32<0>>;
	type NextSessionRotation = pallet_session::PeriodicSessions<SessionPeriod, ConstU32<0>>;
	type SessionManager = Validators;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	/// Nothing disables a validator within a session: absent ones are jailed at its end.
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = KeyDeposit;
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
	type UnbondingSessions = ConstU32<24>;
	type MaxUnbondingChunks = ConstU32<8>;
	type JailSessions = ConstU32<1>;
	type DefaultBlockReward = BlockReward;
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
