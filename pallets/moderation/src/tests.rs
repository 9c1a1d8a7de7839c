//! Tests of the moderation pallet on the mock runtime: the rulebook, reports, cases, enforcement and
//! jury appeals.

use crate::{
	mock::*, Agenda, CaseStatus, Cases, Due, Error, Event, JurorCount, Jurors, OpenCase, Pending,
	Periods, RuleAction, RuleCount, RuleDescription, RulebookEntry, RulebookVersion, Rules, Target,
	TargetStatus, VoteLocks,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectFreeze, InspectHold, Mutate},
		tokens::Preservation,
	},
	BoundedVec,
};
use kith_primitives::ModerationStatus;
use sp_runtime::{DispatchError, TokenError};

const GOV: u64 = 42;

fn entries(
	list: Vec<(Option<u32>, &str)>,
) -> BoundedVec<crate::RulebookEntryOf<Test>, ConstU32<4>> {
	list.into_iter()
		.map(|(id, title)| RulebookEntry { id, rule: rule(title) })
		.collect::<Vec<_>>()
		.try_into()
		.unwrap()
}
use frame_support::traits::ConstU32;

fn titles() -> Vec<(u32, String)> {
	Moderation::rulebook()
		.rules
		.into_iter()
		.map(|r| (r.id, String::from_utf8(r.title.to_vec()).unwrap()))
		.collect()
}

#[test]
fn the_genesis_rulebook_is_version_one() {
	test(|| {
		let book = Moderation::rulebook();
		assert_eq!(book.version, 1);
		assert_eq!(titles(), vec![(0, "spam".into()), (1, "harassment".into())]);
		assert!(book.rules.iter().all(|r| r.version == 1));
	});
}

