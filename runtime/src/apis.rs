//! The runtime APIs: what the node (block production, import, the transaction pool, RPC) and clients may
//! call into the runtime.

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode,
};
use sp_version::RuntimeVersion;

use crate::{
	genesis_config_presets, opaque, AccountId, Aura, Balance, Block, BlockNumber, CreatorRewards,
	Executive, Follows, Grandpa, Historical, InherentDataExt, Moderation, Nonce, Posts, Profiles,
	Runtime, RuntimeCall, RuntimeGenesisConfig, Session, System, Tipping, TransactionPayment,
	Validators, VERSION,
};
use kith_primitives::ProfileInfo;
use pallet_creator_rewards::{EraIndex, EraRewards, EraStatus, Payout};
use pallet_moderation::{CaseId, CaseOf, Report, Rulebook, Target, TargetStatus};
use pallet_posts::{PostId, PostOf, ReactionCounts};
use pallet_tipping::TipTotals;

/// Whether the sender's credit bar would pay for `uxt` if it were sent now (`payment_queryInfo` then
/// gives no fee).
fn quota_pays(uxt: &<Block as BlockT>::Extrinsic) -> bool {
	use sp_runtime::traits::StaticLookup;
	let sp_runtime::generic::Preamble::Signed(address, _, extension) = &uxt.preamble else {
		return false;
	};
	<Runtime as frame_system::Config>::Lookup::lookup(address.clone())
		.is_ok_and(|who| extension.6.quota_charge(&who, &uxt.function).is_some())
}

