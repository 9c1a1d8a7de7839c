//! The runtime API clients read tip totals through.

use crate::TipTotals;
use codec::Codec;
use kith_primitives::PostId;

sp_api::decl_runtime_apis! {
	/// Tip totals, for clients.
	pub trait TippingApi<AccountId, Balance> where AccountId: Codec, Balance: Codec {
		/// What post `post` has been tipped (zero if never).
		fn post_tips(post: PostId) -> TipTotals<Balance>;
		/// What `account` has received in tips, on its posts and directly (zero if never).
		fn creator_tips(account: AccountId) -> TipTotals<Balance>;
	}
}
