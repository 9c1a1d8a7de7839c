//! Tests of the quota pallet and its transaction extension, applied as a block would apply them.

use crate::{mock::*, *};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchClass, GetDispatchInfo},
	pallet_prelude::{InvalidTransaction, TransactionSource, TransactionValidityError},
	traits::{fungible::InspectHold, Hooks},
};
use frame_system::{CheckNonce, CheckWeight};
use pallet_transaction_payment::ChargeTransactionPayment;
use sp_runtime::{
	traits::{DispatchTransaction, TransactionExtension},
	transaction_validity::ValidTransaction,
	DispatchError, Perbill,
};

fn post() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![7; 100] })
}

fn react() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![1] })
}

/// Applies `call` from `who` at its next nonce with `tip`, as a block does: validation in the block,
/// preparation, dispatch, post-dispatch. The outer error is the transaction's invalidity.
fn apply(who: u64, call: RuntimeCall, tip: u64) -> Result<(), TransactionValidityError> {
	let ext = ChargeQuotaOrFee::<Test>::new(System::account_nonce(who), tip);
	let info = call.get_dispatch_info();
	let len = call.encoded_size();
	ext.dispatch_transaction(RuntimeOrigin::signed(who), call, &info, len, 0).map(|result| {
		assert_ok!(result);
	})
}

/// Validates `call` from `who` with `nonce` as the pool does.
fn validate(
	who: u64,
	nonce: u32,
	call: RuntimeCall,
) -> Result<ValidTransaction, TransactionValidityError> {
	let info = call.get_dispatch_info();
	let len = call.encoded_size();
	ChargeQuotaOrFee::<Test>::new(nonce, 0)
		.validate_only(
			RuntimeOrigin::signed(who),
			&call,
			&info,
			len,
			TransactionSource::External,
			0,
		)
		.map(|(valid, _, _)| valid)
}

/// Ends the block and starts block `n`.
fn next_block_at(n: u64) {
	Quota::on_finalize(System::block_number());
	frame_system::BlockWeight::<Test>::kill();
	System::set_block_number(n);
}

fn paid_events() -> Vec<(u64, SocialAction, u32, Credits)> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Quota(Event::QuotaPaid { who, action, cost, left }) => {
				Some((who, action, cost, left))
			},
			_ => None,
		})
		.collect()
}

/// An account with a handle and no balance, that exists (as a sponsored account will).
fn penniless_with_handle() -> u64 {
	System::inc_sufficients(&9);
	give_handle(9);
	9
}

#[test]
fn a_handle_gives_a_bar_that_pays_posts_instead_of_fees() {
	new_test_ext().execute_with(|| {
		give_handle(1);
		assert_eq!(Quota::bar_size(&1), 1_000);
		let before = Balances::free_balance(1);
		assert_ok!(apply(1, post(), 0));
		assert_eq!(Balances::free_balance(1), before, "no fee");
		assert_eq!(Quota::available(&1), 980);
		assert_eq!(paid_events(), vec![(1, SocialAction::Post, 20, 980)]);
		assert_ok!(apply(1, react(), 0));
		assert_eq!(Quota::available(&1), 978);
	});
}

#[test]
fn without_a_handle_or_a_bond_the_fee_is_paid() {
	new_test_ext().execute_with(|| {
		assert_eq!(Quota::bar_size(&1), 0);
		let before = Balances::free_balance(1);
		assert_ok!(apply(1, post(), 0));
		assert!(Balances::free_balance(1) < before);
		assert!(paid_events().is_empty());
	});
}

#[test]
fn a_social_action_that_pays_a_fee_gets_back_the_weight_of_the_bar_it_did_not_charge() {
	new_test_ext().execute_with(|| {
		let unused = <() as WeightInfo>::charge_quota() - <() as WeightInfo>::refuse_quota();
		assert!(unused.ref_time() > 0, "a refused bar writes nothing");
		let call = post();
		let ext = ChargeQuotaOrFee::<Test>::new(0, 0);
		let mut info = call.get_dispatch_info();
		info.extension_weight = ext.weight(&call);
		let post_info = ext
			.dispatch_transaction(RuntimeOrigin::signed(1), call, &info, 100, 0)
			.unwrap()
			.unwrap();
		assert!(paid_events().is_empty(), "the fee was paid");
		assert_eq!(post_info.actual_weight, Some(info.total_weight() - unused));
	});
}

#[test]
fn calls_that_are_not_social_actions_pay_the_fee() {
	new_test_ext().execute_with(|| {
		give_handle(1);
		let before = Balances::free_balance(1);
		let call = RuntimeCall::System(frame_system::Call::set_heap_pages { pages: 1 });
		let ext = ChargeQuotaOrFee::<Test>::new(0, 0);
		let info = call.get_dispatch_info();
		// Root-only: the dispatch fails, the fee is charged all the same.
		let result = ext.dispatch_transaction(RuntimeOrigin::signed(1), call, &info, 10, 0);
		assert_eq!(result.unwrap().unwrap_err().error, DispatchError::BadOrigin);
		assert!(Balances::free_balance(1) < before);
		assert_eq!(Quota::available(&1), 1_000);
	});
}