/// What clients see of `account`'s profile: `None` if it has neither a profile nor a handle.
pub(crate) fn profile_info(account: AccountId) -> Option<ProfileInfo<AccountId>> {
	let profile = pallet_profiles::Profiles::<Runtime>::get(&account);
	let handle = pallet_profiles::HandleOf::<Runtime>::get(&account);
	if profile.is_none() && handle.is_none() {
		return None;
	}
	let (followers, following) = Follows::counts(&account);
	Some(ProfileInfo {
		handle: handle.map(|h| h.handle.into_inner()),
		display_name: profile.as_ref().map(|p| p.display_name.to_vec()).unwrap_or_default(),
		bio: profile.as_ref().map(|p| p.bio.to_vec()).unwrap_or_default(),
		avatar: profile.and_then(|p| p.avatar).map(|a| a.into_inner()),
		followers,
		following,
		account,
	})
}

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(owner: Vec<u8>, seed: Option<Vec<u8>>) -> sp_session::OpaqueGeneratedSessionKeys {
			opaque::SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			opaque::SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			let key_owner_proof = key_owner_proof.decode()?;
			Grandpa::submit_unsigned_equivocation_report(equivocation_proof, key_owner_proof)
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			authority_id: sp_consensus_grandpa::AuthorityId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			use frame_support::traits::KeyOwnerProofSystem;
			// The proof is against the current session's set: the node asks right after it sees
			// the equivocation, and a proof of an older session would need that session's keys.
			Historical::prove((sp_consensus_grandpa::KEY_TYPE, authority_id))
				.map(|proof| codec::Encode::encode(&proof))
				.map(sp_consensus_grandpa::OpaqueKeyOwnershipProof::new)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			// A transaction the credit bar would pay for costs no fee.
			let quota_paid = quota_pays(&uxt);
			let mut info = TransactionPayment::query_info(uxt, len);
			if quota_paid {
				info.partial_fee = 0;
			}
			info
		}

		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			let quota_paid = quota_pays(&uxt);
			let mut details = TransactionPayment::query_fee_details(uxt, len);
			if quota_paid {
				details.inclusion_fee = None;
			}
			details
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}

		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl kith_primitives::SocialGraphApi<Block, AccountId> for Runtime {
		fn followers(account: AccountId, start_after: Option<AccountId>, limit: u32) -> Vec<AccountId> {
			Follows::followers(&account, start_after.as_ref(), limit)
		}

		fn following(account: AccountId, start_after: Option<AccountId>, limit: u32) -> Vec<AccountId> {
			Follows::following(&account, start_after.as_ref(), limit)
		}

		fn is_following(follower: AccountId, followee: AccountId) -> bool {
			Follows::is_following(&follower, &followee)
		}

		fn profile(account: AccountId) -> Option<ProfileInfo<AccountId>> {
			profile_info(account)
		}

		fn profile_by_handle(handle: Vec<u8>) -> Option<ProfileInfo<AccountId>> {
			Profiles::owner_of(&handle).and_then(profile_info)
		}
	}

	impl kith_primitives::SocialIndexApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn block_changes() -> Vec<crate::social_index::Change> {
			crate::social_index::block_changes()
		}
	}

	impl pallet_posts::runtime_api::PostsApi<Block, AccountId, PostOf<Runtime>> for Runtime {
		fn post(id: PostId) -> Option<PostOf<Runtime>> {
			Posts::post(id)
		}

		fn reactions(post_id: PostId) -> Option<ReactionCounts> {
			Posts::reactions(post_id)
		}
	}

	impl pallet_tipping::runtime_api::TippingApi<Block, AccountId, Balance> for Runtime {
		fn post_tips(post: PostId) -> TipTotals<Balance> {
			Tipping::post_tips(post)
		}

		fn creator_tips(account: AccountId) -> TipTotals<Balance> {
			Tipping::creator_tips(&account)
		}
	}

	impl pallet_quota::runtime_api::QuotaApi<Block, AccountId> for Runtime {
		fn credits(who: AccountId) -> (pallet_quota::Credits, pallet_quota::Credits) {
			(crate::Quota::available(&who), crate::Quota::bar_size(&who))
		}
	}

	impl pallet_creator_rewards::runtime_api::CreatorRewardsApi<Block, AccountId, Balance, BlockNumber>
		for Runtime
	{
		fn pending_rewards(account: AccountId) -> Vec<(EraIndex, Payout<Balance>)> {
			CreatorRewards::pending_rewards(&account)
		}

		fn current_era() -> EraStatus<Balance, BlockNumber> {
			CreatorRewards::current_era()
		}

		fn era_rewards(era: EraIndex) -> Option<EraRewards<Balance>> {
			pallet_creator_rewards::Eras::<Runtime>::get(era)
		}

		fn scores(era: EraIndex, account: AccountId) -> (Balance, Balance) {
			CreatorRewards::scores(era, &account)
		}
	}

	impl pallet_moderation::runtime_api::ModerationApi<
		Block,
		AccountId,
		Balance,
		BlockNumber,
		CaseOf<Runtime>,
	> for Runtime {
		fn rulebook() -> Rulebook<BlockNumber> {
			Moderation::rulebook()
		}

		fn status(target: Target<AccountId>) -> TargetStatus<BlockNumber> {
			Moderation::status(target)
		}

		fn case(id: CaseId) -> Option<CaseOf<Runtime>> {
			Moderation::case(id)
		}

		fn open_cases(after: Option<CaseId>, limit: u32) -> Vec<(CaseId, CaseOf<Runtime>)> {
			Moderation::open_cases(after, limit)
		}

		fn reports(target: Target<AccountId>) -> Vec<(AccountId, Report<Balance, BlockNumber>)> {
			Moderation::reports(target)
		}
	}

	impl pallet_validators::runtime_api::ValidatorsApi<Block, AccountId, Balance> for Runtime {
		fn candidates() -> Vec<(AccountId, Balance, bool)> {
			Validators::candidates()
		}

		fn validators() -> Vec<AccountId> {
			Session::validators()
		}

		fn jailed() -> Vec<(AccountId, pallet_validators::SessionIndex)> {
			Validators::jailed()
		}

		fn next_validators() -> Vec<AccountId> {
			// The set pallet-session queued (with its keys) for the next session.
			pallet_session::QueuedKeys::<Runtime>::get().into_iter().map(|(who, _)| who).collect()
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::{baseline::Pallet as BaselineBench, BenchmarkList};
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::{
				extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
			};
			use crate::*;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			(list, AllPalletsWithSystem::storage_info())
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::{baseline::Pallet as BaselineBench, BenchmarkBatch};
			use frame_support::traits::WhitelistedStorageKeys;
			use frame_system_benchmarking::{
				extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
			};
			use sp_storage::TrackedStorageKey;
			use crate::*;

			impl frame_system_benchmarking::Config for Runtime {}
			impl frame_benchmarking::baseline::Config for Runtime {}
			impl pallet_transaction_payment::BenchmarkConfig for Runtime {}

			let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			let weight = Executive::try_runtime_upgrade(checks).unwrap();
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select).unwrap()
		}
	}
}
