//! Kith's own pallets: identities, the social graph, posts, tips and creator rewards.

use frame_support::{parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

use crate::{
	AccountId, Balance, Balances, BlockNumber, CreatorRewards, Follows, Moderation, Posts, Runtime,
	RuntimeFreezeReason, RuntimeHoldReason, DAYS, MICRO_UNIT, MILLI_UNIT, UNIT,
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
	/// The smallest tip: 0.01 KITH (ten existential deposits, so a tip can open an account).
	pub const MinTip: Balance = 10 * MILLI_UNIT;
	/// Curators and creators share each era's pool half and half: a vote for one's own second account
	/// then earns at most twice what the same vote earns an honest curator (pallet-creator-rewards).
	pub const CuratorShare: Perbill = Perbill::from_percent(50);
	/// The era's pool is paid in full once the era's net score reaches 1,000,000 KITH of vote power;
	/// below it, in proportion (the rest is never minted), so that a lone early bonder cannot take it.
	pub const ScoreTarget: Balance = 1_000_000 * UNIT;
	/// The smallest curation bond: 1 KITH.
	pub const MinCurationBond: Balance = UNIT;
}

/// An era of creator rewards lasts a day (the `development` preset shortens it to a minute).
pub const ERA_LENGTH: BlockNumber = DAYS;

impl pallet_profiles::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Root (sudo) for now; the governance track replaces it.
	type ReservedOrigin = EnsureRoot<AccountId>;
	/// The social graph moves, then what moderation enforces on the account.
	type OnIdentityMoved = (Follows, Moderation);
	type MaxDisplayNameLen = ConstU32<64>;
	type MaxBioLen = ConstU32<512>;
	type MaxReserved = ConstU32<256>;
	type ProfileDepositBase = ProfileDepositBase;
	type ProfileByteDeposit = ProfileByteDeposit;
	type HandleDeposit = HandleDeposit;
	type WeightInfo = pallet_profiles::weights::SubstrateWeight<Runtime>;
}

impl pallet_follows::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type EdgeDeposit = EdgeDeposit;
	type MaxFollowing = ConstU32<5_000>;
	type MaxBlocked = ConstU32<5_000>;
	type MaxPageSize = ConstU32<{ kith_primitives::MAX_PAGE_SIZE }>;
	type WeightInfo = pallet_follows::weights::SubstrateWeight<Runtime>;
}

impl pallet_posts::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type SocialGraph = Follows;
	/// Suspended authors cannot write; hidden posts are flagged in feeds.
	type Moderation = Moderation;
	type OnAppreciation = CreatorRewards;
	type MaxTextLen = ConstU32<1_024>;
	type MaxCaptionLen = ConstU32<280>;
	type PostDepositBase = PostDepositBase;
	type PostByteDeposit = PostByteDeposit;
	type ReactionDeposit = ReactionDeposit;
	type MaxPageSize = ConstU32<100>;
	type WeightInfo = pallet_posts::weights::SubstrateWeight<Runtime>;
}

impl pallet_tipping::Config for Runtime {
	type Currency = Balances;
	type Posts = Posts;
	/// Suspended accounts cannot tip.
	type Moderation = Moderation;
	/// Nobody can tip an account that blocked them.
	type SocialGraph = Follows;
	type OnAppreciation = CreatorRewards;
	type MinTip = MinTip;
	type MaxMemoLen = ConstU32<140>;
	type WeightInfo = pallet_tipping::weights::SubstrateWeight<Runtime>;
}

impl pallet_creator_rewards::Config for Runtime {
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	/// Root (sudo) for now; the governance track replaces it.
	type AdminOrigin = EnsureRoot<AccountId>;
	type DefaultEraLength = frame_support::traits::ConstU32<ERA_LENGTH>;
	type VotesPerEra = ConstU32<20>;
	type CuratorShare = CuratorShare;
	type Moderation = Moderation;
	type MaxFlagsPerEra = ConstU32<80>;
	type DefaultScoreTarget = ScoreTarget;
	type ClaimWindow = ConstU32<30>;
	type UnbondingEras = ConstU32<7>;
	type MaxUnlockingChunks = ConstU32<16>;
	type MinBond = MinCurationBond;
	type WeightInfo = pallet_creator_rewards::weights::SubstrateWeight<Runtime>;
}
