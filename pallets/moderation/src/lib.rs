//! # Moderation pallet
//!
//! Kith's moderation is decided by its users. This pallet keeps the **rulebook** they vote on: the rules
//! content and accounts must follow, and what happens when a report against a rule is upheld. Reports,
//! cases and appeals build on it and reference a rule by `(rule id, rulebook version)`.
//!
//! ## Terminology
//! - **Rule**: an id, a title (UTF-8, at most 64 bytes), a description (UTF-8 text of at most 1,024
//!   bytes, or the IPFS CID of a longer text) and a [`RuleAction`]: `Label`, `Hide` or `Suspend { blocks
//!   }`.
//! - **Rule id**: given once from a counter, kept when the rule is amended, never reused after the rule
//!   is retired.
//! - **Rulebook version**: grows by one with every change; each rule records the version that last set
//!   it.
//!
//! ## Calls
//! All from [`Config::RulesOrigin`] (in the Kith runtime: a referendum on the `moderation_rules` track):
//! - [`Pallet::set_rulebook`]: replaces the whole rulebook at once. Entries with an id keep (and may
//!   amend) that rule, entries without one add rules, and rules left out are retired.
//! - [`Pallet::add_rule`], [`Pallet::amend_rule`], [`Pallet::retire_rule`]: one rule at a time.
//!
//! ## Storage
//! `Rules` (id → [`Rule`], at most [`Config::MaxRules`]), `RuleCount`, `NextRuleId`,
//! `RulebookVersion`. The rulebook is set at genesis from the chain spec.
//!
//! ## Economics
//! No deposits: only governance writes here, and a referendum already holds its own deposits.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