#[test]
fn a_tip_means_paying_the_fee() {
	new_test_ext().execute_with(|| {
		give_handle(1);
		let before = Balances::free_balance(1);
		assert_ok!(apply(1, post(), 5));
		assert!(Balances::free_balance(1) < before - 5);
		assert_eq!(Quota::available(&1), 1_000);
	});
}

#[test]
fn a_penniless_account_posts_fifty_times_a_day_then_is_refused_until_its_bar_refills() {
	new_test_ext().execute_with(|| {
		let who = penniless_with_handle();
		for _ in 0..50 {
			assert_ok!(apply(who, post(), 0));
		}
		assert_eq!(Quota::available(&who), 0);
		// The fee applies, and there is nothing to pay it with.
		assert_eq!(apply(who, post(), 0), Err(InvalidTransaction::Payment.into()));
		// A tenth of the period refills a tenth of the bar: five posts.
		next_block_at(1 + PERIOD / 10);
		assert_eq!(Quota::available(&who), 100);
		for _ in 0..5 {
			assert_ok!(apply(who, post(), 0));
		}
		assert_eq!(apply(who, post(), 0), Err(InvalidTransaction::Payment.into()));
		// A whole period later the bar is full again, and no fuller.
		next_block_at(1 + PERIOD / 10 + 2 * PERIOD);
		assert_eq!(Quota::available(&who), 1_000);
	});
}

#[test]
fn when_credits_run_short_an_account_with_funds_pays_the_fee() {
	new_test_ext().execute_with(|| {
		give_handle(1);
		for _ in 0..50 {
			assert_ok!(apply(1, post(), 0));
		}
		let before = Balances::free_balance(1);
		assert_ok!(apply(1, post(), 0));
		assert!(Balances::free_balance(1) < before);
		assert_eq!(paid_events().len(), 50);
	});
}

#[test]
fn the_pool_holds_no_more_quota_paid_transactions_of_a_sender_than_its_bar_covers() {
	new_test_ext().execute_with(|| {
		let who = penniless_with_handle();
		// 10,000 pre-signed posts, nonces 0 to 9,999, offered to the pool against the same state.
		let admitted = (0..10_000).filter(|&nonce| validate(who, nonce, post()).is_ok()).count();
		assert_eq!(admitted as u64, Quota::available(&who) / 20);
		assert_eq!(admitted, 50);
		// The one past the bar is refused for want of a fee.
		assert_eq!(validate(who, 50, post()), Err(InvalidTransaction::Payment.into()));
		// Reactions cost 2: five hundred fit.
		let reactions = (0..10_000).filter(|&nonce| validate(who, nonce, react()).is_ok()).count();
		assert_eq!(reactions, 500);
	});
}

#[test]
fn quota_paid_transactions_rank_below_every_fee_paying_one() {
	new_test_ext().execute_with(|| {
		give_handle(1);
		let quota = validate(1, 0, post()).unwrap();
		let fee = validate(2, 0, post()).unwrap();
		assert_eq!(quota.priority, 0);
		assert!(fee.priority > 0);
	});
}

#[test]
fn quota_paid_weight_in_a_block_stops_at_its_share_while_fees_still_get_in() {
	new_test_ext().execute_with(|| {
		// A share that fits fifty and a half posts.
		let one = post().get_dispatch_info().total_weight();
		let normal = <Test as frame_system::Config>::BlockWeights::get()
			.get(DispatchClass::Normal)
			.max_total
			.unwrap();
		let block_share = Perbill::from_rational(one.ref_time() * 101 / 2, normal.ref_time());
		assert_ok!(Quota::set_params(
			RuntimeOrigin::root(),
			QuotaParams { block_share, ..Default::default() }
		));
		let cap = Quota::block_cap();
		let accounts: Vec<u64> = (100..200).collect();
		for &who in &accounts {
			System::inc_sufficients(&who);
			give_handle(who);
		}
		let mut included = 0;
		let mut refused = 0;
		for &who in &accounts {
			match apply(who, post(), 0) {
				Ok(()) => included += 1,
				Err(e) => {
					assert_eq!(e, InvalidTransaction::ExhaustsResources.into());
					refused += 1;
				},
			}
			assert!(BlockUsage::<Test>::get().all_lte(cap));
		}
		assert_eq!((included, refused), (50, 50));
		// A paying user's post still gets in, and the refused ones fit in the next block.
		assert_ok!(apply(1, post(), 0));
		next_block_at(2);
		assert_ok!(apply(accounts[included], post(), 0));
	});
}

