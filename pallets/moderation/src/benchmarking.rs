//! Benchmarks of the moderation pallet, each at its worst case: the longest titles and descriptions, a
//! full rulebook, full reporter lists, a full vote list, items that must look for room in the agenda,
//! a full jury pool (joins that evict, draws that weigh every member), juries where no-shows leave the
//! pool, closings that open the case waiting behind them, full enforcement records.

use super::*;
use alloc::vec;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::Get,
	traits::{fungible::Mutate, EnsureOrigin, Hooks},
	weights::WeightMeter,
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use kith_primitives::{OnIdentityMoved, PostAuthors};
use sp_runtime::{
	traits::{Bounded, Saturating},
	Perbill,
};

/// The largest rule.
fn largest<T: Config>() -> RuleInputOf<T> {
	RuleInput {
		title: vec![b't'; MAX_TITLE_LEN as usize].try_into().expect("fits"),
		description: RuleDescription::Text(
			vec![b'd'; MAX_DESCRIPTION_LEN as usize].try_into().expect("fits"),
		),
		action: RuleAction::Suspend { blocks: 100u32.into() },
	}
}

/// Fills the rulebook with `r` of the largest rules.
fn fill<T: Config>(r: u32) {
	let entries: Vec<_> =
		(0..r).map(|_| RulebookEntry { id: None, rule: largest::<T>() }).collect();
	Pallet::<T>::do_set_rulebook(BoundedVec::truncate_from(entries)).expect("valid rules");
}

/// A funded account.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

/// The id of a `Suspend` rule (the rulebook is replaced by one rule).
fn suspend_rule<T: Config>() -> RuleId {
	fill::<T>(1);
	NextRuleId::<T>::get() - 1
}

/// A live post by a fresh author (funded after posting, which spends what it had on the deposit).
fn post<T: Config>() -> TargetOf<T> {
	let author: T::AccountId = account("author", 0, 0);
	let post = T::Posts::create_for_benchmark(&author);
	funded::<T>("author", 0);
	Target::Post(post)
}

/// Fills the agenda from `at` on, except the last block an item could go to.
fn crowd_agenda<T: Config>(at: BlockNumberFor<T>) {
	let full: Vec<Due> = (0..T::MaxDuePerBlock::get()).map(|_| Due::CloseCase(u32::MAX)).collect();
	let mut block = at;
	for _ in 1..T::MaxDuePerBlock::get() {
		Agenda::<T>::insert(block, BoundedVec::truncate_from(full.clone()));
		block = block.saturating_add(1u32.into());
	}
}

/// The block number now.
fn now<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number()
}

/// Opens a case on `target` under `rule` escalated by a fresh account, with `r` reporters; returns
/// its id.
fn open_case<T: Config>(target: TargetOf<T>, rule: RuleId, r: u32) -> CaseId {
	let escalator = funded::<T>("escalator", 0);
	Pallet::<T>::escalate(RawOrigin::Signed(escalator).into(), target.clone(), rule)
		.expect("a case opens");
	reports::<T>(&target, rule, r);
	NextCaseId::<T>::get() - 1
}

/// `n` fresh reporters report `target` under `rule`.
fn reports<T: Config>(target: &TargetOf<T>, rule: RuleId, n: u32) {
	for i in 0..n {
		let reporter = funded::<T>("reporter", i);
		Pallet::<T>::report(RawOrigin::Signed(reporter).into(), target.clone(), rule, note())
			.expect("a report");
	}
}

/// The longest note.
fn note() -> Note {
	vec![b'n'; MAX_NOTE_LEN as usize].try_into().expect("fits")
}

/// Closes case `case_id` upheld by a large vote.
fn uphold<T: Config>(case_id: CaseId) {
	let voter = funded::<T>("voter", 0);
	let amount = Pallet::<T>::turnout_needed().saturating_add(1u32.into());
	Pallet::<T>::vote_case(
		RawOrigin::Signed(voter).into(),
		case_id,
		true,
		amount,
		Conviction::None,
	)
	.expect("a vote");
	let closes = Cases::<T>::get(case_id).expect("a case").closes;
	frame_system::Pallet::<T>::set_block_number(closes);
	Pallet::<T>::on_initialize(closes);
}

