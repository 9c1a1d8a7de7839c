//! The rulebook: checking, adding, amending and retiring rules, and reading it.

use crate::*;
use alloc::{collections::btree_set::BTreeSet, vec::Vec};
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Checks that every period is at least one block: a zero period would schedule a closing
	/// or a decision into a block whose agenda already ran, and the case would never end.
	pub(crate) fn check_periods(periods: &Periods<BlockNumberFor<T>>) -> DispatchResult {
		let Periods { case_voting, appeal_window, jury } = *periods;
		ensure!(
			!case_voting.is_zero() && !appeal_window.is_zero() && !jury.is_zero(),
			Error::<T>::InvalidPeriods
		);
		Ok(())
	}

	/// Checks a proposed rule: a non-empty UTF-8 title, a UTF-8 description or a CID.
	pub(crate) fn check(rule: &RuleInputOf<T>) -> DispatchResult {
		ensure!(!rule.title.is_empty(), Error::<T>::EmptyTitle);
		let utf8 =
			|bytes: &[u8]| core::str::from_utf8(bytes).map(|_| ()).map_err(|_| Error::<T>::NotUtf8);
		utf8(&rule.title)?;
		match &rule.description {
			RuleDescription::Text(text) => {
				utf8(text)?;
			},
			RuleDescription::Content(cid) => {
				ensure!(kith_primitives::is_valid_cid(cid), Error::<T>::InvalidContentRef)
			},
		}
		Ok(())
	}

	/// The stored form of `rule` under `id`, set by `version`.
	pub(crate) fn rule(id: RuleId, rule: RuleInputOf<T>, version: Version) -> RuleOf<T> {
		Rule { id, title: rule.title, description: rule.description, action: rule.action, version }
	}

	/// Stores `rule` under the next id and returns the id.
	pub(crate) fn insert_new(rule: RuleInputOf<T>, version: Version) -> RuleId {
		let id = NextRuleId::<T>::mutate(|next| {
			let id = *next;
			*next += 1;
			id
		});
		Rules::<T>::insert(id, Self::rule(id, rule, version));
		RuleCount::<T>::mutate(|count| *count += 1);
		id
	}

	/// Sets the new `version` and announces the changed rules.
	pub(crate) fn changed(
		version: Version,
		added: Vec<RuleId>,
		amended: Vec<RuleId>,
		retired: Vec<RuleId>,
	) {
		RulebookVersion::<T>::put(version);
		// Each list holds at most MaxRules ids: the rulebook had or has at most that many rules.
		let bound = |ids: Vec<RuleId>| BoundedVec::truncate_from(ids);
		Self::deposit_event(Event::RulebookChanged {
			version,
			added: bound(added),
			amended: bound(amended),
			retired: bound(retired),
		});
	}

	/// Replaces the rulebook (see [`Pallet::set_rulebook`]).
	pub(crate) fn do_set_rulebook(
		entries: BoundedVec<RulebookEntryOf<T>, T::MaxRules>,
	) -> DispatchResult {
		let mut kept = BTreeSet::new();
		for entry in &entries {
			Self::check(&entry.rule)?;
			if let Some(id) = entry.id {
				ensure!(Rules::<T>::contains_key(id), Error::<T>::UnknownRule);
				ensure!(kept.insert(id), Error::<T>::DuplicateRule);
			}
		}

		let version = RulebookVersion::<T>::get() + 1;
		let mut retired: Vec<RuleId> =
			Rules::<T>::iter_keys().filter(|id| !kept.contains(id)).collect();
		retired.sort();
		for id in &retired {
			Rules::<T>::remove(id);
		}
		RuleCount::<T>::put(kept.len() as u32);
		let (mut added, mut amended) = (Vec::new(), Vec::new());
		for RulebookEntry { id, rule } in entries {
			match id {
				None => added.push(Self::insert_new(rule, version)),
				Some(id) => {
					let old = Rules::<T>::get(id).expect("checked above");
					if (&old.title, &old.description, &old.action)
						!= (&rule.title, &rule.description, &rule.action)
					{
						Rules::<T>::insert(id, Self::rule(id, rule, version));
						amended.push(id);
					}
				},
			}
		}
		Self::changed(version, added, amended, retired);
		Ok(())
	}

	/// The rulebook in force, rules by id.
	pub fn rulebook() -> Rulebook<BlockNumberFor<T>> {
		let mut rules: Vec<_> = Rules::<T>::iter_values().collect();
		rules.sort_by_key(|rule| rule.id);
		Rulebook { version: RulebookVersion::<T>::get(), rules }
	}
}
