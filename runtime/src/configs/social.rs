//! Kith's own pallets: identities, the social graph and posts.

use frame_support::{parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;

use crate::{
	AccountId, Balance, Balances, Follows, Runtime, RuntimeHoldReason, MICRO_UNIT, MILLI_UNIT, UNIT,
};

parameter_types! {
	/// A profile holds 0.1 KITH, plus 0.001 KITH per byte: a full one (640 bytes) holds 0.74 KITH.
	pub const ProfileDepositBase: Balance = 100 * MILLI_UNIT;
	pub const ProfileByteDeposit: Balance = MILLI_UNIT;
	/// A handle holds 1 KITH: enough that squatting many names costs something real.
	pub const HandleDeposit: Balance = UNIT;
	/// Each follow or block holds 0.01 KITH.
	pub const EdgeDeposit: Balance = 10 * MILLI_UNIT;
	/// A post holds 0.01 KITH plus 0.1 mKITH per byte: a full 1,024-byte text holds about 0.11 KITH.
	pub const PostDepositBase: Balance = 10 * MILLI_UNIT;
	pub const PostByteDeposit: Balance = 100 * MICRO_UNIT;
	/// A reaction holds 0.001 KITH.
	pub const ReactionDeposit: Balance = MILLI_UNIT;
}

impl pallet_profiles::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Root (sudo) for now; the governance track replaces it.
	type ReservedOrigin = EnsureRoot<AccountId>;
	type OnIdentityMoved = Follows;
	type MaxDisplayNameLen = ConstU32<64>;
	type MaxBioLen = ConstU32<512>;
	type MaxReserved = ConstU32<256>;
	type ProfileDepositBase = ProfileDepositBase;
	type ProfileByteDeposit = ProfileByteDeposit;
	type HandleDeposit = HandleDeposit;
	type WeightInfo = (); // BOOTSTRAP: generated weights next
}

impl pallet_follows::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type EdgeDeposit = EdgeDeposit;
	type MaxFollowing = ConstU32<5_000>;
	type MaxBlocked = ConstU32<5_000>;
	type MaxPageSize = ConstU32<{ kith_primitives::MAX_PAGE_SIZE }>;
	type WeightInfo = (); // BOOTSTRAP: generated weights next
}

impl pallet_posts::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type SocialGraph = Follows;
	/// Nobody is suspended until the moderation pallet lands.
	type Moderation = ();
	type MaxTextLen = ConstU32<1_024>;
	type MaxCaptionLen = ConstU32<280>;
	type PostDepositBase = PostDepositBase;
	type PostByteDeposit = PostByteDeposit;
	type ReactionDeposit = ReactionDeposit;
	type MaxPageSize = ConstU32<100>;
	type WeightInfo = (); // BOOTSTRAP: generated weights next
}
