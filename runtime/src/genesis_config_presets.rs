//! Genesis presets: ready-made genesis states the node's chain specs (and `build-spec`) start from.
//!
//! - `development` (`--dev`): Alice alone authors and finalizes (a registered, bonded validator);
//!   Alice is the sudo key; the well-known development accounts are endowed; sessions last three
//!   minutes ([`DEV_SESSION_LENGTH`]); creator reward eras last a minute ([`DEV_ERA_LENGTH`]) and
//!   referendum tracks and moderation cases run at development pace (periods of blocks).
//! - `local_testnet` (`--chain local`): Alice, Bob and Charlie are registered, bonded validators; the
//!   same endowments; no sudo key (governance only); sessions of a minute ([`LOCAL_SESSION_LENGTH`]),
//!   so that a test network sees the set change; eras and referendum periods as on a real network.
//!
//! - [`staging`]: a chain whose validators and balances the operator gives (the node's
//!   `--chain staging:<keys.json>`): no well-known key anywhere, no sudo key, sessions of an hour, eras and
//!   referendum periods as on a real network.
//!
//! All start with the [`starter_rulebook`].
//!
//! All mint [`REWARD_PER_ERA`] into the creator reward pool each era.

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{
	opaque::SessionKeys, AccountId, Balance, BalancesConfig, BlockNumber, CreatorRewardsConfig,
	ModerationConfig, OriginsConfig, ProfilesConfig, RuntimeGenesisConfig, SessionConfig,
	SudoConfig, ValidatorsConfig, DAYS, MINUTES, UNIT,
};
use pallet_moderation::{Periods, RuleAction};

/// Handles nobody may claim from genesis on: names that would let an account pass for the chain itself.
pub const RESERVED_HANDLES: &[&str] = &[
	"admin",
	"governance",
	"help",
	"kith",
	"moderation",
	"moderator",
	"official",
	"root",
	"security",
	"staff",
	"sudo",
	"support",
	"system",
	"team",
	"validator",
];

/// What each endowed development account starts with: one million KITH.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;

/// What each era adds to the creator reward pool: ten thousand KITH.
pub const REWARD_PER_ERA: Balance = 10_000 * UNIT;

/// The creator reward era of development chains: a minute, so that tests and demos see eras close.
pub const DEV_ERA_LENGTH: BlockNumber = MINUTES;

/// The creator reward score target of development chains: 100 KITH of net vote power pays an era's
/// pool in full (a curator bonding 2,000 KITH has votes of 100 KITH).
pub const DEV_SCORE_TARGET: Balance = 100 * UNIT;

/// What each genesis validator bonds: 100,000 KITH.
pub const VALIDATOR_BOND: Balance = 100_000 * UNIT;

/// Sessions of the `development` preset: three minutes.
pub const DEV_SESSION_LENGTH: BlockNumber = 3 * MINUTES;

/// Sessions of the `local_testnet` preset: a minute, so that a test network sees validators join,
/// leave and get jailed within minutes.
pub const LOCAL_SESSION_LENGTH: BlockNumber = MINUTES;

/// Moderation periods of development chains, in blocks: cases vote for 5 blocks, the author can appeal
/// for 100, a jury votes for 5.
pub const DEV_MODERATION_PERIODS: Periods<u32> =
	Periods { case_voting: 5, appeal_window: 100, jury: 5 };

