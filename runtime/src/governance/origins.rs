//! Kith's governance origins and the pacing of its referendum tracks, as a pallet of the runtime.
//!
//! A referendum on a track dispatches its proposal with the track's origin: `Root` for the `root` track,
//! [`Origin::ModerationRules`] for the `moderation_rules` track. This pallet defines the latter and the
//! [`ModerationRules`] check other pallets take it with. It also keeps whether the tracks run at
//! development pace ([`FastTracks`], set from the genesis preset), so that one runtime serves a real
//! network (periods of hours and days) and `--dev` chains (periods of blocks).

pub use pallet::*;

#[frame_support::pallet]
pub mod pallet {
	use frame_support::pallet_prelude::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	/// The origins referenda dispatch with, besides `Root`.
	#[derive(
		PartialEq,
		Eq,
		Clone,
		Copy,
		MaxEncodedLen,
		Encode,
		Decode,
		DecodeWithMemTracking,
		TypeInfo,
		Debug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// A referendum passed on the `moderation_rules` track: it may change the rulebook.
		ModerationRules,
	}

	/// Whether the referendum tracks run at development pace (periods of blocks, not days).
	#[pallet::storage]
	pub type FastTracks<T> = StorageValue<_, bool, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Development pace: for `--dev` chains, tests and demos only.
		pub fast_tracks: bool,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			FastTracks::<T>::put(self.fast_tracks);
		}
	}

	/// Accepts only [`Origin::ModerationRules`].
	pub struct ModerationRules;
	impl<O: Into<Result<Origin, O>> + From<Origin>> EnsureOrigin<O> for ModerationRules {
		type Success = ();

		fn try_origin(o: O) -> Result<Self::Success, O> {
			o.into().map(|Origin::ModerationRules| ())
		}

		#[cfg(feature = "runtime-benchmarks")]
		fn try_successful_origin() -> Result<O, ()> {
			Ok(O::from(Origin::ModerationRules))
		}
	}
}
