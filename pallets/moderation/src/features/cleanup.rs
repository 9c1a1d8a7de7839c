//! Cleanup in `on_idle`: the votes of final cases, enforcement records with nothing in effect.

use crate::*;
use frame_support::{pallet_prelude::*, weights::WeightMeter};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Whether case `case` can no longer change or be appealed at `now`.
	pub(crate) fn is_final(case: &CaseOf<T>, now: BlockNumberFor<T>) -> bool {
		match case.status {
			CaseStatus::Voting | CaseStatus::Appealed => false,
			CaseStatus::Upheld { at } => {
				now > at.saturating_add(CurrentPeriods::<T>::get().appeal_window)
			},
			CaseStatus::Rejected { .. }
			| CaseStatus::Overturned { .. }
			| CaseStatus::Confirmed { .. } => true,
		}
	}

	/// Clears the votes of final cases in id order (from [`VoteSweep`]), [`SWEEP_BATCH`] votes
	/// at a time while `meter` has room, and stops at the first case that is not final.
	pub(crate) fn sweep_votes(now: BlockNumberFor<T>, meter: &mut WeightMeter) {
		while meter.can_consume(T::WeightInfo::clear_votes(SWEEP_BATCH)) {
			let (cleared, done) = Self::clear_votes(VoteSweep::<T>::get(), now);
			meter.consume(T::WeightInfo::clear_votes(cleared));
			if !done {
				return;
			}
		}
	}

	/// One step of [`Self::sweep_votes`] on case `case_id`: clears up to [`SWEEP_BATCH`] of its
	/// votes if it is final and moves [`VoteSweep`] past it once none are left. Returns how many
	/// votes it cleared and whether the sweep may go on to the next case in this block.
	pub(crate) fn clear_votes(case_id: CaseId, now: BlockNumberFor<T>) -> (u32, bool) {
		if case_id >= NextCaseId::<T>::get() {
			return (0, false);
		}
		let case = Cases::<T>::get(case_id);
		if case.as_ref().is_some_and(|case| !Self::is_final(case, now)) {
			return (0, false);
		}
		let removed = CaseVotes::<T>::clear_prefix(case_id, SWEEP_BATCH, None);
		// With votes left, the next block goes on (a second pass in the same block would see
		// the same keys again).
		if removed.maybe_cursor.is_some() {
			return (removed.unique, false);
		}
		VoteSweep::<T>::put(case_id + 1);
		if let Some(case) = case {
			Self::settle(&case.affected);
		}
		(removed.unique, true)
	}

	/// Counts one pending case less against identity `root`; with none left, where it moved is
	/// of no more use.
	fn settle(root: &T::AccountId) {
		let left = Accused::<T>::mutate_exists(root, |pending| {
			let left = pending.unwrap_or_default().saturating_sub(1);
			*pending = (left > 0).then_some(left);
			left
		});
		if left == 0 {
			if let Some(holder) = MovedTo::<T>::take(root) {
				RootOf::<T>::remove(holder);
			}
		}
	}

	/// Goes on with the rolling pass over [`Enforced`] while `meter` has room: drops the
	/// suspensions that are over and removes the records with nothing left in effect.
	pub(crate) fn sweep_enforcement(now: BlockNumberFor<T>, meter: &mut WeightMeter) {
		let mut records = match EnforcedSweep::<T>::get() {
			Some(after) => Enforced::<T>::iter_from(after.into_inner()),
			None => Enforced::<T>::iter(),
		};
		let mut last = None;
		while meter.try_consume(T::WeightInfo::expire_enforcement()).is_ok() {
			let Some((target, mut record)) = records.next() else {
				// The end: the next pass starts from the beginning.
				EnforcedSweep::<T>::kill();
				return;
			};
			if record.expire(now) {
				if record.is_empty() {
					Enforced::<T>::remove(&target);
				} else {
					Enforced::<T>::insert(&target, record);
				}
			}
			last = Some(records.last_raw_key().to_vec());
		}
		if let Some(key) = last {
			EnforcedSweep::<T>::put(BoundedVec::truncate_from(key));
		}
	}
}
