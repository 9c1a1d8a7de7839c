//! # The Kith runtime
//!
//! Kith is a chain for social media with money in it. This crate is its state transition function,
//! compiled twice: to wasm (the on-chain runtime the node executes, built by `substrate-wasm-builder`) and
//! natively (for tests and for the node's types).
//!
//! ## Parameters
//! - Native token **KITH**, 12 decimals: `1 KITH = 10^12` planck ([`UNIT`]).
//! - SS58 address prefix [`SS58_PREFIX`] (4242): Kith addresses are distinct from Polkadot's and the generic
//!   Substrate ones, so a key pasted into the wrong chain's wallet is caught.
//! - 6 s blocks ([`MILLI_SECS_PER_BLOCK`]) of at most 2 s of compute ([`configs::MAXIMUM_BLOCK_WEIGHT`]).
//! - Aura block production and GRANDPA finality.
//!
//! ## Layout
//! - [`configs`]: the `Config` of every pallet, grouped by concern.
//! - [`apis`]: the runtime APIs the node and clients call.
//! - [`genesis_config_presets`]: the `development` and `local_testnet` genesis presets.
//! - [`social_index`]: a block's social changes for the node's index (`SocialIndexApi`).
#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime`-style macros need a higher recursion limit.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

// The pallets whose benchmarks the node's `benchmark pallet` runs. `define_benchmarks!` makes the
// `list_benchmarks!` / `add_benchmarks!` macros the `Benchmark` runtime API (in `apis`) uses; `macro_use`
// and declaring this module first put them in scope there.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benches {
	frame_benchmarking::define_benchmarks!(
		[frame_benchmarking, BaselineBench::<Runtime>]
		[frame_system, SystemBench::<Runtime>]
		[frame_system_extensions, SystemExtensionsBench::<Runtime>]
		[pallet_transaction_payment, TransactionPayment]
		[pallet_balances, Balances]
		[pallet_timestamp, Timestamp]
		[pallet_sudo, Sudo]
		[pallet_profiles, Profiles]
		[pallet_follows, Follows]
		[pallet_posts, Posts]
		[pallet_tipping, Tipping]
		[pallet_creator_rewards, CreatorRewards]
		[pallet_moderation, Moderation]
		[pallet_validators, Validators]
		[pallet_preimage, Preimage]
		[pallet_scheduler, Scheduler]
		[pallet_referenda, Referenda]
		[pallet_conviction_voting, ConvictionVoting]
		[pallet_quota, Quota]
		[pallet_proxy, Proxy]
		[pallet_utility, Utility]
	);
}

pub mod apis;
pub mod configs;
pub mod genesis_config_presets;
pub mod governance;
pub mod social_index;
pub mod weights;

use frame_support::weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight};
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// A block number.
pub type BlockNumber = u32;
/// The signature scheme of transactions: sr25519, ed25519 or ecdsa, tagged.
pub type Signature = MultiSignature;
/// An account is identified by the public key of its signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// An amount of KITH in its smallest unit (planck).
pub type Balance = u128;
/// The number of transactions an account has sent.
pub type Nonce = u32;
/// A hash of block or trie data.
pub type Hash = sp_core::H256;

/// One KITH, in planck.
pub const UNIT: Balance = 1_000_000_000_000;
/// One thousandth of a KITH.
pub const MILLI_UNIT: Balance = UNIT / 1_000;
/// One millionth of a KITH.
pub const MICRO_UNIT: Balance = UNIT / 1_000_000;
/// The number of decimals of KITH, as wallets display it.
pub const TOKEN_DECIMALS: u8 = 12;
/// The token's ticker, as wallets display it.
pub const TOKEN_SYMBOL: &str = "KITH";
/// The SS58 address prefix of Kith accounts.
pub const SS58_PREFIX: u16 = 4242;
/// An account holding less than this is removed from state (its dust is burned).
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// The average time between two blocks. Blocks come in slots of this length; changing it on a live chain
/// would break block production.
pub const MILLI_SECS_PER_BLOCK: u64 = 6_000;
/// The length of an Aura slot.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// The compute time one block may use: 2 s of a 6 s slot, leaving time to import and gossip it.
pub const BLOCK_COMPUTE: Weight = Weight::from_parts(2 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

/// The version of this runtime. `spec_version` must grow with every change of behaviour that ships.
#[cfg(not(feature = "upgrade-test-version"))]
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("kith"),
	impl_name: alloc::borrow::Cow::Borrowed("kith-node"),
	authoring_version: 1,
	spec_version: 100,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The version of the runtime the upgrade test moves to: this runtime with `spec_version` one higher
/// (built only as the `kith-runtime-upgrade-test` wasm).
#[cfg(feature = "upgrade-test-version")]
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("kith"),
	impl_name: alloc::borrow::Cow::Borrowed("kith-node"),
	authoring_version: 1,
	spec_version: 101,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Types the node needs without knowing the runtime's call types: it stores and gossips opaque
/// extrinsics and leaves their decoding to the runtime.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// An opaque block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// An opaque block.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;

	impl_opaque_keys! {
		/// The keys a validator registers to produce (Aura) and finalize (GRANDPA) blocks.
		pub struct SessionKeys {
			/// The block-production key.
			pub aura: Aura,
			/// The finality key.
			pub grandpa: Grandpa,
		}
	}
}

