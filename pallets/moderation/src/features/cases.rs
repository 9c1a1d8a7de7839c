//! Reports and cases: opening a case, votes and their freezes, closing it, the waiting reports.

use crate::*;
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{BalancedHold, Inspect, MutateFreeze, MutateHold},
		tokens::Precision,
		Imbalance, OnUnbalanced,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use kith_primitives::PostAuthors;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// The turnout a case needs now to be upheld: the [`CaseQuorum`] share of active issuance,
	/// and never less than [`Config::MinCaseTurnout`].
	pub fn turnout_needed() -> BalanceOf<T> {
		(CaseQuorum::<T>::get() * T::Currency::active_issuance()).max(T::MinCaseTurnout::get())
	}

	/// Checks that `who` may report `target` under rule `rule_id`: the rule is in force and its
	/// action applies to the target, the target exists (a live post) and is not `who` or its post.
	/// Returns the rule and the account an enforcement would touch.
	pub(crate) fn check_target(
		who: &T::AccountId,
		target: &TargetOf<T>,
		rule_id: RuleId,
	) -> Result<(RuleOf<T>, T::AccountId), DispatchError> {
		let rule = Rules::<T>::get(rule_id).ok_or(Error::<T>::UnknownRule)?;
		let affected = match target {
			Target::Post(id) => {
				let post = T::Posts::authorship(*id).ok_or(Error::<T>::UnknownPost)?;
				ensure!(!post.deleted, Error::<T>::PostDeleted);
				post.author
			},
			Target::Account(account) => {
				ensure!(rule.action != RuleAction::Hide, Error::<T>::NotApplicable);
				account.clone()
			},
		};
		ensure!(&affected != who, Error::<T>::OwnTarget);
		Ok((rule, affected))
	}

	/// Schedules `due` in block `at`, or the first of the following blocks with room (looking at
	/// most [`Config::MaxDuePerBlock`] blocks ahead), and returns the block.
	pub(crate) fn schedule(
		at: BlockNumberFor<T>,
		due: Due,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		let mut block = at;
		for _ in 0..T::MaxDuePerBlock::get() {
			// `try_mutate` writes only when the item fits.
			if Agenda::<T>::try_mutate(block, |items| items.try_push(due)).is_ok() {
				return Ok(block);
			}
			block = block.saturating_add(1u32.into());
		}
		Err(Error::<T>::AgendaFull.into())
	}

	/// Opens a case and returns its id.
	pub(crate) fn open_case(
		target: TargetOf<T>,
		affected: T::AccountId,
		rule: &RuleOf<T>,
		reporters: ReportersOf<T>,
		escalator: Option<(T::AccountId, BalanceOf<T>)>,
		now: BlockNumberFor<T>,
	) -> Result<CaseId, DispatchError> {
		let case_id = NextCaseId::<T>::get();
		let closes = Self::schedule(
			now.saturating_add(CurrentPeriods::<T>::get().case_voting),
			Due::CloseCase(case_id),
		)?;
		// The identity's first key while it has cases pending: where it moves is kept under it.
		let affected = RootOf::<T>::get(&affected).unwrap_or(affected);
		Accused::<T>::mutate(&affected, |pending| *pending += 1);
		NextCaseId::<T>::put(case_id + 1);
		OpenCase::<T>::insert(&target, case_id);
		Undecided::<T>::insert(case_id, ());
		Self::deposit_event(Event::CaseOpened {
			case_id,
			target: target.clone(),
			affected: affected.clone(),
			rule: rule.id,
			version: rule.version,
			reporters: reporters.len() as u32,
			escalator: escalator.as_ref().map(|(who, _)| who.clone()),
			closes,
		});
		Cases::<T>::insert(
			case_id,
			Case {
				target,
				affected,
				rule: rule.id,
				version: rule.version,
				action: rule.action,
				reporters,
				escalator,
				opened: now,
				closes,
				uphold: Zero::zero(),
				reject: Zero::zero(),
				support: Zero::zero(),
				status: CaseStatus::Voting,
				appeal: None,
			},
		);
		Ok(case_id)
	}

	/// Adds (or with `add` false, removes) `vote` to the case's tally: its balance times its
	/// conviction to its side, its balance to the support.
	pub(crate) fn tally(case: &mut CaseOf<T>, vote: CaseVote<BalanceOf<T>>, add: bool) {
		let votes = vote.conviction.votes(vote.amount).votes;
		let side = if vote.uphold { &mut case.uphold } else { &mut case.reject };
		for (total, part) in [(side, votes), (&mut case.support, vote.amount)] {
			*total = if add { total.saturating_add(part) } else { total.saturating_sub(part) };
		}
	}

	/// `who`'s vote locks still in force at `now`.
	pub(crate) fn live_locks(
		who: &T::AccountId,
		now: BlockNumberFor<T>,
	) -> BoundedVec<(CaseId, BalanceOf<T>, BlockNumberFor<T>), T::MaxVotesPerAccount> {
		let mut locks = VoteLocks::<T>::get(who);
		locks.retain(|(_, _, until)| now < *until);
		locks
	}

	/// Stores `who`'s vote locks and freezes the largest of them; returns what is frozen.
	pub(crate) fn set_locks(
		who: &T::AccountId,
		locks: BoundedVec<(CaseId, BalanceOf<T>, BlockNumberFor<T>), T::MaxVotesPerAccount>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let frozen = locks.iter().map(|(_, amount, _)| *amount).max().unwrap_or_default();
		let reason = FreezeReason::CaseVote.into();
		if frozen.is_zero() {
			T::Currency::thaw(&reason, who)?;
			VoteLocks::<T>::remove(who);
		} else {
			T::Currency::set_freeze(&reason, who, frozen)?;
			VoteLocks::<T>::insert(who, locks);
		}
		Ok(frozen)
	}

	/// Releases `amount` held for `reason` from `who`.
	pub(crate) fn release(reason: HoldReason, who: &T::AccountId, amount: BalanceOf<T>) {
		// What this pallet held is still held: nothing else releases or slashes its holds.
		let _ = T::Currency::release(&reason.into(), who, amount, Precision::BestEffort);
	}

	/// Slashes `amount` held for `reason` from `who`.
	pub(crate) fn slash(
		reason: HoldReason,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> CreditOf<T> {
		T::Currency::slash(&reason.into(), who, amount).0
	}

	/// Closes case `case_id`'s vote and returns its number of reporters (for the weight).
	pub(crate) fn close_case(case_id: CaseId, now: BlockNumberFor<T>) -> u32 {
		let Some(mut case) = Cases::<T>::get(case_id) else { return 0 };
		let upheld = case.uphold > case.reject && case.support >= Self::turnout_needed();
		OpenCase::<T>::remove(&case.target);
		let mut slashed = CreditOf::<T>::zero();
		for reporter in &case.reporters {
			if let Some(report) = Reports::<T>::take(&case.target, reporter) {
				if upheld {
					Self::release(HoldReason::Report, reporter, report.deposit);
				} else {
					slashed.subsume(Self::slash(HoldReason::Report, reporter, report.deposit));
				}
			}
		}
		if let Some((escalator, deposit)) = &case.escalator {
			if upheld {
				Self::release(HoldReason::Escalation, escalator, *deposit);
			} else {
				slashed.subsume(Self::slash(HoldReason::Escalation, escalator, *deposit));
			}
		}
		let lost = slashed.peek();
		T::Slashed::on_unbalanced(slashed);
		if upheld {
			Self::apply(&case, case_id, now);
			case.status = CaseStatus::Upheld { at: now };
		} else {
			case.status = CaseStatus::Rejected { at: now };
		}
		Undecided::<T>::remove(case_id);
		Self::deposit_event(Event::CaseClosed {
			case_id,
			upheld,
			action: upheld.then_some(case.action),
			uphold: case.uphold,
			reject: case.reject,
			slashed: lost,
		});
		let reporters = case.reporters.len() as u32;
		let target = case.target.clone();
		Cases::<T>::insert(case_id, case);
		Self::open_pending(target, now);
		reporters
	}

	/// Opens the case that reports on `target` waited for while another case was voting: under
	/// the lowest rule whose waiting reporters reached the threshold. Reports under a rule
	/// retired since are returned; the others keep waiting for the next case to close.
	pub(crate) fn open_pending(target: TargetOf<T>, now: BlockNumberFor<T>) {
		let threshold = T::ReportThreshold::get() as usize;
		let mut waiting: Vec<(RuleId, ReportersOf<T>)> =
			Pending::<T>::iter_prefix(&target).collect();
		waiting.sort_by_key(|(rule, _)| *rule);
		for (rule_id, reporters) in waiting {
			let Some(rule) = Rules::<T>::get(rule_id) else {
				Pending::<T>::remove(&target, rule_id);
				for reporter in &reporters {
					if let Some(report) = Reports::<T>::take(&target, reporter) {
						Self::release(HoldReason::Report, reporter, report.deposit);
						Self::deposit_event(Event::ReportWithdrawn {
							target: target.clone(),
							reporter: reporter.clone(),
						});
					}
				}
				continue;
			};
			if reporters.len() < threshold || OpenCase::<T>::contains_key(&target) {
				continue;
			}
			let affected = match &target {
				Target::Post(id) => match T::Posts::authorship(*id) {
					Some(post) => post.author,
					None => continue,
				},
				Target::Account(who) => who.clone(),
			};
			// Without room in the agenda the reports keep waiting: the next report opens them.
			if Self::open_case(target.clone(), affected, &rule, reporters, None, now).is_ok() {
				Pending::<T>::remove(&target, rule_id);
			}
		}
	}

	/// Case `case_id`.
	pub fn case(case_id: CaseId) -> Option<CaseOf<T>> {
		Cases::<T>::get(case_id)
	}

	/// Up to `limit` undecided cases (voting or under appeal) with ids above `after`, by id.
	pub fn open_cases(after: Option<CaseId>, limit: u32) -> Vec<(CaseId, CaseOf<T>)> {
		let mut ids: Vec<CaseId> = Undecided::<T>::iter_keys()
			.filter(|id| after.is_none_or(|after| *id > after))
			.collect();
		ids.sort();
		ids.into_iter()
			.take(limit.min(kith_primitives::MAX_PAGE_SIZE) as usize)
			.filter_map(|id| Cases::<T>::get(id).map(|case| (id, case)))
			.collect()
	}

	/// The open reports on `target`, by reporter.
	pub fn reports(target: TargetOf<T>) -> Vec<(T::AccountId, ReportOf<T>)> {
		Reports::<T>::iter_prefix(target).collect()
	}
}
