//! The referendum tracks: `root` (runtime upgrades and parameter changes) and `moderation_rules` (the
//! rulebook). Periods are sized for a real network; a chain whose genesis sets
//! [`super::origins::FastTracks`] (the `development` preset) runs them in blocks instead, so that tests
//! and demos finish in minutes.
//!
//! | track | decision deposit | prepare | decide | confirm | enact | approval | support |
//! | --- | --- | --- | --- | --- | --- | --- | --- |
//! | 0 `root` | 10,000 KITH | 1 day (2 blocks) | 14 days (20 blocks) | 1 day (2 blocks) | 1 day (1 block) | 100% → 50% | 50% → 1% |
//! | 1 `moderation_rules` | 100 KITH | 1 hour (2 blocks) | 7 days (20 blocks) | 3 hours (2 blocks) | 10 minutes (1 block) | 100% → 50% | 20% → 1% |
//!
//! Approval (aye share of conviction-weighted votes) and support (aye votes without conviction, as a
//! share of active issuance) must stay above their curves, which fall linearly over the decision period,
//! for the whole confirm period.

use super::origins::{self, FastTracks};
use crate::{Balance, BlockNumber, OriginCaller, Runtime, DAYS, HOURS, MINUTES, UNIT};
use alloc::borrow::Cow;
use pallet_referenda::{Curve, Track, TrackInfo};
use sp_runtime::{str_array as name, Perbill};

/// A track's id: its index in the table above.
pub type TrackId = u16;

/// The `root` track.
pub const ROOT: TrackId = 0;
/// The `moderation_rules` track.
pub const MODERATION_RULES: TrackId = 1;

/// A curve falling linearly from `ceil` to `floor` over the whole decision period.
const fn linear(ceil: u32, floor_per_mill: u32) -> Curve {
	Curve::LinearDecreasing {
		length: Perbill::one(),
		floor: Perbill::from_perthousand(floor_per_mill),
		ceil: Perbill::from_percent(ceil),
	}
}

/// Periods of a track: (prepare, decision, confirm, minimum enactment).
type Periods = (BlockNumber, BlockNumber, BlockNumber, BlockNumber);

/// The development pace of every track.
const FAST: Periods = (2, 20, 2, 1);

fn track(
	id: TrackId,
	real: Periods,
	max_deciding: u32,
	decision_deposit: Balance,
) -> Track<TrackId, Balance, BlockNumber> {
	let (prepare_period, decision_period, confirm_period, min_enactment_period) =
		if FastTracks::<Runtime>::get() { FAST } else { real };
	let (title, min_support) = match id {
		ROOT => ("root", linear(50, 10)),
		_ => ("moderation_rules", linear(20, 10)),
	};
	Track {
		id,
		info: TrackInfo {
			name: name(title),
			max_deciding,
			decision_deposit,
			prepare_period,
			decision_period,
			confirm_period,
			min_enactment_period,
			min_approval: linear(100, 500),
			min_support,
		},
	}
}

/// Kith's tracks, for `pallet-referenda`.
pub struct TracksInfo;
impl pallet_referenda::TracksInfo<Balance, BlockNumber> for TracksInfo {
	type Id = TrackId;
	type RuntimeOrigin =
		<crate::RuntimeOrigin as frame_support::traits::OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<Self::Id, Balance, BlockNumber>>> {
		[
			track(ROOT, (DAYS, 14 * DAYS, DAYS, DAYS), 1, 10_000 * UNIT),
			track(MODERATION_RULES, (HOURS, 7 * DAYS, 3 * HOURS, 10 * MINUTES), 10, 100 * UNIT),
		]
		.into_iter()
		.map(Cow::Owned)
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<Self::Id, ()> {
		match origin {
			OriginCaller::system(frame_system::RawOrigin::Root) => Ok(ROOT),
			OriginCaller::Origins(origins::Origin::ModerationRules) => Ok(MODERATION_RULES),
			_ => Err(()),
		}
	}
}
