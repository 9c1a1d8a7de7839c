//! The runtime API clients read credit bars through.

use crate::Credits;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Credit bars, for clients.
	pub trait QuotaApi<AccountId> where AccountId: Codec {
		/// The credits `who` can spend now, and the size of its bar.
		fn credits(who: AccountId) -> (Credits, Credits);
	}
}