/// The community rulebook.
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::{collections::btree_set::BTreeSet, vec::Vec};
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// A rule in a runtime.
	pub type RuleOf<T> = Rule<BlockNumberFor<T>>;
	/// A proposed rule in a runtime.
	pub type RuleInputOf<T> = RuleInput<BlockNumberFor<T>>;
	/// A `set_rulebook` entry in a runtime.
	pub type RulebookEntryOf<T> = RulebookEntry<BlockNumberFor<T>>;
	/// The rule changes of one rulebook change in a runtime.
	pub type RuleChangesOf<T> = RuleChanges<<T as Config>::MaxRules>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who may change the rulebook.
		type RulesOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The most rules the rulebook holds.
		#[pallet::constant]
		type MaxRules: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The rules in force, by id.
	#[pallet::storage]
	pub type Rules<T: Config> = StorageMap<_, Twox64Concat, RuleId, RuleOf<T>>;

	/// How many rules are in force.
	#[pallet::storage]
	pub type RuleCount<T> = StorageValue<_, u32, ValueQuery>;

	/// The id the next new rule gets.
	#[pallet::storage]
	pub type NextRuleId<T> = StorageValue<_, RuleId, ValueQuery>;

	/// The rulebook's version: one more with every change.
	#[pallet::storage]
	pub type RulebookVersion<T> = StorageValue<_, Version, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The first rulebook (version 1 if not empty) as (title, UTF-8 description, action, with
		/// suspensions in blocks); ids are given from 0 in this order.
		pub rules: Vec<(Vec<u8>, Vec<u8>, RuleAction<u32>)>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let entries: Vec<_> = self
				.rules
				.iter()
				.map(|(title, description, action)| RulebookEntry {
					id: None,
					rule: RuleInput {
						title: title.clone().try_into().expect("a genesis rule title fits"),
						description: RuleDescription::Text(
							description.clone().try_into().expect("a genesis rule text fits"),
						),
						action: match *action {
							RuleAction::Label => RuleAction::Label,
							RuleAction::Hide => RuleAction::Hide,
							RuleAction::Suspend { blocks } => {
								RuleAction::Suspend { blocks: blocks.into() }
							},
						},
					},
				})
				.collect();
			let entries = entries.try_into().expect("the genesis rulebook fits MaxRules");
			if !self.rules.is_empty() {
				Pallet::<T>::do_set_rulebook(entries).expect("the genesis rulebook is valid");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The rulebook changed and is now at `version`.
		RulebookChanged {
			version: Version,
			added: BoundedVec<RuleId, T::MaxRules>,
			amended: BoundedVec<RuleId, T::MaxRules>,
			retired: BoundedVec<RuleId, T::MaxRules>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A rule needs a title.
		EmptyTitle,
		/// A title or description is not valid UTF-8.
		NotUtf8,
		/// A description's content reference is not an IPFS CID.
		InvalidContentRef,
		/// There is no rule in force with this id.
		UnknownRule,
		/// The same rule id appears twice.
		DuplicateRule,
		/// The rulebook would have more rules than allowed.
		TooManyRules,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Replaces the rulebook with `entries`: an entry with an id keeps that rule (amended if it
		/// differs), an entry without one adds a rule, and every rule left out is retired.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_rulebook(entries.len() as u32, T::MaxRules::get()))]
		pub fn set_rulebook(
			origin: OriginFor<T>,
			entries: BoundedVec<RulebookEntryOf<T>, T::MaxRules>,
		) -> DispatchResult {
			T::RulesOrigin::ensure_origin(origin)?;
			Self::do_set_rulebook(entries)
		}

		/// Adds `rule` with the next id.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::add_rule())]
		pub fn add_rule(origin: OriginFor<T>, rule: RuleInputOf<T>) -> DispatchResult {
			T::RulesOrigin::ensure_origin(origin)?;
			Self::check(&rule)?;
			ensure!(RuleCount::<T>::get() < T::MaxRules::get(), Error::<T>::TooManyRules);
			let version = RulebookVersion::<T>::get() + 1;
			let id = Self::insert_new(rule, version);
			Self::changed(version, alloc::vec![id], Vec::new(), Vec::new());
			Ok(())
		}

		/// Replaces the title, description and action of rule `id`, keeping its id.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::amend_rule())]
		pub fn amend_rule(
			origin: OriginFor<T>,
			id: RuleId,
			rule: RuleInputOf<T>,
		) -> DispatchResult {
			T::RulesOrigin::ensure_origin(origin)?;
			Self::check(&rule)?;
			ensure!(Rules::<T>::contains_key(id), Error::<T>::UnknownRule);
			let version = RulebookVersion::<T>::get() + 1;
			Rules::<T>::insert(id, Self::rule(id, rule, version));
			Self::changed(version, Vec::new(), alloc::vec![id], Vec::new());
			Ok(())
		}

		/// Retires rule `id`; its id is never given again.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::retire_rule())]
		pub fn retire_rule(origin: OriginFor<T>, id: RuleId) -> DispatchResult {
			T::RulesOrigin::ensure_origin(origin)?;
			Rules::<T>::take(id).ok_or(Error::<T>::UnknownRule)?;
			RuleCount::<T>::mutate(|count| *count -= 1);
			let version = RulebookVersion::<T>::get() + 1;
			Self::changed(version, Vec::new(), Vec::new(), alloc::vec![id]);
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Checks a proposed rule: a non-empty UTF-8 title, a UTF-8 description or a CID.
		fn check(rule: &RuleInputOf<T>) -> DispatchResult {
			ensure!(!rule.title.is_empty(), Error::<T>::EmptyTitle);
			let utf8 = |bytes: &[u8]| {
				core::str::from_utf8(bytes).map(|_| ()).map_err(|_| Error::<T>::NotUtf8)
			};
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
		fn rule(id: RuleId, rule: RuleInputOf<T>, version: Version) -> RuleOf<T> {
			Rule {
				id,
				title: rule.title,
				description: rule.description,
				action: rule.action,
				version,
			}
		}

		/// Stores `rule` under the next id and returns the id.
		fn insert_new(rule: RuleInputOf<T>, version: Version) -> RuleId {
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
		fn changed(
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

		/// Checks the pallet's invariants: the count matches the rules, ids are below the next id and
		/// match their keys, no rule is newer than the rulebook.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
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
			Ok(())
		}
	}
}
