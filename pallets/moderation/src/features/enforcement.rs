//! Enforcement: what upheld cases apply and lift, what other pallets ask, identity moves.

use crate::*;
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;
use kith_primitives::{ModerationStatus, OnEnforced, OnIdentityMoved};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// The key that holds the identity a case affects now: [`Case::affected`] names the identity's
	/// first key while it had cases pending, and [`MovedTo`] where it went since.
	pub fn holder(affected: &T::AccountId) -> T::AccountId {
		MovedTo::<T>::get(affected).unwrap_or_else(|| affected.clone())
	}

	/// Where a case's enforcement is kept: the post, for a label or hide on a post; otherwise the
	/// account that holds the affected identity now.
	fn enforced_key(case: &CaseOf<T>) -> TargetOf<T> {
		match (case.action, &case.target) {
			(RuleAction::Label | RuleAction::Hide, Target::Post(_)) => case.target.clone(),
			_ => Target::Account(Self::holder(&case.affected)),
		}
	}

	/// Applies an upheld case's action.
	pub(crate) fn apply(case: &CaseOf<T>, case_id: CaseId, now: BlockNumberFor<T>) {
		let effect = match case.action {
			RuleAction::Label => Effect::Label,
			RuleAction::Hide => Effect::Hide,
			RuleAction::Suspend { blocks } => Effect::SuspendUntil(now.saturating_add(blocks)),
		};
		let holder = Self::holder(&case.affected);
		Enforced::<T>::mutate(Self::enforced_key(case), |record| {
			let upheld = Upheld { case: case_id, rule: case.rule, effect };
			record.get_or_insert_with(Default::default).add(upheld, now);
		});
		match (case.action, &case.target) {
			(RuleAction::Hide, Target::Post(post)) => T::OnEnforced::on_post_hidden(*post, &holder),
			(RuleAction::Suspend { .. }, _) => T::OnEnforced::on_account_suspended(&holder),
			_ => {},
		}
	}

	/// Lifts what case `case_id` applied; whatever other upheld cases enforce stays.
	pub(crate) fn lift(case: &CaseOf<T>, case_id: CaseId) {
		let now = frame_system::Pallet::<T>::block_number();
		Enforced::<T>::mutate_exists(Self::enforced_key(case), |slot| {
			let Some(record) = slot else { return };
			record.lift(case_id);
			record.expire(now);
			if record.is_empty() {
				*slot = None;
			}
		});
	}

	/// What moderation enforces on `target` now.
	pub fn status(target: TargetOf<T>) -> TargetStatus<BlockNumberFor<T>> {
		let now = frame_system::Pallet::<T>::block_number();
		let Some(record) = Enforced::<T>::get(target) else { return Default::default() };
		TargetStatus {
			labels: record.labels(),
			hidden: record.hidden(),
			suspended_until: record.suspended_until(now),
		}
	}
}

impl<T: Config> ModerationStatus<T::AccountId> for Pallet<T> {
	fn is_suspended(who: &T::AccountId) -> bool {
		let now = frame_system::Pallet::<T>::block_number();
		Enforced::<T>::get(Target::Account(who.clone()))
			.is_some_and(|e| e.suspended_until(now).is_some())
	}

	fn is_hidden(post: kith_primitives::PostId) -> bool {
		Enforced::<T>::get(Target::Post(post)).is_some_and(|e| e.hidden())
	}
}

/// An identity that moves to a new key (the profiles pallet's `move_identity`) takes along what
/// moderation enforces on its account, and the cases still pending against it: suspensions and
/// account labels cannot be shed by moving, a case that closes after the move enforces on the new
/// key, and the new key can appeal.
impl<T: Config> OnIdentityMoved<T::AccountId> for Pallet<T> {
	fn on_identity_moved(from: &T::AccountId, to: &T::AccountId) -> DispatchResult {
		Self::can_move(from, to)?;
		let root = RootOf::<T>::take(from).unwrap_or_else(|| from.clone());
		if Accused::<T>::get(&root) > 0 {
			if *to == root {
				MovedTo::<T>::remove(&root);
			} else {
				MovedTo::<T>::insert(&root, to);
				RootOf::<T>::insert(to, &root);
			}
		}
		let Some(moved) = Enforced::<T>::take(Target::Account(from.clone())) else {
			return Ok(());
		};
		let now = frame_system::Pallet::<T>::block_number();
		Enforced::<T>::mutate(Target::Account(to.clone()), |record| {
			record.get_or_insert_with(Default::default).merge(moved, now);
		});
		Self::deposit_event(Event::EnforcementMoved { from: from.clone(), to: to.clone() });
		Ok(())
	}

	/// Refuses a new key that cases are pending against on its own account (unless it is the
	/// identity's own first key, moving back): it would hold two identities' cases. (Nobody can know
	/// a fresh key before the move, so this blocks no move.)
	fn can_move(from: &T::AccountId, to: &T::AccountId) -> DispatchResult {
		let back = RootOf::<T>::get(from).is_some_and(|root| root == *to);
		ensure!(back || Accused::<T>::get(to) == 0, Error::<T>::TargetAccused);
		Ok(())
	}

	fn weight() -> Weight {
		T::WeightInfo::move_enforcement()
	}
}
