//! What users of Substrate wallets expect of their accounts: app keys (`pallet-proxy`, with a `Social`
//! proxy type for posting keys) and batches (`pallet-utility`).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{parameter_types, traits::InstanceFilter};
use scale_info::TypeInfo;
use sp_runtime::traits::BlakeTwo256;

use crate::{
	Balance, Balances, OriginCaller, Runtime, RuntimeCall, RuntimeEvent, System, MILLI_UNIT,
};

/// What a proxy may do for the account that made it.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Everything the account can do.
	#[default]
	Any,
	/// Social actions only: posts, reactions, follows and blocks, profile edits, and batches of them.
	/// Never transfers, tips, bonds, votes, reports, handles or proxies: an app or a phone can hold
	/// such a posting key while the main key stays cold.
	Social,
}

impl ProxyType {
	/// Whether a `Social` proxy may send `call`.
	fn is_social(call: &RuntimeCall) -> bool {
		matches!(
			call,
			RuntimeCall::Posts(_) |
				RuntimeCall::Follows(_) |
				RuntimeCall::Profiles(
					pallet_profiles::Call::set_profile { .. } |
						pallet_profiles::Call::clear_profile { .. }
				) |
				// The proxy's filter applies to each call of a batch as well.
				RuntimeCall::Utility(
					pallet_utility::Call::batch { .. } |
						pallet_utility::Call::batch_all { .. } |
						pallet_utility::Call::force_batch { .. }
				)
		)
	}
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			ProxyType::Social => Self::is_social(call),
		}
	}

	fn is_superset(&self, other: &Self) -> bool {
		match (self, other) {
			(ProxyType::Any, _) => true,
			(ProxyType::Social, ProxyType::Social) => true,
			(ProxyType::Social, ProxyType::Any) => false,
		}
	}
}

parameter_types! {
	/// A proxy list reserves 0.1 KITH, plus 0.01 KITH per proxy in it.
	pub const ProxyDepositBase: Balance = 100 * MILLI_UNIT;
	pub const ProxyDepositFactor: Balance = 10 * MILLI_UNIT;
	/// Announcements of delayed proxy calls: the same.
	pub const AnnouncementDepositBase: Balance = 100 * MILLI_UNIT;
	pub const AnnouncementDepositFactor: Balance = 10 * MILLI_UNIT;
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = frame_support::traits::ConstU32<32>;
	type WeightInfo = crate::weights::pallet_proxy::WeightInfo<Runtime>;
	type MaxPending = frame_support::traits::ConstU32<32>;
	type CallHasher = BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = crate::weights::pallet_utility::WeightInfo<Runtime>;
}
