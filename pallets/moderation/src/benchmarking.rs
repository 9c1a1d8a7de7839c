//! Benchmarks of the moderation pallet, each at its worst case (the longest titles and descriptions,
//! a full rulebook).

use super::*;
use alloc::vec;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{pallet_prelude::Get, traits::EnsureOrigin, BoundedVec};

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

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
