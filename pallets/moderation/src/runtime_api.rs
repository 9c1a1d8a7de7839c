//! The runtime API clients read moderation through.

use crate::Rulebook;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Moderation, for clients.
	pub trait ModerationApi<BlockNumber> where BlockNumber: Codec {
		/// The rulebook in force: its version and its rules by id.
		fn rulebook() -> Rulebook<BlockNumber>;
	}
}