/// The address format of calls: an account id, or an index, or raw bytes.
pub type Address = MultiAddress<AccountId, ()>;
/// The block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// The block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The checks and charges every signed transaction goes through, in order.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	// `CheckNonce`, `CheckWeight` and `ChargeTransactionPayment` as wallets know them, except that the
	// credit bar pays for social actions (pallet-quota).
	pallet_quota::ChargeQuotaOrFee<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// An extrinsic as it travels: call, signer, signature and extension data.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// What a signer signs: the call, the extension data and what the extensions add implicitly.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run at the next runtime upgrade, besides the pallets' own.
type Migrations = ();

/// Dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// Building signed transactions natively, for tests and tools written in Rust. Wallets do the same from
/// the metadata.
#[cfg(feature = "std")]
pub mod signing {
	use super::*;
	use codec::Encode;
	use sp_core::{sr25519, Pair};

	/// The extension data of an immortal transaction with the given nonce and no tip.
	pub fn tx_extension(nonce: Nonce) -> TxExtension {
		(
			frame_system::AuthorizeCall::new(),
			frame_system::CheckNonZeroSender::new(),
			frame_system::CheckSpecVersion::new(),
			frame_system::CheckTxVersion::new(),
			frame_system::CheckGenesis::new(),
			frame_system::CheckEra::from(generic::Era::Immortal),
			pallet_quota::ChargeQuotaOrFee::new(nonce, 0),
			frame_system::WeightReclaim::new(),
		)
	}

	/// Signs `call` as `signer` for the chain whose genesis block hash is `genesis_hash`: an immortal
	/// transaction, valid for this runtime's spec and transaction versions.
	pub fn sign(
		call: RuntimeCall,
		signer: &sr25519::Pair,
		nonce: Nonce,
		genesis_hash: Hash,
	) -> UncheckedExtrinsic {
		let extension = tx_extension(nonce);
		// What the extensions add to the signed payload without sending it: spec and transaction
		// version, the genesis hash, and (immortal era) the genesis hash again as the era's birth block.
		let implicit = (
			(),
			(),
			VERSION.spec_version,
			VERSION.transaction_version,
			genesis_hash,
			genesis_hash,
			(),
			(),
		);
		let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
		let signature = payload.using_encoded(|bytes| signer.sign(bytes));
		UncheckedExtrinsic::new_signed(
			call,
			MultiAddress::Id(AccountId::from(signer.public())),
			MultiSignature::Sr25519(signature),
			extension,
		)
	}
}

#[frame_support::runtime]
mod runtime {
	/// The Kith runtime.
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	/// Accounts, blocks, events and the runtime code itself.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	/// The time of the current block, set by its author.
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	/// Block production: who may author which slot.
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	/// Finality: the GRANDPA authority set.
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	/// KITH balances, holds and freezes.
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	/// Who authored the current block (rewarded by `Validators`).
	#[runtime::pallet_index(9)]
	pub type Authorship = pallet_authorship;

	/// The open validator set: bonded candidates, elections each session, jailing, block rewards.
	/// Before `Session`: its genesis registers the candidates `Session`'s genesis elects from.
	#[runtime::pallet_index(16)]
	pub type Validators = pallet_validators;

	/// Sessions: the Aura and GRANDPA keys of each session's validators.
	#[runtime::pallet_index(17)]
	pub type Session = pallet_session;

	/// Each session's validator set root, for proofs that a key belonged to a validator (equivocation
	/// reports).
	#[runtime::pallet_index(18)]
	pub type Historical = pallet_session::historical;

	/// Offence reports: deduplicated, then handed to `Validators` to slash and jail.
	#[runtime::pallet_index(19)]
	pub type Offences = pallet_offences;

	/// Transaction fees.
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	/// A superuser key: set only on development chains (the `development` preset).
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	/// Calls scheduled for later blocks, such as enacted referenda.
	#[runtime::pallet_index(7)]
	pub type Scheduler = pallet_scheduler;

	/// Stored call data (preimages) that referenda refer to by hash.
	#[runtime::pallet_index(8)]
	pub type Preimage = pallet_preimage;

	/// Token-holder referenda on the `root` and `moderation_rules` tracks.
	#[runtime::pallet_index(20)]
	pub type Referenda = pallet_referenda;

	/// Votes on referenda, weighted by balance locked with conviction.
	#[runtime::pallet_index(21)]
	pub type ConvictionVoting = pallet_conviction_voting;

	/// The origins referenda dispatch with and the tracks' pace.
	#[runtime::pallet_index(22)]
	pub type Origins = governance::origins;

	/// Profiles and unique handles.
	#[runtime::pallet_index(10)]
	pub type Profiles = pallet_profiles;

	/// The social graph: follows and blocks.
	#[runtime::pallet_index(11)]
	pub type Follows = pallet_follows;

	/// Posts, threads, reposts, quotes and reactions.
	#[runtime::pallet_index(12)]
	pub type Posts = pallet_posts;

	/// Tips to posts and creators.
	#[runtime::pallet_index(13)]
	pub type Tipping = pallet_tipping;

	/// The creator reward pool, curation bonds and votes.
	#[runtime::pallet_index(14)]
	pub type CreatorRewards = pallet_creator_rewards;

	/// The moderation rulebook token holders vote on.
	#[runtime::pallet_index(15)]
	pub type Moderation = pallet_moderation;

	/// Credit bars that pay for social actions instead of fees.
	#[runtime::pallet_index(23)]
	pub type Quota = pallet_quota;

	/// Proxies: keys that act for an account, such as a `Social` posting key.
	#[runtime::pallet_index(24)]
	pub type Proxy = pallet_proxy;

	/// Batches of calls.
	#[runtime::pallet_index(25)]
	pub type Utility = pallet_utility;
}
