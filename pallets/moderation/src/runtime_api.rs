//! The runtime API clients read moderation through.

use crate::{CaseId, Report, Rulebook, Target, TargetStatus};
use alloc::vec::Vec;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Moderation, for clients. `Case` is the runtime's case type.
	pub trait ModerationApi<AccountId, Balance, BlockNumber, Case>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
		Case: Codec,
	{
		/// The rulebook in force: its version and its rules by id.
		fn rulebook() -> Rulebook<BlockNumber>;
		/// What moderation enforces on `target` now: its labels, whether it is hidden, and until when
		/// it is suspended.
		fn status(target: Target<AccountId>) -> TargetStatus<BlockNumber>;
		/// Case `id`.
		fn case(id: CaseId) -> Option<Case>;
		/// Up to `limit` undecided cases (voting, or under appeal) with ids above `after`, by id.
		fn open_cases(after: Option<CaseId>, limit: u32) -> Vec<(CaseId, Case)>;
		/// The open reports on `target`, by reporter.
		fn reports(target: Target<AccountId>) -> Vec<(AccountId, Report<Balance, BlockNumber>)>;
	}
}
