//! A test runtime with System and Moderation; account 42 stands for the rules origin (a referendum on
//! the `moderation_rules` track in the real runtime). At most 4 rules.

use crate as pallet_moderation;
use frame_support::{derive_impl, traits::ConstU32};
use frame_system::EnsureSignedBy;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Moderation: pallet_moderation,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

frame_support::ord_parameter_types! {
	pub const RulesAccount: u64 = 42;
}

impl pallet_moderation::Config for Test {
	type RulesOrigin = EnsureSignedBy<RulesAccount, u64>;
	type MaxRules = ConstU32<4>;
	type WeightInfo = ();
}

/// A rule with `title`, a short text and the `Hide` action.
pub fn rule(title: &str) -> crate::RuleInputOf<Test> {
	crate::RuleInput {
		title: title.as_bytes().to_vec().try_into().unwrap(),
		description: crate::RuleDescription::Text(b"what it forbids".to_vec().try_into().unwrap()),
		action: crate::RuleAction::Hide,
	}
}

/// A chain whose genesis rulebook is "spam" (id 0) and "harassment" (id 1), version 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let hide = |title: &str| {
		(title.as_bytes().to_vec(), b"what it forbids".to_vec(), crate::RuleAction::Hide)
	};
	pallet_moderation::GenesisConfig::<Test> {
		rules: vec![hide("spam"), hide("harassment")],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test and then checks the pallet's invariants.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		Moderation::do_try_state().expect("invariants hold");
	});
}
