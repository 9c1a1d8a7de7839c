//! Tests of the moderation pallet's rulebook on the mock runtime.

use crate::{
	mock::*, Error, Event, RuleAction, RuleCount, RuleDescription, RulebookEntry, RulebookVersion,
	Rules,
};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_runtime::DispatchError;

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