/// Fills the jury pool with `n` fresh jurors; returns them.
fn pool<T: Config>(n: u32) -> Vec<T::AccountId> {
	(0..n)
		.map(|i| {
			let juror = funded::<T>("juror", i);
			Pallet::<T>::join_jury_pool(
				RawOrigin::Signed(juror.clone()).into(),
				T::MinJurorBond::get(),
			)
			.expect("joins");
			juror
		})
		.collect()
}

/// An upheld case (of a `Suspend` rule, on a post) whose author appealed; returns the case and the
/// author.
fn appealed<T: Config>() -> (CaseId, T::AccountId) {
	let case_id = open_case::<T>(post::<T>(), suspend_rule::<T>(), 0);
	uphold::<T>(case_id);
	let author = Cases::<T>::get(case_id).expect("a case").affected;
	Pallet::<T>::appeal(RawOrigin::Signed(author.clone()).into(), case_id).expect("appeals");
	(case_id, author)
}

/// Draws the jury of an appealed case in the next block; returns the jury.
fn draw<T: Config>(case_id: CaseId) -> Vec<T::AccountId> {
	let next = now::<T>().saturating_add(1u32.into());
	frame_system::Pallet::<T>::set_block_number(next);
	Pallet::<T>::on_initialize(next);
	Cases::<T>::get(case_id).and_then(|case| case.appeal).expect("appealed").jury.into_inner()
}

