//! Kith's own pallets: identities, the social graph, posts, tips, creator rewards and the social quota.

use frame_support::{
	parameter_types,
	traits::{ConstU32, InstanceFilter},
};
use frame_system::EnsureRoot;
use pallet_quota::SocialAction;
use sp_runtime::{traits::StaticLookup, Perbill};

use crate::{
	AccountId, Balance, Balances, BlockNumber, CreatorRewards, Follows, Moderation, Posts,
	Profiles, Quota, Runtime, RuntimeCall, RuntimeFreezeReason, RuntimeHoldReason, DAYS,
	MICRO_UNIT, MILLI_UNIT, UNIT,
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
	/// A sponsored account's sponsorship ends with its handle.
	type OnHandleGone = Quota;
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
	/// Suspended authors cannot write.
	type Moderation = Moderation;
	type OnAppreciation = CreatorRewards;
	type MaxTextLen = ConstU32<1_024>;
	type MaxCaptionLen = ConstU32<280>;
	type PostDepositBase = PostDepositBase;
	type PostByteDeposit = PostByteDeposit;
	type ReactionDeposit = ReactionDeposit;
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

/// The social actions the credit bar pays for, and whose bar pays: the signer's, or the real account's
/// for a call through a proxy that exists without a delay and may make it (so a `Social` posting key
/// spends its account's credits, and nobody can spend another's by naming it).
pub struct SocialActions;

impl pallet_quota::SocialCalls<RuntimeCall, AccountId> for SocialActions {
	fn action(call: &RuntimeCall) -> Option<SocialAction> {
		use pallet_follows::Call as F;
		use pallet_posts::{Call as P, NewPostKind as K};
		Some(match call {
			RuntimeCall::Posts(P::create_post { kind, .. }) => match kind {
				K::Root => SocialAction::Post,
				K::Reply { .. } => SocialAction::Reply,
				K::Quote { .. } => SocialAction::Quote,
				K::Repost { .. } => SocialAction::Repost,
			},
			RuntimeCall::Posts(P::edit_post { .. }) => SocialAction::Edit,
			RuntimeCall::Posts(P::react { .. }) => SocialAction::React,
			RuntimeCall::Follows(F::follow { .. }) => SocialAction::Follow,
			RuntimeCall::Follows(F::block { .. }) => SocialAction::Block,
			RuntimeCall::Posts(P::delete_post { .. } | P::unreact { .. })
			| RuntimeCall::Follows(F::unfollow { .. } | F::unblock { .. }) => SocialAction::Remove,
			// One level of proxy: a proxy call of a proxy call pays fees.
			RuntimeCall::Proxy(pallet_proxy::Call::proxy { call, .. })
				if !matches!(**call, RuntimeCall::Proxy(_)) =>
			{
				return Self::action(call)
			},
			_ => return None,
		})
	}

	fn payer(signer: &AccountId, call: &RuntimeCall) -> Option<AccountId> {
		let RuntimeCall::Proxy(pallet_proxy::Call::proxy { real, force_proxy_type, call }) = call
		else {
			return Some(signer.clone());
		};
		let real = <Runtime as frame_system::Config>::Lookup::lookup(real.clone()).ok()?;
		let proxy =
			pallet_proxy::Pallet::<Runtime>::find_proxy(&real, signer, *force_proxy_type).ok()?;
		(proxy.delay == 0 && proxy.proxy_type.filter(call)).then_some(real)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn worst_case(signer: &AccountId) -> (RuntimeCall, AccountId) {
		use super::accounts::ProxyType;
		use frame_support::traits::fungible::Mutate;
		let real: AccountId = frame_benchmarking::account("real", 0, 0);
		Balances::set_balance(&real, 1_000 * UNIT);
		pallet_proxy::Pallet::<Runtime>::add_proxy_delegate(
			&real,
			signer.clone(),
			ProxyType::Social,
			0,
		)
		.expect("the real account can reserve the proxy deposit");
		let post = RuntimeCall::Posts(pallet_posts::Call::create_post {
			kind: pallet_posts::NewPostKind::Root,
			content: Some(pallet_posts::ContentInput::Text(alloc::vec![b'a'; 100])),
		});
		let call = RuntimeCall::Proxy(pallet_proxy::Call::proxy {
			real: real.clone().into(),
			force_proxy_type: Some(ProxyType::Social),
			call: alloc::boxed::Box::new(post),
		});
		(call, real)
	}
}

/// An account holds a handle in `pallet-profiles`; a voucher claims one there, with a profile.
pub struct HandleHolders;

impl pallet_quota::HandleHolders<AccountId> for HandleHolders {
	fn has_handle(who: &AccountId) -> bool {
		pallet_profiles::HandleOf::<Runtime>::contains_key(who)
	}

	fn claim(
		who: &AccountId,
		handle: &[u8],
		display_name: &[u8],
		bio: &[u8],
	) -> sp_runtime::DispatchResult {
		let origin = || crate::RuntimeOrigin::signed(who.clone());
		Profiles::claim_handle(origin(), handle.to_vec())?;
		Profiles::set_profile(origin(), display_name.to_vec(), bio.to_vec(), None)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn give_handle(who: &AccountId) {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(who, 1_000 * UNIT);
		let handle = alloc::format!("bench{}", pallet_profiles::OwnerOf::<Runtime>::iter().count());
		pallet_profiles::Pallet::<Runtime>::claim_handle(
			crate::RuntimeOrigin::signed(who.clone()),
			handle.into_bytes(),
		)
		.expect("a fresh handle can be claimed");
	}
}

impl pallet_quota::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	/// Vouchers are signed as transactions are.
	type Signature = crate::Signature;
	type SocialCalls = SocialActions;
	type Handles = HandleHolders;
	/// Root: a referendum on the root track (or sudo on development chains).
	type AdminOrigin = EnsureRoot<AccountId>;
	/// A bar refills in a day; unbonded funds wait as long.
	type RegenPeriod = frame_support::traits::ConstU32<DAYS>;
	/// A unit of bond gives what a handle gives, and costs what a handle's deposit costs: splitting a
	/// stake into handles buys no more credits than bonding it.
	type CreditUnit = HandleDeposit;
	type MinBond = HandleDeposit;
	type WeightInfo = pallet_quota::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = VoucherSigner;
}

/// Signs vouchers in benchmarks with sr25519 keys made in the benchmark's keystore.
#[cfg(feature = "runtime-benchmarks")]
pub struct VoucherSigner;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_quota::BenchmarkHelper<crate::Signature, AccountId> for VoucherSigner {
	fn sign(seed: u32, message: &[u8]) -> (AccountId, crate::Signature) {
		use sp_core::crypto::KeyTypeId;
		const KEYS: KeyTypeId = KeyTypeId(*b"vchr");
		let seed = alloc::format!("//voucher{seed}").into_bytes();
		use frame_support::__private::sp_io::crypto;
		use sp_runtime::traits::IdentifyAccount;
		let public = crypto::sr25519_generate(KEYS, Some(seed));
		let signature = crypto::sr25519_sign(KEYS, &public, message)
			.expect("the key was just made in the keystore");
		(sp_runtime::MultiSigner::from(public).into_account(), signature.into())
	}
}