#[test]
fn bonding_enlarges_the_bar_and_unbonding_waits_a_period() {
	new_test_ext().execute_with(|| {
		assert_noop!(Quota::bond(RuntimeOrigin::signed(1), 99), Error::<Test>::BondTooSmall);
		assert_ok!(Quota::bond(RuntimeOrigin::signed(1), 250));
		// 2 units of 100 bonded, 1,000 credits each; no handle.
		assert_eq!(Quota::bar_size(&1), 2_000);
		assert_ok!(apply(1, post(), 0));
		assert_noop!(Quota::unbond(RuntimeOrigin::signed(1), 200), Error::<Test>::BondTooSmall);
		assert_ok!(Quota::unbond(RuntimeOrigin::signed(1), 250));
		assert_eq!(Quota::bar_size(&1), 0, "unbonding stops counting at once");
		assert_noop!(
			Quota::withdraw_unbonded(RuntimeOrigin::signed(1)),
			Error::<Test>::NothingToWithdraw
		);
		next_block_at(1 + PERIOD);
		assert_ok!(Quota::withdraw_unbonded(RuntimeOrigin::signed(1)));
		assert_eq!(Balances::balance_on_hold(&HoldReason::Bond.into(), &1), 0);
		assert!(Bonds::<Test>::get(1).is_none());
		assert_ok!(Quota::do_try_state());
	});
}

#[test]
fn splitting_stake_across_handles_gives_no_more_credits_than_bonding_it() {
	new_test_ext().execute_with(|| {
		// The runtime's rule: a unit of bond gives what a handle gives (`base` = `per_unit`), and a
		// handle's deposit is one unit. Stake of 10 units: one handle and 9 units bonded...
		let params = Params::<Test>::get();
		assert_eq!(params.base, params.per_unit);
		give_handle(1);
		assert_ok!(Quota::bond(RuntimeOrigin::signed(1), 900));
		let honest = Quota::bar_size(&1);
		// ...or ten handles (ten deposits) and nothing bonded.
		let sybils: Vec<u64> = (20..30).collect();
		sybils.iter().for_each(|&who| give_handle(who));
		let split: Credits = sybils.iter().map(Quota::bar_size).sum();
		assert_eq!(honest, 10_000);
		assert_eq!(split, honest);
	});
}

#[test]
fn one_bond_cannot_fill_two_bars_in_a_period() {
	new_test_ext().execute_with(|| {
		assert_ok!(Quota::bond(RuntimeOrigin::signed(1), 100));
		for _ in 0..50 {
			assert_ok!(apply(1, post(), 0));
		}
		// Moving the stake to a second account waits for the period: no second bar meanwhile.
		assert_ok!(Quota::unbond(RuntimeOrigin::signed(1), 100));
		assert_noop!(
			Quota::withdraw_unbonded(RuntimeOrigin::signed(1)),
			Error::<Test>::NothingToWithdraw
		);
		assert_eq!(Quota::available(&1), 0);
	});
}

#[test]
fn parameters_with_a_free_action_are_refused() {
	new_test_ext().execute_with(|| {
		let mut params = QuotaParams::default();
		params.costs.remove = 0;
		assert_noop!(
			Quota::set_params(RuntimeOrigin::root(), params.clone()),
			Error::<Test>::ZeroCost
		);
		assert_noop!(Quota::set_params(RuntimeOrigin::signed(1), params), DispatchError::BadOrigin);
	});
}

#[test]
fn the_extension_is_signed_and_described_exactly_as_the_three_it_replaces() {
	type Three = (CheckNonce<Test>, CheckWeight<Test>, ChargeTransactionPayment<Test>);
	let ours = ChargeQuotaOrFee::<Test>::new(7, 3);
	let theirs: Three =
		(CheckNonce::from(7), CheckWeight::new(), ChargeTransactionPayment::from(3));
	assert_eq!(ours.encode(), theirs.encode());
	let ids = |m: Vec<sp_runtime::traits::TransactionExtensionMetadata>| {
		m.into_iter().map(|m| (m.identifier, m.ty, m.implicit)).collect::<Vec<_>>()
	};
	assert_eq!(
		ids(<ChargeQuotaOrFee<Test> as TransactionExtension<RuntimeCall>>::metadata()),
		ids(<Three as TransactionExtension<RuntimeCall>>::metadata())
	);
}

#[test]
fn a_bare_transaction_is_counted_in_the_block_as_check_weight_counts_it() {
	new_test_ext().execute_with(|| {
		let call = post();
		let info = call.get_dispatch_info();
		assert_ok!(<ChargeQuotaOrFee<Test> as TransactionExtension<RuntimeCall>>::bare_validate_and_prepare(
			&call, &info, 100
		));
		let ours = System::block_weight().total();
		frame_system::BlockWeight::<Test>::kill();
		assert_ok!(<CheckWeight<Test> as TransactionExtension<RuntimeCall>>::bare_validate_and_prepare(
			&call, &info, 100
		));
		assert!(ours.ref_time() > info.total_weight().ref_time());
		assert_eq!(ours, System::block_weight().total());
	});
}

mod sponsors;