/// A full enforcement record of suspensions until `until`, by cases from `first` on.
fn suspensions<T: Config>(first: CaseId, until: BlockNumberFor<T>) -> EnforcementOf<T> {
	let cases = (first..first + T::MaxUpheld::get())
		.map(|case| Upheld { case, rule: 0, effect: Effect::SuspendUntil(until) })
		.collect::<Vec<_>>();
	Enforcement { cases: BoundedVec::truncate_from(cases) }
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A rulebook of `n` new rules replacing `r` existing ones (all retired).
	#[benchmark]
	fn set_rulebook(
		n: Linear<0, { T::MaxRules::get() }>,
		r: Linear<0, { T::MaxRules::get() }>,
	) -> Result<(), BenchmarkError> {
		fill::<T>(r);
		let origin =
			T::RulesOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let entries: Vec<_> =
			(0..n).map(|_| RulebookEntry { id: None, rule: largest::<T>() }).collect();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, BoundedVec::truncate_from(entries));

		assert_eq!(RuleCount::<T>::get(), n);
		Ok(())
	}

	#[benchmark]
	fn add_rule() -> Result<(), BenchmarkError> {
		fill::<T>(T::MaxRules::get() - 1);
		let origin =
			T::RulesOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, largest::<T>());

		assert_eq!(RuleCount::<T>::get(), T::MaxRules::get());
		Ok(())
	}

	#[benchmark]
	fn amend_rule() -> Result<(), BenchmarkError> {
		fill::<T>(1);
		let origin =
			T::RulesOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let mut rule = largest::<T>();
		rule.action = RuleAction::Hide;
		let id = NextRuleId::<T>::get() - 1;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, rule);

		assert_eq!(Rules::<T>::get(id).map(|r| r.action), Some(RuleAction::Hide));
		Ok(())
	}

	#[benchmark]
	fn retire_rule() -> Result<(), BenchmarkError> {
		fill::<T>(1);
		let origin =
			T::RulesOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let id = NextRuleId::<T>::get() - 1;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert!(Rules::<T>::get(id).is_none());
		Ok(())
	}

	/// The report that reaches the threshold and opens a case, looking for room in the agenda.
	#[benchmark]
	fn report() {
		let rule = suspend_rule::<T>();
		let target = post::<T>();
		reports::<T>(&target, rule, T::ReportThreshold::get().saturating_sub(1));
		crowd_agenda::<T>(now::<T>().saturating_add(CurrentPeriods::<T>::get().case_voting));
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), target.clone(), rule, note());

		assert!(OpenCase::<T>::contains_key(&target));
	}

	/// Withdrawing the last of a full waiting list (waiting behind a case under another rule).
	#[benchmark]
	fn withdraw_report() {
		fill::<T>(2);
		let (voting, waiting) = (NextRuleId::<T>::get() - 2, NextRuleId::<T>::get() - 1);
		let target = post::<T>();
		open_case::<T>(target.clone(), voting, 0);
		for i in 0..T::MaxReporters::get() {
			let reporter = funded::<T>("reporter", i);
			Pallet::<T>::report(
				RawOrigin::Signed(reporter).into(),
				target.clone(),
				waiting,
				note(),
			)
			.expect("a report");
		}
		let caller: T::AccountId = account("reporter", T::MaxReporters::get() - 1, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), target.clone());

		assert!(!Reports::<T>::contains_key(&target, &caller));
	}

	/// Escalating with the most reports waiting, looking for room in the agenda.
	#[benchmark]
	fn escalate() {
		let rule = suspend_rule::<T>();
		let target = post::<T>();
		reports::<T>(&target, rule, T::ReportThreshold::get().saturating_sub(1));
		crowd_agenda::<T>(now::<T>().saturating_add(CurrentPeriods::<T>::get().case_voting));
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), target.clone(), rule);

		assert!(OpenCase::<T>::contains_key(&target));
	}

	/// Replacing a vote with a full list of votes on open cases.
	#[benchmark]
	fn vote_case() {
		let rule = suspend_rule::<T>();
		let voter = funded::<T>("voter", 1);
		let amount = T::MinCaseTurnout::get();
		let mut last = 0;
		for _ in 0..T::MaxVotesPerAccount::get() {
			last = open_case::<T>(post::<T>(), rule, 0);
			Pallet::<T>::vote_case(
				RawOrigin::Signed(voter.clone()).into(),
				last,
				true,
				amount,
				Conviction::Locked6x,
			)
			.expect("a vote");
			// Spread the closings so that the agenda has room.
			frame_system::Pallet::<T>::set_block_number(now::<T>().saturating_add(1u32.into()));
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(voter.clone()), last, false, amount, Conviction::Locked1x);

		assert_eq!(CaseVotes::<T>::get(last, &voter).map(|v| v.uphold), Some(false));
	}

	/// Unlocking a full list of votes, all on closed cases, without conviction (released at the close).
	#[benchmark]
	fn unlock() {
		let rule = suspend_rule::<T>();
		let voter = funded::<T>("voter", 1);
		for _ in 0..T::MaxVotesPerAccount::get() {
			let case_id = open_case::<T>(post::<T>(), rule, 0);
			Pallet::<T>::vote_case(
				RawOrigin::Signed(voter.clone()).into(),
				case_id,
				true,
				T::MinCaseVote::get(),
				Conviction::None,
			)
			.expect("a vote");
			frame_system::Pallet::<T>::set_block_number(now::<T>().saturating_add(1u32.into()));
		}
		let after = now::<T>().saturating_add(CurrentPeriods::<T>::get().case_voting);
		frame_system::Pallet::<T>::set_block_number(after);
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), voter.clone());

		assert!(!VoteLocks::<T>::contains_key(&voter));
	}

	/// Joining a pool with room.
	#[benchmark]
	fn join_jury_pool() {
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), T::MinJurorBond::get());

		assert!(Jurors::<T>::contains_key(&caller));
	}

	/// Joining a full pool: every member's bond is read to find the smallest, which leaves.
	#[benchmark]
	fn join_jury_pool_evicting() {
		let members = pool::<T>(T::MaxJurors::get());
		let caller = funded::<T>("caller", 0);
		let bond = T::MinJurorBond::get().saturating_add(1u32.into());

		#[extrinsic_call]
		join_jury_pool(RawOrigin::Signed(caller.clone()), bond);

		assert!(Jurors::<T>::contains_key(&caller));
		assert!(!Jurors::<T>::contains_key(members.last().expect("a full pool")));
	}

	/// Leaving from the first slot (the last juror moves into it), without duties.
	#[benchmark]
	fn leave_jury_pool() {
		let jurors = pool::<T>(2);

		#[extrinsic_call]
		_(RawOrigin::Signed(jurors[0].clone()));

		assert!(!Jurors::<T>::contains_key(&jurors[0]));
	}

	/// An appeal that looks for room in the agenda.
	#[benchmark]
	fn appeal() {
		pool::<T>(T::JurySize::get());
		let case_id = open_case::<T>(post::<T>(), suspend_rule::<T>(), 0);
		uphold::<T>(case_id);
		let author = Cases::<T>::get(case_id).expect("a case").affected;
		crowd_agenda::<T>(now::<T>().saturating_add(1u32.into()));

		#[extrinsic_call]
		_(RawOrigin::Signed(author), case_id);

		assert_eq!(Cases::<T>::get(case_id).map(|c| c.status), Some(CaseStatus::Appealed));
	}

	/// A juror changing its vote.
	#[benchmark]
	fn jury_vote() {
		pool::<T>(T::JurySize::get());
		let (case_id, _) = appealed::<T>();
		let juror = draw::<T>(case_id)[0].clone();
		Pallet::<T>::jury_vote(RawOrigin::Signed(juror.clone()).into(), case_id, true)
			.expect("a vote");

		#[extrinsic_call]
		_(RawOrigin::Signed(juror.clone()), case_id, false);

		assert_eq!(JuryVotes::<T>::get(case_id, &juror), Some(false));
	}

	#[benchmark]
	fn set_periods() -> Result<(), BenchmarkError> {
		let origin =
			T::RulesOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let periods =
			Periods { case_voting: 7u32.into(), appeal_window: 7u32.into(), jury: 7u32.into() };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, periods);

		assert_eq!(CurrentPeriods::<T>::get(), periods);
		Ok(())
	}

	#[benchmark]
	fn set_case_quorum() -> Result<(), BenchmarkError> {
		let origin =
			T::RulesOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let quorum = Perbill::from_percent(1);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, quorum);

		assert_eq!(CaseQuorum::<T>::get(), quorum);
		Ok(())
	}

	/// An identity with cases pending under an earlier key and a full enforcement record moving to
	/// an account with a full one of its own.
	#[benchmark]
	fn move_enforcement() -> Result<(), BenchmarkError> {
		let (from, to) = (funded::<T>("from", 0), funded::<T>("to", 0));
		let root = funded::<T>("root", 0);
		Accused::<T>::insert(&root, 1);
		MovedTo::<T>::insert(&root, &from);
		RootOf::<T>::insert(&from, &root);
		let until = now::<T>().saturating_add(1_000u32.into());
		Enforced::<T>::insert(Target::Account(from.clone()), suspensions::<T>(0, until));
		Enforced::<T>::insert(
			Target::Account(to.clone()),
			suspensions::<T>(T::MaxUpheld::get(), until),
		);

		#[block]
		{
			<Pallet<T> as OnIdentityMoved<T::AccountId>>::on_identity_moved(&from, &to)?;
		}

		assert!(!Enforced::<T>::contains_key(Target::Account(from)));
		assert_eq!(MovedTo::<T>::get(&root), Some(to));
		Ok(())
	}

	/// Closing a rejected case with `r` reporters and an escalator (every deposit is slashed), after
	/// which the full waiting list of another rule opens its case, looking for room in the agenda.
	#[benchmark]
	fn close_case(r: Linear<0, { T::MaxReporters::get() }>) {
		fill::<T>(2);
		let (voting, waiting) = (NextRuleId::<T>::get() - 2, NextRuleId::<T>::get() - 1);
		let target = post::<T>();
		let case_id = open_case::<T>(target.clone(), voting, r);
		for i in 0..T::MaxReporters::get() {
			let reporter = funded::<T>("waiting", i);
			Pallet::<T>::report(
				RawOrigin::Signed(reporter).into(),
				target.clone(),
				waiting,
				note(),
			)
			.expect("a report");
		}
		let closes = Cases::<T>::get(case_id).expect("a case").closes;
		crowd_agenda::<T>(closes.saturating_add(CurrentPeriods::<T>::get().case_voting));
		frame_system::Pallet::<T>::set_block_number(closes);

		#[block]
		{
			Pallet::<T>::on_initialize(closes);
		}

		assert!(matches!(
			Cases::<T>::get(case_id).map(|c| c.status),
			Some(CaseStatus::Rejected { .. })
		));
		assert_eq!(OpenCase::<T>::get(&target), Some(case_id + 1));
	}

	/// Drawing a jury from a full pool, all but a jury's worth of members excluded (they voted on
	/// the case): every member is read and weighed.
	#[benchmark]
	fn draw_jury() {
		let members = pool::<T>(T::MaxJurors::get());
		let (case_id, _) = appealed::<T>();
		for voter in &members[T::JurySize::get() as usize..] {
			let vote = CaseVote { uphold: true, amount: 1u32.into(), conviction: Conviction::None };
			CaseVotes::<T>::insert(case_id, voter, vote);
		}
		let next = now::<T>().saturating_add(1u32.into());
		frame_system::Pallet::<T>::set_block_number(next);

		#[block]
		{
			Pallet::<T>::on_initialize(next);
		}

		let drawn = Cases::<T>::get(case_id).and_then(|c| c.appeal).expect("appealed").jury;
		assert_eq!(drawn.len() as u32, T::JurySize::get());
	}

	/// Taking a jury's decision where the smallest majority voted and the rest did not: the no-shows
	/// are slashed below the minimum bond and leave the pool, the deposit and the slashes are paid
	/// to the voters.
	#[benchmark]
	fn decide_appeal() {
		pool::<T>(T::JurySize::get());
		let (case_id, _) = appealed::<T>();
		let jury = draw::<T>(case_id);
		let voters = (T::JurySize::get() / 2 + 1) as usize;
		for juror in &jury[..voters] {
			Pallet::<T>::jury_vote(RawOrigin::Signed(juror.clone()).into(), case_id, false)
				.expect("a vote");
		}
		let decides_at = Cases::<T>::get(case_id)
			.and_then(|c| c.appeal)
			.and_then(|a| a.decides_at)
			.expect("drawn");
		frame_system::Pallet::<T>::set_block_number(decides_at);

		#[block]
		{
			Pallet::<T>::on_initialize(decides_at);
		}

		assert!(matches!(
			Cases::<T>::get(case_id).map(|c| c.status),
			Some(CaseStatus::Confirmed { .. })
		));
	}

	/// `on_idle` clearing `v` votes of a final (rejected) case, the last pending case of an identity
	/// that moved (what is kept of the move goes too).
	#[benchmark]
	fn clear_votes(v: Linear<0, SWEEP_BATCH>) {
		let case_id = open_case::<T>(post::<T>(), suspend_rule::<T>(), 0);
		let author = Cases::<T>::get(case_id).expect("a case").affected;
		let holder = funded::<T>("holder", 0);
		MovedTo::<T>::insert(&author, &holder);
		RootOf::<T>::insert(&holder, &author);
		for i in 0..v {
			let vote = CaseVote { uphold: true, amount: 1u32.into(), conviction: Conviction::None };
			CaseVotes::<T>::insert(case_id, account::<T::AccountId>("voter", i, 0), vote);
		}
		let closes = Cases::<T>::get(case_id).expect("a case").closes;
		frame_system::Pallet::<T>::set_block_number(closes);
		Pallet::<T>::on_initialize(closes);
		VoteSweep::<T>::put(case_id);

		#[block]
		{
			Pallet::<T>::clear_votes(case_id, closes);
		}

		assert_eq!(VoteSweep::<T>::get(), case_id + 1);
		assert_eq!(CaseVotes::<T>::iter_prefix(case_id).count(), 0);
		assert!(!RootOf::<T>::contains_key(&holder));
	}

	/// `on_idle`'s pass over enforcement records removing a full record whose suspensions are all
	/// over (and reaching the end of the map).
	#[benchmark]
	fn expire_enforcement() {
		let who = funded::<T>("suspended", 0);
		let until = now::<T>().saturating_add(1u32.into());
		Enforced::<T>::insert(Target::Account(who.clone()), suspensions::<T>(0, until));
		frame_system::Pallet::<T>::set_block_number(until);

		#[block]
		{
			Pallet::<T>::sweep_enforcement(until, &mut WeightMeter::new());
		}

		assert!(!Enforced::<T>::contains_key(Target::Account(who)));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
