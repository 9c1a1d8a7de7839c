//! The runtime API clients read the validator set through.

use crate::SessionIndex;
use alloc::vec::Vec;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Candidates and validator sets, for clients and validator operators.
	pub trait ValidatorsApi<AccountId, Balance> where AccountId: Codec, Balance: Codec {
		/// The candidates, best bonded first: (account, bond, whether it is leaving).
		fn candidates() -> Vec<(AccountId, Balance, bool)>;
		/// The validators of the current session.
		fn validators() -> Vec<AccountId>;
		/// The jailed candidates, with the session from which each can unjail.
		fn jailed() -> Vec<(AccountId, SessionIndex)>;
		/// The validators of the next session.
		fn next_validators() -> Vec<AccountId>;
	}
}
