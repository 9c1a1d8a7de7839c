//! The pallet's invariants, checked by `try_state` and after every unit test.

use crate::*;
use alloc::collections::btree_set::BTreeSet;
use frame_support::pallet_prelude::*;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants: the rulebook's counters; the holds and freezes of every
	/// account equal what storage records; reports are in exactly one case or waiting list; the
	/// draw list matches the jury pool; every undecided case has its item in the agenda; the
	/// votes of swept cases are gone.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::fungible::{InspectFreeze, InspectHold};

		let mut count = 0u32;
		for (id, rule) in Rules::<T>::iter() {
			count += 1;
			ensure!(rule.id == id, "a rule is stored under another id");
			ensure!(id < NextRuleId::<T>::get(), "a rule id was never given");
			ensure!(
				rule.version <= RulebookVersion::<T>::get(),
				"a rule is newer than the rulebook"
			);
		}
		ensure!(count == RuleCount::<T>::get(), "the rule count differs from the rules");
		ensure!(count <= T::MaxRules::get(), "more rules than allowed");

		let mut held: BTreeMap<(T::AccountId, u8), BalanceOf<T>> = BTreeMap::new();
		let mut add = |who: &T::AccountId, reason: u8, amount: BalanceOf<T>| {
			held.entry((who.clone(), reason)).or_default().saturating_accrue(amount);
		};
		let mut in_case = BTreeSet::new();
		for (case_id, case) in Cases::<T>::iter() {
			ensure!(case_id < NextCaseId::<T>::get(), "a case id was never given");
			let voting = case.status == CaseStatus::Voting;
			ensure!(
				voting == (OpenCase::<T>::get(&case.target) == Some(case_id)),
				"a voting case is not the open case of its target"
			);
			ensure!(
				Undecided::<T>::contains_key(case_id)
					== (voting || case.status == CaseStatus::Appealed),
				"the undecided cases differ from the cases' status"
			);
			if voting {
				for reporter in &case.reporters {
					ensure!(in_case.insert((case.target.clone(), reporter.clone())), "twice");
				}
				if let Some((who, deposit)) = &case.escalator {
					add(who, 1, *deposit);
				}
				let due = Agenda::<T>::get(case.closes);
				ensure!(due.contains(&Due::CloseCase(case_id)), "a voting case never closes");
			}
			if let (CaseStatus::Appealed, Some(appeal)) = (case.status, &case.appeal) {
				add(&appeal.appellant, 2, appeal.deposit);
			}
		}
		for (target, reporter, report) in Reports::<T>::iter() {
			add(&reporter, 0, report.deposit);
			let waiting = Pending::<T>::get(&target, report.rule).contains(&reporter);
			ensure!(
				waiting != in_case.contains(&(target, reporter)),
				"a report is not in exactly one case or waiting list"
			);
		}
		let sweep = VoteSweep::<T>::get();
		ensure!(sweep <= NextCaseId::<T>::get(), "the vote sweep is past the last case");
		ensure!(
			CaseVotes::<T>::iter_keys().all(|(case_id, _)| case_id >= sweep),
			"the votes of a swept case are still stored"
		);
		let mut accused: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for (_, case) in Cases::<T>::iter().filter(|(case_id, _)| *case_id >= sweep) {
			*accused.entry(case.affected).or_default() += 1;
		}
		ensure!(
			Accused::<T>::iter().collect::<BTreeMap<_, _>>() == accused,
			"the pending cases counted per identity differ from the cases not swept"
		);
		for (root, holder) in MovedTo::<T>::iter() {
			ensure!(accused.contains_key(&root), "a move is kept for an identity without cases");
			ensure!(RootOf::<T>::get(&holder) == Some(root), "MovedTo and RootOf disagree");
		}
		ensure!(
			RootOf::<T>::iter().all(|(holder, root)| MovedTo::<T>::get(root) == Some(holder)),
			"RootOf and MovedTo disagree"
		);
		let mut slots = 0u32;
		for (who, juror) in Jurors::<T>::iter() {
			add(&who, 3, juror.bond);
			if let Some(slot) = juror.slot {
				slots += 1;
				ensure!(
					JurorSlots::<T>::get(slot) == Some((who.clone(), juror.bond)),
					"a slot is wrong"
				);
			} else {
				ensure!(juror.duties > 0, "a leaving juror without duties was not removed");
			}
		}
		ensure!(slots == JurorCount::<T>::get(), "the draw list differs from the pool");
		let reasons =
			[HoldReason::Report, HoldReason::Escalation, HoldReason::Appeal, HoldReason::JurorBond];
		let mut accounts: BTreeSet<T::AccountId> =
			held.keys().map(|(who, _)| who.clone()).collect();
		accounts.extend(VoteLocks::<T>::iter_keys());
		for who in accounts {
			for (index, reason) in reasons.iter().enumerate() {
				ensure!(
					T::Currency::balance_on_hold(&(*reason).into(), &who)
						== held.get(&(who.clone(), index as u8)).copied().unwrap_or_default(),
					"an account holds other than storage says"
				);
			}
			let frozen = VoteLocks::<T>::get(&who)
				.iter()
				.map(|(_, amount, _)| *amount)
				.max()
				.unwrap_or_default();
			ensure!(
				T::Currency::balance_frozen(&FreezeReason::CaseVote.into(), &who) == frozen,
				"an account's vote freeze differs from its votes"
			);
		}
		Ok(())
	}
}
