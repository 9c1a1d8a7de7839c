//! The runtime API clients read rewards through.

use crate::{EraIndex, EraRewards, EraStatus, Payout};
use alloc::vec::Vec;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Creator rewards, for clients.
	pub trait CreatorRewardsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// What `account` can claim now, per closed era still in the claim window.
		fn pending_rewards(account: AccountId) -> Vec<(EraIndex, Payout<Balance>)>;
		/// The era in progress: its number, blocks, expected pool and score so far.
		fn current_era() -> EraStatus<Balance, BlockNumber>;
		/// The pool of closed era `era`, while it can be claimed.
		fn era_rewards(era: EraIndex) -> Option<EraRewards<Balance>>;
		/// The score of `account` as a creator and the power it spent as a curator in era `era`.
		fn scores(era: EraIndex, account: AccountId) -> (Balance, Balance);
	}
}