/// The rulebook a Kith chain starts with: (title, description, what an upheld report does).
pub fn starter_rulebook() -> Vec<(Vec<u8>, Vec<u8>, RuleAction<BlockNumber>)> {
	let rule = |title: &str, description: &str, action| {
		(title.as_bytes().to_vec(), description.as_bytes().to_vec(), action)
	};
	vec![
		rule(
			"Spam",
			"Repetitive, unsolicited or automated posts, scams and misleading links.",
			RuleAction::Hide,
		),
		rule(
			"Harassment",
			"Targeted abuse, threats or intimidation of a person, including encouraging others to do so.",
			RuleAction::Suspend { blocks: 7 * DAYS },
		),
		rule(
			"Illegal content",
			"Content that is illegal to publish almost everywhere, such as sexual content involving \
			 minors, non-consensual intimate images or credible incitement to violence.",
			RuleAction::Suspend { blocks: 90 * DAYS },
		),
		rule(
			"Impersonation",
			"Pretending to be another person or organisation in a way that misleads.",
			RuleAction::Label,
		),
		rule(
			"Unlabeled NSFW",
			"Sexual or graphic content posted without a content warning.",
			RuleAction::Label,
		),
	]
}

/// A genesis state with the given validators (registered with [`VALIDATOR_BOND`], with their session
/// keys), session length, balances, sudo key (none on chains governed by referenda only),
/// creator reward era length (`None`: the runtime's, a day) and referendum pace.
fn genesis(
	validators: Vec<(AccountId, AuraId, GrandpaId)>,
	session_length: BlockNumber,
	balances: Vec<(AccountId, Balance)>,
	root: Option<AccountId>,
	era_length: Option<BlockNumber>,
	fast_tracks: bool,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		validators: ValidatorsConfig {
			candidates: validators
				.iter()
				.map(|(who, ..)| (who.clone(), VALIDATOR_BOND))
				.collect::<Vec<_>>(),
			session_length: Some(session_length),
		},
		session: SessionConfig {
			keys: validators
				.into_iter()
				.map(|(who, aura, grandpa)| (who.clone(), who, SessionKeys { aura, grandpa }))
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: root },
		profiles: ProfilesConfig {
			reserved: RESERVED_HANDLES.iter().map(|h| h.as_bytes().to_vec()).collect::<Vec<_>>(),
		},
		creator_rewards: CreatorRewardsConfig {
			era_length,
			reward_per_era: REWARD_PER_ERA,
			score_target: era_length.map(|_| DEV_SCORE_TARGET),
		},
		origins: OriginsConfig { fast_tracks },
		moderation: ModerationConfig {
			rules: starter_rulebook(),
			periods: fast_tracks.then_some(DEV_MODERATION_PERIODS),
		},
	})
}

/// A well-known development validator: its account and session keys.
fn authority(who: Sr25519Keyring, finality: Ed25519Keyring) -> (AccountId, AuraId, GrandpaId) {
	(who.to_account_id(), who.public().into(), finality.public().into())
}

/// The well-known development accounts (Alice to Ferdie and their `//stash` accounts), each with
/// [`ENDOWMENT`].
fn dev_accounts() -> Vec<(AccountId, Balance)> {
	Sr25519Keyring::well_known().map(|k| (k.to_account_id(), ENDOWMENT)).collect()
}

/// The `development` preset: Alice is the only validator and the sudo key.
pub fn development() -> Value {
	genesis(
		vec![authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		DEV_SESSION_LENGTH,
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		Some(DEV_ERA_LENGTH),
		true,
	)
}

/// The `local_testnet` preset: Alice, Bob and Charlie validate; no sudo key.
pub fn local_testnet() -> Value {
	genesis(
		vec![
			authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			authority(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		],
		LOCAL_SESSION_LENGTH,
		dev_accounts(),
		None,
		None,
		false,
	)
}

/// The `staging` genesis: the given validators (each must hold at least [`VALIDATOR_BOND`] in
/// `balances`, which the genesis holds as its bond) and balances; no sudo key; sessions of an hour.
pub fn staging(
	validators: Vec<(AccountId, AuraId, GrandpaId)>,
	balances: Vec<(AccountId, Balance)>,
) -> Value {
	genesis(validators, crate::configs::validators::SESSION_LENGTH, balances, None, None, false)
}

/// The JSON patch of the preset with the given id, or `None` if there is no such preset.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serializing a JSON value cannot fail; qed")
			.into_bytes(),
	)
}

/// The ids of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
