//! Tests of the moderation pallet on the mock runtime: the rulebook, reports, cases, enforcement and
//! jury appeals.

use crate::{
	mock::*, Agenda, CaseStatus, CaseVote, CaseVotes, Cases, Conviction, Due, Enforced, Error,
	Event, JurorCount, Jurors, OpenCase, Pending, Periods, RuleAction, RuleCount, RuleDescription,
	RulebookEntry, RulebookVersion, Rules, Target, TargetStatus, VoteLocks, VoteSweep, SWEEP_BATCH,
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
use sp_runtime::{BuildStorage, DispatchError, TokenError};

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

/// A vote with `Locked1x`: it counts its amount, and the mock freezes nothing after the close.
fn vote(who: u64, case: u32, uphold: bool, amount: u64) -> sp_runtime::DispatchResult {
	vote_with(who, case, uphold, amount, Conviction::Locked1x)
}

fn vote_with(
	who: u64,
	case: u32,
	uphold: bool,
	amount: u64,
	conviction: Conviction,
) -> sp_runtime::DispatchResult {
	Moderation::vote_case(RuntimeOrigin::signed(who), case, uphold, amount, conviction)
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
			Event::CaseVoted {
				case_id: 0,
				voter: 6,
				uphold: true,
				amount: 50,
				conviction: Conviction::Locked1x,
				votes: 50,
				frozen_until: closes(0),
			}
			.into(),
		);

		assert_noop!(vote(5, 0, true, 0), Error::<Test>::VoteTooSmall);
		assert_noop!(vote(5, 0, true, 4), Error::<Test>::VoteTooSmall);
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
fn upheld_cases_accumulate_up_to_the_limit_dropping_the_oldest() {
	test(|| {
		with_actions();
		let post = reported_post(LABEL);
		uphold(0);
		assert_eq!(Moderation::status(Target::Post(post)).labels, vec![LABEL]);
		assert!(!Moderation::is_hidden(post));
		// Two more label rules; at most three upheld cases are kept, so the first goes when a
		// fourth comes (the same rule again, which labels once).
		let gov = RuntimeOrigin::signed(GOV);
		let mut label = rule("satire");
		label.action = RuleAction::Label;
		for old in [0, 1] {
			assert_ok!(Moderation::retire_rule(gov.clone(), old));
			assert_ok!(Moderation::add_rule(gov.clone(), label.clone()));
		}
		for (case, rule) in [(1, 4), (2, 5), (3, LABEL)] {
			for who in [2, 3, 4] {
				assert_ok!(report(who, Target::Post(post), rule));
			}
			uphold(case);
		}
		assert_eq!(Moderation::status(Target::Post(post)).labels, vec![4, 5, LABEL]);
		let record = crate::Enforced::<Test>::get(Target::Post(post)).unwrap();
		assert_eq!(record.cases.iter().map(|u| u.case).collect::<Vec<_>>(), vec![1, 2, 3]);
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

/// The distinct jurors of `jury` with their seats, fewest seats last.
fn by_seats(jury: &[u64]) -> Vec<(u64, u32)> {
	let mut jurors: Vec<(u64, u32)> = Vec::new();
	for juror in jury {
		match jurors.iter_mut().find(|(j, _)| j == juror) {
			Some((_, seats)) => *seats += 1,
			None => jurors.push((*juror, 1)),
		}
	}
	jurors.sort_by_key(|(_, seats)| core::cmp::Reverse(*seats));
	jurors
}

#[test]
fn an_overturned_appeal_lifts_the_enforcement_and_pays_the_jury_fee() {
	test(|| {
		with_actions();
		reported_post(SUSPEND);
		uphold(0);
		assert!(Moderation::is_suspended(&AUTHOR));
		jurors(10);
		let jury = by_seats(&appeal_and_draw(0));
		assert_noop!(
			Moderation::jury_vote(RuntimeOrigin::signed(2), 0, true),
			Error::<Test>::NotOnJury
		);
		// Everyone but the juror with the fewest seats votes to overturn (the first changes its
		// mind on the way); that juror does not vote.
		let (absent, absent_seats) = *jury.last().unwrap();
		assert!(absent_seats <= 2, "entropy 0 draws a jury where that leaves a quorum");
		let voters = &jury[..jury.len() - 1];
		assert_ok!(Moderation::jury_vote(RuntimeOrigin::signed(voters[0].0), 0, false));
		for (juror, _) in voters {
			assert_ok!(Moderation::jury_vote(RuntimeOrigin::signed(*juror), 0, true));
		}
		let decides_at = Cases::<Test>::get(0).unwrap().appeal.unwrap().decides_at.unwrap();
		run_to(decides_at);
		assert_noop!(
			Moderation::jury_vote(RuntimeOrigin::signed(absent), 0, true),
			Error::<Test>::JuryNotVoting
		);
		assert_eq!(status(0), CaseStatus::Overturned { at: decides_at });
		assert!(!Moderation::is_suspended(&AUTHOR), "lifted at once");
		assert_eq!(Moderation::status(Target::Account(AUTHOR)), TargetStatus::default());
		// The appellant gets back the deposit but the jury fee (21 of 40).
		assert_eq!(held(AUTHOR, crate::HoldReason::Appeal), 0);
		assert_eq!(Balances::balance(&AUTHOR), 1_000 - 21);
		// The voting seats share the fee and what the no-show lost (14 a seat).
		let lost = 14 * absent_seats as u64;
		assert_eq!(Balances::total_balance(&absent), 1_000 - lost);
		let seats = 7 - absent_seats as u64;
		let share = (21 + lost) / seats;
		for (juror, juror_seats) in voters {
			assert_eq!(Balances::total_balance(juror), 1_000 + share * *juror_seats as u64);
			assert_eq!(Jurors::<Test>::get(juror).unwrap().duties, 0);
		}
		assert_eq!(pool(), 21 + lost - share * seats);
		System::assert_has_event(
			Event::AppealDecided {
				case_id: 0,
				overturned: true,
				overturn: seats as u32,
				keep: 0,
				paid: share * seats,
			}
			.into(),
		);
	});
}

/// Finding 2 of the moderation review: a confirmed appeal paid the whole deposit to the jurors and
/// an overturned one nothing, so keeping paid. Now the voters get the same whichever way they vote:
/// the jury fee and the no-shows' losses; the rest of a confirmed appeal's deposit goes to the pool.
#[test]
fn a_confirmed_appeal_pays_the_jurors_what_an_overturned_one_pays() {
	let run = |overturn: bool| {
		let mut paid = 0;
		test(|| {
			reported_post(0);
			uphold(0);
			jurors(10);
			let jury = by_seats(&appeal_and_draw(0));
			for (juror, _) in &jury {
				assert_ok!(Moderation::jury_vote(RuntimeOrigin::signed(*juror), 0, overturn));
			}
			run_to(System::block_number() + 5);
			assert_eq!(matches!(status(0), CaseStatus::Overturned { .. }), overturn);
			paid = jury.iter().map(|(juror, _)| Balances::total_balance(juror) - 1_000).sum();
			// The appellant loses the fee either way, and the rest only if the decision stands.
			let expected = if overturn { 1_000 - 21 } else { 1_000 - 40 };
			assert_eq!(Balances::total_balance(&AUTHOR), expected);
			assert_eq!(pool(), if overturn { 0 } else { 19 });
		});
		paid
	};
	assert_eq!(run(true), 21);
	assert_eq!(run(false), 21);
}

#[test]
fn too_few_jury_seats_voting_keep_the_decision_even_if_all_overturn() {
	test(|| {
		let post = reported_post(0);
		uphold(0);
		jurors(7);
		let jury = by_seats(&appeal_and_draw(0));
		// Jurors vote to overturn while their seats stay under the quorum of five.
		let mut cast = 0;
		let mut absent = Vec::new();
		for (juror, seats) in &jury {
			if cast + seats < 5 {
				cast += seats;
				assert_ok!(Moderation::jury_vote(RuntimeOrigin::signed(*juror), 0, true));
			} else {
				absent.push((*juror, *seats));
			}
		}
		run_to(System::block_number() + 5);
		assert!(matches!(status(0), CaseStatus::Confirmed { .. }), "{cast} seats, quorum 5");
		assert!(Moderation::is_hidden(post));
		// Each no-show loses 14 a seat; its bond falls under the minimum, so it leaves the pool
		// and gets the rest back.
		for (juror, seats) in &absent {
			assert!(Jurors::<Test>::get(juror).is_none());
			assert_eq!(Balances::total_balance(juror), 1_000 - 14 * *seats as u64);
		}
		assert_eq!(JurorCount::<Test>::get(), 7 - absent.len() as u32);
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

/// Finding 6 of the moderation review: a zero period scheduled a case's closing into a block whose
/// agenda had already run, so the case never closed and its deposits stayed held.
#[test]
fn zero_periods_are_refused() {
	test(|| {
		for periods in [
			Periods { case_voting: 0, appeal_window: 4, jury: 2 },
			Periods { case_voting: 3, appeal_window: 0, jury: 2 },
			Periods { case_voting: 3, appeal_window: 4, jury: 0 },
		] {
			assert_noop!(
				Moderation::set_periods(RuntimeOrigin::signed(GOV), periods),
				Error::<Test>::InvalidPeriods
			);
		}
	});
}

#[test]
#[should_panic(expected = "the genesis periods are not zero")]
fn a_genesis_with_a_zero_period_does_not_build() {
	let _ = crate::GenesisConfig::<Test> {
		periods: Some(Periods { case_voting: 0, appeal_window: 1, jury: 1 }),
		..Default::default()
	}
	.build_storage();
}

/// Finding 7: lifting one case (an overturned appeal) wiped what another upheld case enforced.
#[test]
fn lifting_one_case_keeps_what_other_upheld_cases_enforce() {
	test(|| {
		with_actions();
		jurors(10);
		// The post is hidden by two upheld cases (under two rules); the first is overturned.
		let post = reported_post(0);
		uphold(0);
		for who in [2, 3, 4] {
			assert_ok!(report(who, Target::Post(post), 1));
		}
		uphold(1);
		let jury = appeal_and_draw(0);
		for juror in &jury {
			assert_ok!(Moderation::jury_vote(RuntimeOrigin::signed(*juror), 0, true));
		}
		run_to(System::block_number() + 5);
		assert!(matches!(status(0), CaseStatus::Overturned { .. }));
		assert!(Moderation::is_hidden(post), "case 1 still hides it");

		// A long suspension and a shorter one upheld after it: overturning the long one leaves
		// the short one in force.
		let mut long = rule("long");
		long.action = RuleAction::Suspend { blocks: 100 };
		assert_ok!(Moderation::retire_rule(RuntimeOrigin::signed(GOV), LABEL));
		assert_ok!(Moderation::add_rule(RuntimeOrigin::signed(GOV), long));
		let long_rule = 4;
		let other = add_post(AUTHOR);
		for who in [2, 3, 4] {
			assert_ok!(report(who, Target::Post(other), long_rule));
		}
		uphold(2);
		let long_end = System::block_number() + 100;
		for who in [2, 3, 4] {
			assert_ok!(report(who, Target::Account(AUTHOR), SUSPEND));
		}
		uphold(3);
		let short_end = System::block_number() + 20;
		assert_eq!(Moderation::status(Target::Account(AUTHOR)).suspended_until, Some(long_end));
		let jury = appeal_and_draw(2);
		for juror in &jury {
			assert_ok!(Moderation::jury_vote(RuntimeOrigin::signed(*juror), 2, true));
		}
		run_to(System::block_number() + 5);
		assert!(matches!(status(2), CaseStatus::Overturned { .. }));
		assert_eq!(Moderation::status(Target::Account(AUTHOR)).suspended_until, Some(short_end));
		assert!(Moderation::is_suspended(&AUTHOR));
	});
}

/// Finding 8: reports that reached the threshold while another case on the target was voting never
/// opened a case of their own, and a full waiting list locked that rule on that target for good.
#[test]
fn waiting_reports_open_their_case_when_the_voting_one_closes() {
	test(|| {
		let post = reported_post(0);
		// Five reporters (the most) wait under rule 1 while case 0 votes; a sixth is refused.
		for who in 10..15 {
			assert_ok!(report(who, Target::Post(post), 1));
		}
		assert_eq!(Pending::<Test>::get(Target::Post(post), 1).len(), 5);
		assert_noop!(report(15, Target::Post(post), 1), Error::<Test>::TooManyReporters);
		run_to(closes(0));
		assert!(matches!(status(0), CaseStatus::Rejected { .. }));
		// Case 1 opened with the waiting reports at once.
		assert_eq!(OpenCase::<Test>::get(Target::Post(post)), Some(1));
		let case = Cases::<Test>::get(1).unwrap();
		assert_eq!((case.rule, case.reporters.into_inner()), (1, vec![10, 11, 12, 13, 14]));
		assert!(Pending::<Test>::iter_prefix(Target::Post(post)).next().is_none());
		// Once it closes the rule is open to reports again.
		uphold(1);
		assert_ok!(report(15, Target::Post(post), 1));
	});
}

#[test]
fn waiting_reports_under_a_retired_rule_get_their_deposits_back() {
	test(|| {
		let post = reported_post(0);
		for who in [10, 11, 12] {
			assert_ok!(report(who, Target::Post(post), 1));
		}
		assert_ok!(Moderation::retire_rule(RuntimeOrigin::signed(GOV), 1));
		run_to(closes(0));
		assert_eq!(OpenCase::<Test>::get(Target::Post(post)), None);
		for who in [10, 11, 12] {
			assert_eq!(held(who, crate::HoldReason::Report), 0);
		}
	});
}

/// Finding 3: the quorum was a fixed 100, and a 1-planck vote was enough to keep out of a jury.
#[test]
fn the_turnout_needed_scales_with_active_issuance_and_votes_have_a_minimum() {
	test(|| {
		// 0.1% of the 40,000 issued is under the least turnout of 100.
		assert_eq!(Moderation::turnout_needed(), 100);
		assert_noop!(
			Moderation::set_case_quorum(RuntimeOrigin::signed(2), sp_runtime::Perbill::one()),
			DispatchError::BadOrigin
		);
		let one_percent = sp_runtime::Perbill::from_percent(1);
		assert_ok!(Moderation::set_case_quorum(RuntimeOrigin::signed(GOV), one_percent));
		System::assert_last_event(Event::CaseQuorumChanged { quorum: one_percent }.into());
		assert_eq!(Moderation::turnout_needed(), 400);
		// The 200 that upheld a case before is no longer enough, 400 is; issuance minted later
		// raises the bar.
		let post = reported_post(0);
		assert_ok!(vote(5, 0, true, 200));
		run_to(closes(0));
		assert!(matches!(status(0), CaseStatus::Rejected { .. }));
		for who in [2, 3, 4] {
			assert_ok!(report(who, Target::Post(post), 0));
		}
		assert_ok!(vote(5, 1, true, 400));
		run_to(closes(1));
		assert!(matches!(status(1), CaseStatus::Upheld { .. }));
		assert_ok!(Balances::mint_into(&39, 60_000));
		assert!((990..=1_000).contains(&Moderation::turnout_needed()));
	});
}

/// Finding 1: the pool was capped (a fixed sum filled it and nobody could join after) and the draw
/// was uniform per account. Now a full pool lets a larger bond take the smallest one's place.
#[test]
fn a_larger_bond_takes_the_place_of_the_smallest_in_a_full_pool() {
	test(|| {
		for who in 20..40 {
			assert_ok!(Moderation::join_jury_pool(RuntimeOrigin::signed(who), 100 + who));
		}
		assert_eq!(JurorCount::<Test>::get(), 20);
		assert_noop!(
			Moderation::join_jury_pool(RuntimeOrigin::signed(2), 120),
			Error::<Test>::JuryPoolFull
		);
		assert_ok!(Moderation::join_jury_pool(RuntimeOrigin::signed(2), 121));
		System::assert_has_event(Event::JurorEvicted { who: 20, bond: 120 }.into());
		assert!(Jurors::<Test>::get(20).is_none());
		assert_eq!(held(20, crate::HoldReason::JurorBond), 0);
		assert_eq!(JurorCount::<Test>::get(), 20);
		assert_eq!(held(2, crate::HoldReason::JurorBond), 121);
	});
}

/// Seats drawn for case 0 over `draws` seeds with a pool of `(account, bond)`: how many each
/// account got in all.
fn seats_over_seeds(pool: &[(u64, u64)], draws: u64) -> std::collections::BTreeMap<u64, u64> {
	let mut seats = std::collections::BTreeMap::new();
	for seed in 0..draws {
		test(|| {
			set_entropy(seed);
			// The bonds minted here would raise the turnout needed above the one voter's balance.
			crate::CaseQuorum::<Test>::put(sp_runtime::Perbill::zero());
			for &(who, bond) in pool {
				assert_ok!(Balances::mint_into(&who, bond));
				assert_ok!(Moderation::join_jury_pool(RuntimeOrigin::signed(who), bond));
			}
			reported_post(0);
			uphold(0);
			for juror in appeal_and_draw(0) {
				*seats.entry(juror).or_default() += 1;
			}
		});
	}
	seats
}

/// Splitting a bond across ten accounts does not change what the stake is drawn for: 1,000 bonded
/// as one account or as ten of 100, against nine honest jurors of 1,000 each, gets a tenth of the
/// seats either way (400 draws of 7 seats; a tenth is 280 seats, the standard deviation about 16;
/// tolerance 60).
#[test]
fn splitting_a_bond_across_accounts_draws_the_same_share_of_seats() {
	let honest: Vec<(u64, u64)> = (30..39).map(|who| (who, 1_000)).collect();
	let share = |attacker: &[(u64, u64)]| {
		let pool: Vec<_> = attacker.iter().chain(&honest).copied().collect();
		let seats = seats_over_seeds(&pool, 400);
		attacker.iter().map(|(who, _)| seats.get(who).copied().unwrap_or(0)).sum::<u64>()
	};
	let whole = share(&[(10, 1_000)]);
	let split = share(&(10..20).map(|who| (who, 100)).collect::<Vec<_>>());
	eprintln!("seats of 2,800: one account of 1,000 {whole}, ten accounts of 100 {split}");
	for seats in [whole, split] {
		assert!(seats.abs_diff(280) <= 60, "{seats} seats of 2,800, expected about 280");
	}
	assert!(whole.abs_diff(split) <= 80, "one account {whole}, ten accounts {split}");
}

/// A 10,000-KITH attacker against 1,000,000 of honest bonds gets about 1% of the seats and never the
/// majority of a jury (1,000 draws of 7 seats: about 70 seats, standard deviation about 8.3;
/// tolerance 30). Under the old uniform draw per account it would have held one account in twenty.
#[test]
fn an_attacker_is_drawn_in_proportion_to_its_stake() {
	let mut pool = vec![(10, 10_000)];
	pool.extend((20..39).map(|who| (who, 1_000_000 / 19)));
	let mut majority = 0;
	let mut attacker = 0;
	for seed in 0..1_000 {
		test(|| {
			set_entropy(seed);
			crate::CaseQuorum::<Test>::put(sp_runtime::Perbill::zero());
			for &(who, bond) in &pool {
				assert_ok!(Balances::mint_into(&who, bond));
				assert_ok!(Moderation::join_jury_pool(RuntimeOrigin::signed(who), bond));
			}
			reported_post(0);
			uphold(0);
			let seats = appeal_and_draw(0).iter().filter(|j| **j == 10).count() as u64;
			attacker += seats;
			majority += u64::from(seats >= 4);
		});
	}
	eprintln!("attacker seats: {attacker} of 7,000; juries with an attacker majority: {majority}");
	assert!(attacker.abs_diff(70) <= 30, "{attacker} seats of 7,000, expected about 70");
	assert_eq!(majority, 0);
}

/// Finding 4: an identity that moved to a fresh key left its suspension and labels on the old key.
#[test]
fn an_identity_move_takes_the_enforcement_on_the_account_along() {
	use kith_primitives::OnIdentityMoved;
	test(|| {
		with_actions();
		for who in [2, 3, 4] {
			assert_ok!(report(who, Target::Account(AUTHOR), SUSPEND));
		}
		uphold(0);
		let until = Moderation::status(Target::Account(AUTHOR)).suspended_until;
		assert!(until.is_some());
		assert_ok!(<Moderation as OnIdentityMoved<u64>>::on_identity_moved(&AUTHOR, &9));
		assert!(!Moderation::is_suspended(&AUTHOR));
		assert!(Moderation::is_suspended(&9));
		assert_eq!(Moderation::status(Target::Account(9)).suspended_until, until);
		System::assert_last_event(Event::EnforcementMoved { from: AUTHOR, to: 9 }.into());
	});
}

#[test]
fn a_case_pending_at_a_move_enforces_on_the_new_key_which_alone_can_appeal() {
	use crate::{Accused, MovedTo, RootOf};
	use kith_primitives::OnIdentityMoved;
	let moved = |from: u64, to: u64| {
		<Moderation as OnIdentityMoved<u64>>::on_identity_moved(&from, &to).unwrap()
	};
	test(|| {
		with_actions();
		jurors(7);
		// A suspension case on the author's account is voting when the identity moves to 50.
		for who in [2, 3, 4] {
			assert_ok!(report(who, Target::Account(AUTHOR), SUSPEND));
		}
		moved(AUTHOR, 50);
		uphold(0);
		assert!(Moderation::is_suspended(&50), "the case enforces on the key that holds it");
		assert!(!Moderation::is_suspended(&AUTHOR));

		// Moved again, to 51: the old keys cannot appeal, the new one can, and an overturn lifts
		// the suspension there.
		moved(50, 51);
		assert!(Moderation::is_suspended(&51));
		for who in [AUTHOR, 50] {
			assert_noop!(
				Moderation::appeal(RuntimeOrigin::signed(who), 0),
				Error::<Test>::NotAffected
			);
		}
		assert_ok!(Balances::mint_into(&51, 100));
		assert_ok!(Moderation::appeal(RuntimeOrigin::signed(51), 0));
		run_to(System::block_number() + 1);
		let jury = Cases::<Test>::get(0).unwrap().appeal.unwrap().jury;
		assert!(!jury.contains(&51));
		for juror in jury.iter().collect::<std::collections::BTreeSet<_>>() {
			assert_ok!(Moderation::jury_vote(RuntimeOrigin::signed(*juror), 0, true));
		}
		let decides_at = Cases::<Test>::get(0).unwrap().appeal.unwrap().decides_at.unwrap();
		run_to(decides_at);
		assert!(matches!(status(0), CaseStatus::Overturned { .. }));
		assert!(!Moderation::is_suspended(&51));

		// Once the case is final and swept, nothing of the moves is kept.
		assert_eq!((Accused::<Test>::iter().count(), MovedTo::<Test>::iter().count()), (0, 0));
		assert_eq!(RootOf::<Test>::iter().count(), 0);
	});
}

#[test]
fn an_identity_that_moves_back_to_its_first_key_keeps_its_cases() {
	use kith_primitives::OnIdentityMoved;
	test(|| {
		with_actions();
		let post = add_post(AUTHOR);
		for who in [2, 3, 4] {
			assert_ok!(report(who, Target::Post(post), SUSPEND));
		}
		for (from, to) in [(AUTHOR, 50), (50, AUTHOR)] {
			assert_ok!(<Moderation as OnIdentityMoved<u64>>::on_identity_moved(&from, &to));
		}
		uphold(0);
		assert!(Moderation::is_suspended(&AUTHOR));
		assert!(!Moderation::is_suspended(&50));
	});
}

#[test]
fn a_move_to_a_key_with_cases_of_its_own_is_refused() {
	use kith_primitives::OnIdentityMoved;
	test(|| {
		with_actions();
		for who in [2, 3, 4] {
			assert_ok!(report(who, Target::Account(50), SUSPEND));
		}
		assert_noop!(
			<Moderation as OnIdentityMoved<u64>>::on_identity_moved(&AUTHOR, &50),
			Error::<Test>::TargetAccused
		);
		assert_ok!(<Moderation as OnIdentityMoved<u64>>::on_identity_moved(&AUTHOR, &51));
	});
}

// Conviction.

#[test]
fn conviction_multiplies_a_vote_and_freezes_it_for_its_lock_periods() {
	test(|| {
		VoteLockingPeriod::set(20);
		reported_post(0);
		// 100 with Locked3x counts 300; 250 without conviction counts 25.
		assert_ok!(vote_with(5, 0, true, 100, Conviction::Locked3x));
		assert_ok!(vote_with(6, 0, false, 250, Conviction::None));
		let case = Cases::<Test>::get(0).unwrap();
		assert_eq!((case.uphold, case.reject, case.support), (300, 25, 350));
		let closed = closes(0);
		run_to(closed);
		assert!(matches!(status(0), CaseStatus::Upheld { .. }));

		// Without conviction the freeze ends with the case; Locked3x holds for 4 periods of 20.
		for who in [5, 6] {
			assert_ok!(Moderation::unlock(RuntimeOrigin::signed(9), who));
		}
		assert_eq!((frozen(5), frozen(6)), (100, 0));
		run_to(closed + 79);
		assert_ok!(Moderation::unlock(RuntimeOrigin::signed(9), 5));
		assert_eq!(frozen(5), 100);
		run_to(closed + 80);
		assert_ok!(Moderation::unlock(RuntimeOrigin::signed(9), 5));
		assert_eq!(frozen(5), 0);
	});
}

#[test]
fn lowering_the_conviction_of_a_vote_does_not_shorten_its_freeze() {
	test(|| {
		VoteLockingPeriod::set(20);
		reported_post(0);
		assert_ok!(vote_with(5, 0, true, 100, Conviction::Locked6x));
		assert_ok!(vote_with(5, 0, true, 100, Conviction::None));
		assert_eq!(Cases::<Test>::get(0).unwrap().uphold, 10, "the new vote counts as it says");
		assert_eq!(VoteLocks::<Test>::get(5)[0].2, closes(0) + 32 * 20, "the freeze stays");
	});
}

#[test]
fn conviction_does_not_help_a_small_stake_reach_the_quorum() {
	test(|| {
		// The attacker's 20 with Locked6x outweighs an honest 100 without conviction (120 to 10),
		// but the support is what the quorum counts: 20 alone is below the least turnout (100),
		// and a split of the same 20 across accounts adds up to the same support.
		reported_post(0);
		for who in [5, 6] {
			assert_ok!(vote_with(who, 0, true, 10, Conviction::Locked6x));
		}
		let case = Cases::<Test>::get(0).unwrap();
		assert_eq!((case.uphold, case.support), (120, 20));
		run_to(closes(0));
		assert!(matches!(status(0), CaseStatus::Rejected { .. }));

		// With the quorum reached, conviction trades freeze time for weight at the same rate for
		// everyone: the attacker's 20 frozen for 32 periods (Locked6x, 120) loses to an honest 100
		// frozen for 2 (Locked2x, 200).
		let post = add_post(AUTHOR);
		for who in [2, 3, 4] {
			assert_ok!(report(who, Target::Post(post), 0));
		}
		for who in [5, 6] {
			assert_ok!(vote_with(who, 1, true, 10, Conviction::Locked6x));
		}
		assert_ok!(vote_with(7, 1, false, 100, Conviction::Locked2x));
		let case = Cases::<Test>::get(1).unwrap();
		assert_eq!((case.uphold, case.reject, case.support), (120, 200, 120));
		run_to(closes(1));
		assert!(matches!(status(1), CaseStatus::Rejected { .. }));
	});
}

// Cleanup.

#[test]
fn the_votes_of_a_case_are_cleared_once_it_is_final() {
	test(|| {
		with_actions();
		// Case 0 is upheld and can be appealed for 10 blocks; case 1 is rejected.
		reported_post(0);
		assert_ok!(vote(6, 0, true, 150));
		uphold(0);
		let post = add_post(AUTHOR);
		for who in [2, 3, 4] {
			assert_ok!(report(who, Target::Post(post), 0));
		}
		assert_ok!(vote(7, 1, false, 150));
		run_to(closes(1));
		assert!(matches!(status(1), CaseStatus::Rejected { .. }));
		// Case 0's votes still keep 5 and 6 off an appeal's jury; case 1's wait behind it.
		assert_eq!(CaseVotes::<Test>::iter_prefix(0).count(), 2);
		assert_eq!(CaseVotes::<Test>::iter_prefix(1).count(), 1);
		assert_eq!(VoteSweep::<Test>::get(), 0);

		let CaseStatus::Upheld { at } = status(0) else { unreachable!() };
		run_to(at + 10);
		assert_eq!(CaseVotes::<Test>::iter_prefix(0).count(), 2, "the last block of the window");
		run_to(at + 11);
		assert_eq!(CaseVotes::<Test>::iter().count(), 0);
		assert_eq!(VoteSweep::<Test>::get(), 2);
	});
}

#[test]
fn a_case_with_more_votes_than_a_batch_is_cleared_over_several_blocks() {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		reported_post(0);
		// Votes as a case with many voters has them (without their tally: it is rejected).
		for voter in 0..2 * SWEEP_BATCH + 1 {
			let vote = CaseVote { uphold: true, amount: 5, conviction: Conviction::None };
			CaseVotes::<Test>::insert(0, 1_000 + voter as u64, vote);
		}
		run_to(closes(0) - 1);
	});
	// Each block's changes go to the database, as on a chain: a deletion limit counts the keys
	// stored there.
	let mut blocks = 0;
	while ext.execute_with(|| CaseVotes::<Test>::iter_prefix(0).next().is_some()) {
		ext.commit_all().unwrap();
		ext.execute_with(|| run_to(System::block_number() + 1));
		blocks += 1;
	}
	// The closing block and two more.
	assert_eq!(blocks, 3);
	ext.execute_with(|| {
		assert!(matches!(status(0), CaseStatus::Rejected { .. }));
		assert_eq!(VoteSweep::<Test>::get(), 1);
		Moderation::do_try_state().expect("invariants hold");
	});
}

#[test]
fn on_idle_does_no_cleanup_without_spare_weight() {
	use frame_support::{traits::Hooks, weights::Weight};
	test(|| {
		reported_post(0);
		assert_ok!(vote(5, 0, false, 150));
		run_to(closes(0) - 1);
		let closing = closes(0);
		System::set_block_number(closing);
		Moderation::on_initialize(closing);
		assert!(matches!(status(0), CaseStatus::Rejected { .. }));
		assert_eq!(Moderation::on_idle(closing, Weight::zero()), Weight::zero());
		assert_eq!(CaseVotes::<Test>::iter_prefix(0).count(), 1);
		assert!(Moderation::on_idle(closing, Weight::MAX).any_gt(Weight::zero()));
		assert_eq!(CaseVotes::<Test>::iter_prefix(0).count(), 0);
	});
}

#[test]
fn an_enforcement_record_whose_suspensions_are_over_is_removed_and_labels_stay() {
	test(|| {
		with_actions();
		let account = Target::Account(AUTHOR);
		for (case, rule) in [(0, SUSPEND), (1, LABEL)] {
			for who in [2, 3, 4] {
				assert_ok!(report(who, account.clone(), rule));
			}
			uphold(case);
		}
		// Another account is only suspended.
		let suspended = Target::Account(AUTHOR + 10);
		for who in [2, 3, 4] {
			assert_ok!(report(who, suspended.clone(), SUSPEND));
		}
		uphold(2);
		assert!(Enforced::<Test>::contains_key(&suspended));
		// Suspensions last 20 blocks.
		run_to(System::block_number() + 21);
		assert!(!Enforced::<Test>::contains_key(&suspended));
		assert_eq!(Moderation::status(account).labels, vec![LABEL]);
		assert_eq!(Enforced::<Test>::get(Target::Account(AUTHOR)).unwrap().cases.len(), 1);
	});
}