#[test]
fn only_the_rules_origin_changes_the_rulebook() {
	test(|| {
		for who in [1, 2, 41] {
			let origin = RuntimeOrigin::signed(who);
			assert_noop!(
				Moderation::set_rulebook(origin.clone(), entries(vec![])),
				DispatchError::BadOrigin
			);
			assert_noop!(Moderation::add_rule(origin.clone(), rule("x")), DispatchError::BadOrigin);
			assert_noop!(
				Moderation::amend_rule(origin.clone(), 0, rule("x")),
				DispatchError::BadOrigin
			);
			assert_noop!(Moderation::retire_rule(origin, 0), DispatchError::BadOrigin);
		}
		assert_noop!(
			Moderation::add_rule(RuntimeOrigin::root(), rule("x")),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn set_rulebook_keeps_amends_adds_and_retires_atomically() {
	test(|| {
		let mut book = entries(vec![(Some(1), "harassment"), (None, "impersonation")]);
		book.try_push(RulebookEntry { id: Some(0), rule: rule("spam and scams") }).unwrap();
		assert_ok!(Moderation::set_rulebook(RuntimeOrigin::signed(GOV), book));
		System::assert_last_event(
			Event::RulebookChanged {
				version: 2,
				added: vec![2].try_into().unwrap(),
				amended: vec![0].try_into().unwrap(),
				retired: vec![].try_into().unwrap(),
			}
			.into(),
		);
		assert_eq!(
			titles(),
			vec![
				(0, "spam and scams".into()),
				(1, "harassment".into()),
				(2, "impersonation".into())
			]
		);
		assert_eq!(Rules::<Test>::get(0).unwrap().version, 2, "amended by version 2");
		assert_eq!(Rules::<Test>::get(1).unwrap().version, 1, "unchanged since version 1");

		// Leaving rules out retires them; their ids are never given again.
		assert_ok!(Moderation::set_rulebook(
			RuntimeOrigin::signed(GOV),
			entries(vec![(None, "nsfw")])
		));
		System::assert_last_event(
			Event::RulebookChanged {
				version: 3,
				added: vec![3].try_into().unwrap(),
				amended: vec![].try_into().unwrap(),
				retired: vec![0, 1, 2].try_into().unwrap(),
			}
			.into(),
		);
		assert_eq!(titles(), vec![(3, "nsfw".into())]);
		assert_eq!(RuleCount::<Test>::get(), 1);
	});
}

#[test]
fn a_bad_rulebook_changes_nothing() {
	test(|| {
		let gov = RuntimeOrigin::signed(GOV);
		assert_noop!(
			Moderation::set_rulebook(gov.clone(), entries(vec![(Some(7), "unknown")])),
			Error::<Test>::UnknownRule
		);
		assert_noop!(
			Moderation::set_rulebook(gov.clone(), entries(vec![(Some(0), "a"), (Some(0), "b")])),
			Error::<Test>::DuplicateRule
		);
		assert_noop!(
			Moderation::set_rulebook(gov.clone(), entries(vec![(None, "")])),
			Error::<Test>::EmptyTitle
		);
		let mut bad = rule("bad text");
		bad.description = RuleDescription::Text(vec![0xff].try_into().unwrap());
		assert_noop!(Moderation::add_rule(gov.clone(), bad), Error::<Test>::NotUtf8);
		let mut bad = rule("bad cid");
		bad.description = RuleDescription::Content(b"not-a-cid".to_vec().try_into().unwrap());
		assert_noop!(Moderation::add_rule(gov, bad), Error::<Test>::InvalidContentRef);
		assert_eq!(RulebookVersion::<Test>::get(), 1);
	});
}

#[test]
fn the_rulebook_is_bounded() {
	test(|| {
		let gov = RuntimeOrigin::signed(GOV);
		assert_ok!(Moderation::add_rule(gov.clone(), rule("three")));
		assert_ok!(Moderation::add_rule(gov.clone(), rule("four")));
		assert_noop!(Moderation::add_rule(gov, rule("five")), Error::<Test>::TooManyRules);
		// A rulebook of more than MaxRules entries does not even decode.
		let five: Vec<crate::RulebookEntryOf<Test>> =
			(0..5).map(|_| RulebookEntry { id: None, rule: rule("r") }).collect();
		let encoded = codec::Encode::encode(&five);
		assert!(<BoundedVec<crate::RulebookEntryOf<Test>, ConstU32<4>> as codec::Decode>::decode(
			&mut &encoded[..]
		)
		.is_err());
	});
}

#[test]
fn single_rule_changes_keep_ids_stable_and_bump_the_version() {
	test(|| {
		let gov = RuntimeOrigin::signed(GOV);
		let mut suspend = rule("harassment");
		suspend.action = RuleAction::Suspend { blocks: 100 };
		assert_ok!(Moderation::amend_rule(gov.clone(), 1, suspend));
		assert_eq!(Rules::<Test>::get(1).unwrap().action, RuleAction::Suspend { blocks: 100 });
		System::assert_last_event(
			Event::RulebookChanged {
				version: 2,
				added: vec![].try_into().unwrap(),
				amended: vec![1].try_into().unwrap(),
				retired: vec![].try_into().unwrap(),
			}
			.into(),
		);
		assert_ok!(Moderation::retire_rule(gov.clone(), 0));
		assert_noop!(Moderation::retire_rule(gov.clone(), 0), Error::<Test>::UnknownRule);
		assert_noop!(Moderation::amend_rule(gov.clone(), 0, rule("x")), Error::<Test>::UnknownRule);
		assert_ok!(Moderation::add_rule(gov, rule("impersonation")));
		assert_eq!(titles(), vec![(1, "harassment".into()), (2, "impersonation".into())]);
		assert_eq!(RulebookVersion::<Test>::get(), 4);
	});
}

// Reports, cases and appeals. Accounts: 1 the author, 2..=9 reporters and voters, 20..=40 jurors.
// Rules: 0 "spam" (Hide) and 1 "harassment" (Hide) from genesis; `with_actions` adds 2 "impersonation"
// (Suspend for 20 blocks) and 3 "misleading" (Label).

const AUTHOR: u64 = 1;
const SUSPEND: u32 = 2;
const LABEL: u32 = 3;

fn with_actions() {
	let gov = RuntimeOrigin::signed(GOV);
	let mut suspend = rule("impersonation");
	suspend.action = RuleAction::Suspend { blocks: 20 };
	assert_ok!(Moderation::add_rule(gov.clone(), suspend));
	let mut label = rule("misleading");
	label.action = RuleAction::Label;
	assert_ok!(Moderation::add_rule(gov, label));
}

fn note(text: &str) -> crate::Note {
	text.as_bytes().to_vec().try_into().unwrap()
}

fn report(who: u64, target: Target<u64>, rule: u32) -> sp_runtime::DispatchResult {
	Moderation::report(RuntimeOrigin::signed(who), target, rule, note("breaks the rule"))
}

fn held(who: u64, reason: crate::HoldReason) -> u64 {
	Balances::balance_on_hold(&reason.into(), &who)
}

fn frozen(who: u64) -> u64 {
	Balances::balance_frozen(&crate::FreezeReason::CaseVote.into(), &who)
}

fn vote(who: u64, case: u32, uphold: bool, amount: u64) -> sp_runtime::DispatchResult {
	Moderation::vote_case(RuntimeOrigin::signed(who), case, uphold, amount)
}

fn status(case: u32) -> CaseStatus<u64> {
	Cases::<Test>::get(case).unwrap().status
}

fn closes(case: u32) -> u64 {
	Cases::<Test>::get(case).unwrap().closes
}

/// A post by the author reported by 2, 3 and 4 under `rule`: case 0 opens. Returns the post.
fn reported_post(rule: u32) -> u64 {
	let post = add_post(AUTHOR);
	for who in [2, 3, 4] {
		assert_ok!(report(who, Target::Post(post), rule));
	}
	post
}

/// Case `case` upheld by account 5's vote of 200 at its closing block.
fn uphold(case: u32) {
	assert_ok!(vote(5, case, true, 200));
	run_to(closes(case));
	assert!(matches!(status(case), CaseStatus::Upheld { .. }));
}

/// Accounts 20..20+n join the jury pool with 100 each.
fn jurors(n: u64) {
	for who in 20..20 + n {
		assert_ok!(Moderation::join_jury_pool(RuntimeOrigin::signed(who), 100));
	}
}

/// The jury of case `case` after the author appealed and the next block drew it.
fn appeal_and_draw(case: u32) -> Vec<u64> {
	assert_ok!(Moderation::appeal(RuntimeOrigin::signed(AUTHOR), case));
	run_to(System::block_number() + 1);
	let appeal = Cases::<Test>::get(case).unwrap().appeal.unwrap();
	assert!(appeal.decides_at.is_some(), "the jury was drawn");
	appeal.jury.into_inner()
}

#[test]
fn a_report_holds_its_deposit_and_waits_below_the_threshold() {
	test(|| {
		let post = add_post(AUTHOR);
		assert_ok!(report(2, Target::Post(post), 0));
		assert_eq!(held(2, crate::HoldReason::Report), 10);
		System::assert_last_event(
			Event::Reported {
				target: Target::Post(post),
				reporter: 2,
				rule: 0,
				version: 1,
				deposit: 10,
				case: None,
			}
			.into(),
		);
		assert_eq!(Pending::<Test>::get(Target::Post(post), 0).into_inner(), vec![2]);
		assert!(OpenCase::<Test>::get(Target::Post(post)).is_none());
		let reports = Moderation::reports(Target::Post(post));
		assert_eq!(reports.len(), 1);
		assert_eq!((reports[0].0, reports[0].1.rule, reports[0].1.version), (2, 0, 1));
		assert_eq!(reports[0].1.note.to_vec(), b"breaks the rule".to_vec());
	});
}

#[test]
fn bad_reports_are_refused_and_change_nothing() {
	test(|| {
		let post = add_post(AUTHOR);
		let gone = add_post(AUTHOR);
		delete_post(gone);
		assert_noop!(report(2, Target::Post(post), 9), Error::<Test>::UnknownRule);
		assert_noop!(report(2, Target::Post(99), 0), Error::<Test>::UnknownPost);
		assert_noop!(report(2, Target::Post(gone), 0), Error::<Test>::PostDeleted);
		assert_noop!(report(AUTHOR, Target::Post(post), 0), Error::<Test>::OwnTarget);
		assert_noop!(report(2, Target::Account(2), SUSPEND), Error::<Test>::UnknownRule);
		with_actions();
		assert_noop!(report(2, Target::Account(2), SUSPEND), Error::<Test>::OwnTarget);
		assert_noop!(report(2, Target::Account(AUTHOR), 0), Error::<Test>::NotApplicable);
		assert_noop!(
			Moderation::report(
				RuntimeOrigin::signed(2),
				Target::Post(post),
				0,
				vec![0xff, 0xfe].try_into().unwrap()
			),
			Error::<Test>::NotUtf8
		);
		assert_ok!(report(2, Target::Post(post), 0));
		assert_noop!(report(2, Target::Post(post), 1), Error::<Test>::AlreadyReported);
		// A reporter without the deposit.
		assert_ok!(Balances::transfer_all(RuntimeOrigin::signed(3), 4, false));
		assert!(report(3, Target::Post(post), 0).is_err());
		assert_eq!(Moderation::reports(Target::Post(post)).len(), 1);
	});
}

#[test]
fn the_threshold_opens_exactly_one_case() {
	test(|| {
		let post = reported_post(0);
		let case = Cases::<Test>::get(0).unwrap();
		assert_eq!(case.reporters.into_inner(), vec![2, 3, 4]);
		assert_eq!(
			(case.affected, case.rule, case.version, case.action),
			(AUTHOR, 0, 1, RuleAction::Hide)
		);
		assert_eq!(case.closes, 11);
		assert_eq!(OpenCase::<Test>::get(Target::Post(post)), Some(0));
		assert!(Pending::<Test>::get(Target::Post(post), 0).is_empty());
		assert!(Agenda::<Test>::get(11).contains(&Due::CloseCase(0)));
		System::assert_has_event(
			Event::CaseOpened {
				case_id: 0,
				target: Target::Post(post),
				affected: AUTHOR,
				rule: 0,
				version: 1,
				reporters: 3,
				escalator: None,
				closes: 11,
			}
			.into(),
		);

		// A fourth reporter under the same rule joins the case; no second case opens.
		assert_ok!(report(5, Target::Post(post), 0));
		System::assert_last_event(
			Event::Reported {
				target: Target::Post(post),
				reporter: 5,
				rule: 0,
				version: 1,
				deposit: 10,
				case: Some(0),
			}
			.into(),
		);
		assert_eq!(Cases::<Test>::get(0).unwrap().reporters.len(), 4);
		// Reports under another rule wait, even past the threshold, while a case is voting.
		for who in [6, 7, 8] {
			assert_ok!(report(who, Target::Post(post), 1));
		}
		assert_eq!(Pending::<Test>::get(Target::Post(post), 1).len(), 3);
		assert_eq!(crate::NextCaseId::<Test>::get(), 1);
		assert_eq!(Moderation::open_cases(None, 10).len(), 1);
		// The case has room for five reporters.
		assert_ok!(report(9, Target::Post(post), 0));
		assert_noop!(report(10, Target::Post(post), 0), Error::<Test>::TooManyReporters);
	});
}

#[test]
fn a_waiting_report_can_be_withdrawn_but_not_one_in_a_case() {
	test(|| {
		let post = add_post(AUTHOR);
		assert_ok!(report(2, Target::Post(post), 0));
		assert_ok!(Moderation::withdraw_report(RuntimeOrigin::signed(2), Target::Post(post)));
		assert_eq!(held(2, crate::HoldReason::Report), 0);
		assert!(Moderation::reports(Target::Post(post)).is_empty());
		assert_noop!(
			Moderation::withdraw_report(RuntimeOrigin::signed(2), Target::Post(post)),
			Error::<Test>::NoReport
		);

		let post = reported_post(0);
		assert_noop!(
			Moderation::withdraw_report(RuntimeOrigin::signed(2), Target::Post(post)),
			Error::<Test>::ReportInCase
		);
	});
}

#[test]
fn escalating_opens_a_case_with_the_waiting_reports() {
	test(|| {
		let post = add_post(AUTHOR);
		assert_ok!(report(2, Target::Post(post), 1));
		assert_noop!(
			Moderation::escalate(RuntimeOrigin::signed(AUTHOR), Target::Post(post), 1),
			Error::<Test>::OwnTarget
		);
		assert_ok!(Moderation::escalate(RuntimeOrigin::signed(3), Target::Post(post), 1));
		assert_eq!(held(3, crate::HoldReason::Escalation), 50);
		let case = Cases::<Test>::get(0).unwrap();
		assert_eq!(case.reporters.into_inner(), vec![2]);
		assert_eq!(case.escalator, Some((3, 50)));
		assert_noop!(
			Moderation::escalate(RuntimeOrigin::signed(4), Target::Post(post), 0),
			Error::<Test>::CaseAlreadyOpen
		);
	});
}

#[test]
fn voting_again_replaces_the_vote_and_freezes_the_largest_amount() {
	test(|| {
		reported_post(0);
		assert_ok!(vote(5, 0, true, 300));
		assert_ok!(vote(5, 0, false, 120));
		let case = Cases::<Test>::get(0).unwrap();
		assert_eq!((case.uphold, case.reject), (0, 120), "replaced, not added");
		assert_eq!(frozen(5), 120);
		assert_ok!(vote(6, 0, true, 50));
		let case = Cases::<Test>::get(0).unwrap();
		assert_eq!((case.uphold, case.reject), (50, 120));
		System::assert_last_event(
			Event::CaseVoted { case_id: 0, voter: 6, uphold: true, amount: 50 }.into(),
		);

		assert_noop!(vote(5, 0, true, 0), Error::<Test>::ZeroVote);
		assert_noop!(vote(5, 0, true, 1_001), Error::<Test>::InsufficientFunds);
		assert_noop!(vote(5, 7, true, 10), Error::<Test>::UnknownCase);
	});
}

#[test]
fn a_locked_vote_cannot_be_transferred_away() {
	test(|| {
		reported_post(0);
		assert_ok!(vote(5, 0, true, 900));
		assert_noop!(
			<Balances as Mutate<u64>>::transfer(&5, &6, 200, Preservation::Expendable),
			TokenError::Frozen
		);
		assert_ok!(<Balances as Mutate<u64>>::transfer(&5, &6, 100, Preservation::Expendable));
	});
}

#[test]
fn votes_unlock_once_the_case_closes() {
	test(|| {
		reported_post(0);
		assert_ok!(vote(5, 0, true, 300));
		assert_ok!(Moderation::unlock(RuntimeOrigin::signed(9), 5));
		assert_eq!(frozen(5), 300, "still voting");
		run_to(closes(0));
		assert_noop!(vote(6, 0, true, 10), Error::<Test>::NotVoting);
		assert_ok!(Moderation::unlock(RuntimeOrigin::signed(9), 5));
		assert_eq!(frozen(5), 0);
		assert!(!VoteLocks::<Test>::contains_key(5));
		System::assert_last_event(Event::VotesUnlocked { who: 5, frozen: 0 }.into());
	});
}

#[test]
fn votes_on_more_cases_than_allowed_are_refused() {
	test(|| {
		for _ in 0..4 {
			let post = add_post(AUTHOR);
			assert_ok!(Moderation::escalate(RuntimeOrigin::signed(2), Target::Post(post), 0));
			// Two items per block at most: spread the closings.
			run_to(System::block_number() + 1);
		}
		for case in 0..3 {
			assert_ok!(vote(5, case, true, 10 + case as u64));
		}
		assert_eq!(frozen(5), 12);
		assert_noop!(vote(5, 3, true, 10), Error::<Test>::TooManyVotes);
	});
}

#[test]
fn an_upheld_hide_case_hides_the_post_and_returns_the_deposits() {
	test(|| {
		let post = reported_post(0);
		assert!(!Moderation::is_hidden(post));
		assert_ok!(vote(5, 0, true, 150));
		assert_ok!(vote(6, 0, false, 100));
		run_to(10);
		assert_eq!(status(0), CaseStatus::Voting, "still voting in the block before it closes");
		run_to(11);
		assert_eq!(status(0), CaseStatus::Upheld { at: 11 });
		System::assert_has_event(
			Event::CaseClosed {
				case_id: 0,
				upheld: true,
				action: Some(RuleAction::Hide),
				uphold: 150,
				reject: 100,
				slashed: 0,
			}
			.into(),
		);
		assert!(Moderation::is_hidden(post));
		assert_eq!(
			Moderation::status(Target::Post(post)),
			TargetStatus { labels: vec![], hidden: true, suspended_until: None }
		);
		for who in [2, 3, 4] {
			assert_eq!(held(who, crate::HoldReason::Report), 0);
			assert_eq!(Balances::balance(&who), 1_000);
		}
		assert!(Moderation::reports(Target::Post(post)).is_empty());
		assert!(OpenCase::<Test>::get(Target::Post(post)).is_none());
		assert!(Moderation::open_cases(None, 10).is_empty());
		assert_eq!(pool(), 0);
	});
}

#[test]
fn a_rejected_case_slashes_the_deposits_to_the_reward_pool() {
	test(|| {
		let post = add_post(AUTHOR);
		assert_ok!(report(2, Target::Post(post), 0));
		assert_ok!(Moderation::escalate(RuntimeOrigin::signed(3), Target::Post(post), 0));
		let issuance = Balances::total_issuance();
		assert_ok!(vote(5, 0, true, 100));
		assert_ok!(vote(6, 0, false, 100));
		run_to(closes(0));
		assert_eq!(status(0), CaseStatus::Rejected { at: 11 });
		System::assert_has_event(
			Event::CaseClosed {
				case_id: 0,
				upheld: false,
				action: None,
				uphold: 100,
				reject: 100,
				slashed: 60,
			}
			.into(),
		);
		assert_eq!(pool(), 60);
		assert_eq!(Balances::balance(&2) + held(2, crate::HoldReason::Report), 990);
		assert_eq!(Balances::balance(&3) + held(3, crate::HoldReason::Escalation), 950);
		assert_eq!(Balances::total_issuance(), issuance - 60);
		assert!(!Moderation::is_hidden(post));
		assert_eq!(Moderation::status(Target::Post(post)), TargetStatus::default());
	});
}

#[test]
fn a_case_without_quorum_is_rejected() {
	test(|| {
		let post = reported_post(0);
		assert_ok!(vote(5, 0, true, 99));
		run_to(closes(0));
		assert_eq!(status(0), CaseStatus::Rejected { at: 11 });
		assert!(!Moderation::is_hidden(post));
		assert_eq!(pool(), 30);
	});
}

#[test]
fn a_suspended_author_is_suspended_until_the_suspension_ends() {
	test(|| {
		with_actions();
		reported_post(SUSPEND);
		assert!(!Moderation::is_suspended(&AUTHOR));
		uphold(0);
		assert!(Moderation::is_suspended(&AUTHOR));
		assert_eq!(Moderation::status(Target::Account(AUTHOR)).suspended_until, Some(31));
		run_to(30);
		assert!(Moderation::is_suspended(&AUTHOR));
		run_to(31);
		assert!(!Moderation::is_suspended(&AUTHOR), "expires by itself");
		assert_eq!(Moderation::status(Target::Account(AUTHOR)).suspended_until, None);
	});
}

#[test]
fn an_account_can_be_reported_and_suspended() {
	test(|| {
		with_actions();
		for who in [2, 3, 4] {
			assert_ok!(report(who, Target::Account(7), SUSPEND));
		}
		assert_eq!(Cases::<Test>::get(0).unwrap().affected, 7);
		uphold(0);
		assert!(Moderation::is_suspended(&7));
		assert!(!Moderation::is_suspended(&AUTHOR));
	});
}

#[test]
fn labels_accumulate_up_to_the_limit_dropping_the_oldest() {
	test(|| {
		with_actions();
		let post = reported_post(LABEL);
		uphold(0);
		assert_eq!(Moderation::status(Target::Post(post)).labels, vec![LABEL]);
		assert!(!Moderation::is_hidden(post));
		// Two more label rules: the first label goes when the third comes (at most two).
		let gov = RuntimeOrigin::signed(GOV);
		assert_ok!(Moderation::retire_rule(gov.clone(), 0));
		let mut label = rule("satire");
		label.action = RuleAction::Label;
		assert_ok!(Moderation::add_rule(gov.clone(), label.clone()));
		assert_ok!(Moderation::retire_rule(gov.clone(), 1));
		assert_ok!(Moderation::add_rule(gov, label));
		for (case, rule) in [(1, 4), (2, 5)] {
			for who in [2, 3, 4] {
				assert_ok!(report(who, Target::Post(post), rule));
			}
			uphold(case);
		}
		assert_eq!(Moderation::status(Target::Post(post)).labels, vec![4, 5]);
	});
}

#[test]
fn items_due_in_a_full_block_move_to_the_next_one() {
	test(|| {
		let posts: Vec<u64> = (0..5).map(|_| add_post(AUTHOR)).collect();
		for post in &posts[..4] {
			assert_ok!(Moderation::escalate(RuntimeOrigin::signed(2), Target::Post(*post), 0));
		}
		assert_eq!((0..4).map(closes).collect::<Vec<_>>(), vec![11, 11, 12, 12]);
		// Two items per block, looking two blocks ahead: a fifth case cannot be scheduled now.
		assert_noop!(
			Moderation::escalate(RuntimeOrigin::signed(2), Target::Post(posts[4]), 0),
			Error::<Test>::AgendaFull
		);
		run_to(12);
		assert!((0..4).all(|case| matches!(status(case), CaseStatus::Rejected { .. })));
	});
}

#[test]
fn jurors_join_with_a_bond_and_leave_after_their_duties() {
	test(|| {
		assert_noop!(
			Moderation::join_jury_pool(RuntimeOrigin::signed(20), 99),
			Error::<Test>::BondTooLow
		);
		jurors(7);
		assert_eq!(held(20, crate::HoldReason::JurorBond), 100);
		assert_noop!(
			Moderation::join_jury_pool(RuntimeOrigin::signed(20), 100),
			Error::<Test>::AlreadyJuror
		);
		assert_noop!(
			Moderation::leave_jury_pool(RuntimeOrigin::signed(2)),
			Error::<Test>::NotJuror
		);
		// Leaving without duties: at once.
		assert_ok!(Moderation::leave_jury_pool(RuntimeOrigin::signed(20)));
		assert_eq!(held(20, crate::HoldReason::JurorBond), 0);
		assert_eq!(JurorCount::<Test>::get(), 6);
		System::assert_last_event(Event::JurorLeft { who: 20, bond: 100 }.into());

		// Leaving while on a jury: no longer drawn, bond back when the jury decides.
		for who in [20, 27] {
			assert_ok!(Moderation::join_jury_pool(RuntimeOrigin::signed(who), 100));
		}
		reported_post(0);
		uphold(0);
		let jury = appeal_and_draw(0);
		let leaver = jury[0];
		assert_ok!(Moderation::leave_jury_pool(RuntimeOrigin::signed(leaver)));
		assert_noop!(
			Moderation::leave_jury_pool(RuntimeOrigin::signed(leaver)),
			Error::<Test>::AlreadyLeaving
		);
		assert_eq!(Jurors::<Test>::get(leaver).unwrap().slot, None);
		assert_eq!(held(leaver, crate::HoldReason::JurorBond), 100);
		assert_ok!(Moderation::jury_vote(RuntimeOrigin::signed(leaver), 0, false));
		run_to(System::block_number() + 5);
		assert!(Jurors::<Test>::get(leaver).is_none());
		assert_eq!(held(leaver, crate::HoldReason::JurorBond), 0);
	});
}

#[test]
fn only_the_affected_author_appeals_an_upheld_case_once_within_the_window() {
	test(|| {
		let post = reported_post(0);
		assert_noop!(
			Moderation::appeal(RuntimeOrigin::signed(AUTHOR), 0),
			Error::<Test>::NotAppealable
		);
		uphold(0);
		assert_noop!(Moderation::appeal(RuntimeOrigin::signed(2), 0), Error::<Test>::NotAffected);
		assert_noop!(
			Moderation::appeal(RuntimeOrigin::signed(AUTHOR), 0),
			Error::<Test>::NotEnoughJurors
		);
		jurors(12);
		assert_ok!(Moderation::appeal(RuntimeOrigin::signed(AUTHOR), 0));
		assert_eq!(held(AUTHOR, crate::HoldReason::Appeal), 40);
		assert_eq!(status(0), CaseStatus::Appealed);
		assert_eq!(Moderation::open_cases(None, 10).len(), 1);
		assert_noop!(
			Moderation::appeal(RuntimeOrigin::signed(AUTHOR), 0),
			Error::<Test>::NotAppealable
		);

		// Another upheld case whose window has passed.
		let other = add_post(AUTHOR);
		assert_ok!(Moderation::escalate(RuntimeOrigin::signed(2), Target::Post(other), 0));
		uphold(1);
		run_to(System::block_number() + 11);
		assert_noop!(
			Moderation::appeal(RuntimeOrigin::signed(AUTHOR), 1),
			Error::<Test>::AppealWindowOver
		);
		assert!(Moderation::is_hidden(post) && Moderation::is_hidden(other));
	});
}

#[test]
fn the_jury_draw_never_includes_excluded_accounts() {
	for entropy in 0..20 {
		test(|| {
			set_entropy(entropy);
			// Pool: the author, the three reporters, two voters and the escalator of another rule
			// are all in it, with eight others.
			for who in [AUTHOR, 2, 3, 4, 5, 6] {
				assert_ok!(Moderation::join_jury_pool(RuntimeOrigin::signed(who), 100));
			}
			jurors(8);
			let post = reported_post(0);
			assert_ok!(vote(5, 0, true, 150));
			assert_ok!(vote(6, 0, true, 150));
			run_to(closes(0));
			let jury = appeal_and_draw(0);
			assert_eq!(jury.len(), 7);
			assert!(jury.iter().all(|j| (20..28).contains(j)), "{jury:?}");
			let mut unique = jury.clone();
			unique.sort();
			unique.dedup();
			assert_eq!(unique.len(), 7, "no juror twice");
			assert!(jury.iter().all(|j| Jurors::<Test>::get(j).unwrap().duties == 1));
			System::assert_has_event(
				Event::JuryDrawn { case_id: 0, jury: jury.try_into().unwrap(), decides_at: 17 }
					.into(),
			);
			assert!(Moderation::is_hidden(post));
		});
	}
}

#[test]
fn an_appeal_without_enough_eligible_jurors_is_dropped() {
	test(|| {
		for who in [2, 3, 4] {
			assert_ok!(Moderation::join_jury_pool(RuntimeOrigin::signed(who), 100));
		}
		jurors(5);
		reported_post(0);
		uphold(0);
		assert_ok!(Moderation::appeal(RuntimeOrigin::signed(AUTHOR), 0));
		run_to(System::block_number() + 1);
		System::assert_last_event(Event::AppealDropped { case_id: 0 }.into());
		assert_eq!(status(0), CaseStatus::Upheld { at: 11 });
		assert_eq!(held(AUTHOR, crate::HoldReason::Appeal), 0);
		assert!(Jurors::<Test>::iter_values().all(|j| j.duties == 0));
	});
}

#[test]
fn an_overturned_appeal_lifts_the_enforcement_and_returns_the_deposit() {
	test(|| {
		with_actions();
		reported_post(SUSPEND);
		uphold(0);
		assert!(Moderation::is_suspended(&AUTHOR));
		jurors(10);
		let jury = appeal_and_draw(0);
		assert_noop!(
			Moderation::jury_vote(RuntimeOrigin::signed(2), 0, true),
			Error::<Test>::NotOnJury
		);
		// Five of seven vote to overturn (one changes its mind), one to keep, one does not vote.
		assert_ok!(Moderation::jury_vote(RuntimeOrigin::signed(jury[0]), 0, false));
		for juror in &jury[..5] {
			assert_ok!(Moderation::jury_vote(RuntimeOrigin::signed(*juror), 0, true));
		}
		assert_ok!(Moderation::jury_vote(RuntimeOrigin::signed(jury[5]), 0, false));
		let decides_at = Cases::<Test>::get(0).unwrap().appeal.unwrap().decides_at.unwrap();
		run_to(decides_at);
		assert_noop!(
			Moderation::jury_vote(RuntimeOrigin::signed(jury[6]), 0, true),
			Error::<Test>::JuryNotVoting
		);
		assert_eq!(status(0), CaseStatus::Overturned { at: decides_at });
		assert!(!Moderation::is_suspended(&AUTHOR), "lifted at once");
		assert_eq!(Moderation::status(Target::Account(AUTHOR)), TargetStatus::default());
		assert_eq!(held(AUTHOR, crate::HoldReason::Appeal), 0);
		assert_eq!(Balances::balance(&AUTHOR), 1_000);
		// The juror who did not vote lost 14 to the six who did (2 each; the rest to the pool).
		assert_eq!(Balances::total_balance(&jury[6]), 986);
		for juror in &jury[..6] {
			assert_eq!(Balances::total_balance(juror), 1_002);
			assert_eq!(Jurors::<Test>::get(juror).unwrap().duties, 0);
		}
		assert_eq!(pool(), 2);
		System::assert_has_event(
			Event::AppealDecided { case_id: 0, overturned: true, overturn: 5, keep: 1, paid: 12 }
				.into(),
		);
	});
}

#[test]
fn a_confirmed_appeal_pays_the_deposit_to_the_jurors_who_voted() {
	test(|| {
		let post = reported_post(0);
		uphold(0);
		jurors(10);
		let jury = appeal_and_draw(0);
		// Three to overturn and three to keep: three is not two thirds of six.
		for juror in &jury[..3] {
			assert_ok!(Moderation::jury_vote(RuntimeOrigin::signed(*juror), 0, true));
		}
		for juror in &jury[3..6] {
			assert_ok!(Moderation::jury_vote(RuntimeOrigin::signed(*juror), 0, false));
		}
		run_to(System::block_number() + 5);
		assert!(matches!(status(0), CaseStatus::Confirmed { .. }));
		assert!(Moderation::is_hidden(post), "stays hidden");
		// The appeal deposit (40) and the no-show's 14: 54 shared by six, 9 each.
		assert_eq!(Balances::total_balance(&AUTHOR), 960);
		for juror in &jury[..6] {
			assert_eq!(Balances::total_balance(juror), 1_009);
		}
		System::assert_has_event(
			Event::JurorSlashed { case_id: 0, juror: jury[6], amount: 14 }.into(),
		);
		assert_eq!(pool(), 0);
	});
}

#[test]
fn too_few_jury_votes_keep_the_decision_even_if_all_overturn() {
	test(|| {
		let post = reported_post(0);
		uphold(0);
		jurors(7);
		let jury = appeal_and_draw(0);
		for juror in &jury[..4] {
			assert_ok!(Moderation::jury_vote(RuntimeOrigin::signed(*juror), 0, true));
		}
		run_to(System::block_number() + 5);
		assert!(matches!(status(0), CaseStatus::Confirmed { .. }), "4 voters, quorum 5");
		assert!(Moderation::is_hidden(post));
		// Three no-shows: each loses 14; their bonds fall under the minimum, so they leave the
		// pool and get the rest back.
		for juror in &jury[4..] {
			assert!(Jurors::<Test>::get(juror).is_none());
			assert_eq!(Balances::total_balance(juror), 986);
		}
		assert_eq!(JurorCount::<Test>::get(), 4);
	});
}

#[test]
fn governance_sets_the_periods() {
	test(|| {
		let periods = Periods { case_voting: 3, appeal_window: 4, jury: 2 };
		assert_noop!(
			Moderation::set_periods(RuntimeOrigin::signed(2), periods),
			DispatchError::BadOrigin
		);
		assert_ok!(Moderation::set_periods(RuntimeOrigin::signed(GOV), periods));
		System::assert_last_event(Event::PeriodsChanged { periods }.into());
		reported_post(0);
		assert_eq!(closes(0), 4);
	});
}
