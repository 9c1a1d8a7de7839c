//! Sponsored onboarding: vouchers, their claim and refusals, and the end of a sponsorship.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	pallet_prelude::{InvalidTransaction, TransactionSource, TransactionValidityError, Weight},
	traits::{
		fungible::{Inspect, InspectFreeze, Mutate},
		tokens::Preservation,
		Authorize, Hooks,
	},
};
use frame_system::RawOrigin;
use sp_runtime::{testing::TestSignature, TokenError};

/// The sponsor (funded) and the new account (nothing at all).
const SPONSOR: u64 = 1;
const NEWCOMER: u64 = 9;
/// A voucher's backing in the mock: 3 units of 100.
const BACKING: u64 = 300;

fn voucher(account: u64, handle: &str, expires: u64) -> Voucher<u64, u64> {
	Voucher {
		sponsor: SPONSOR,
		account,
		handle: handle.as_bytes().to_vec().try_into().unwrap(),
		expires,
	}
}

/// The claim of `voucher` signed by its sponsor and account, for a profile named `name`.
fn claim(voucher: Voucher<u64, u64>, name: &str) -> Call<Test> {
	let display_name = name.as_bytes().to_vec();
	let sponsor_signature = TestSignature(voucher.sponsor, Quota::voucher_message(&voucher));
	let account_signature =
		TestSignature(voucher.account, Quota::claim_message(&voucher, &display_name, b"hi"));
	Call::claim_voucher {
		voucher,
		sponsor_signature,
		account_signature,
		display_name,
		bio: b"hi".to_vec(),
	}
}

/// Authorizes `call` as the pool and the block do, then dispatches it with the authorized origin.
fn submit(call: Call<Test>) -> Result<(), InvalidTransaction> {
	match call.authorize(TransactionSource::External).expect("the call authorizes itself") {
		Ok(_) => {
			let Call::claim_voucher {
				voucher,
				sponsor_signature,
				account_signature,
				display_name,
				bio,
			} = call
			else {
				unreachable!()
			};
			assert_ok!(Quota::claim_voucher(
				RawOrigin::Authorized.into(),
				voucher,
				sponsor_signature,
				account_signature,
				display_name,
				bio
			));
			Ok(())
		},
		Err(TransactionValidityError::Invalid(invalid)) => Err(invalid),
		Err(other) => panic!("unexpected refusal {other:?}"),
	}
}

/// The refusal of a claim for `error`.
fn refused(error: Error<Test>) -> Result<(), InvalidTransaction> {
	Err(InvalidTransaction::Custom(Quota::error_code(error)))
}

fn fund(amount: u64) {
	assert_ok!(Quota::fund_sponsorship(RuntimeOrigin::signed(SPONSOR), amount));
}

fn set_limits(limits: SponsorLimits) {
	let params = QuotaParams { sponsors: limits, ..Default::default() };
	assert_ok!(Quota::set_params(RuntimeOrigin::root(), params));
}

#[test]
fn a_zero_balance_account_claims_a_handle_and_profile_with_a_voucher() {
	new_test_ext().execute_with(|| {
		fund(1_000);
		assert_eq!(Balances::total_balance(&NEWCOMER), 0);
		assert_ok!(submit(claim(voucher(NEWCOMER, "newcomer", 50), "New Comer")));

		assert!(Quota::bar_size(&NEWCOMER) == 1_000, "a handle's bar");
		assert_eq!(claimed_by(NEWCOMER), Some((b"newcomer".to_vec(), b"New Comer".to_vec())));
		assert_eq!(System::sufficients(&NEWCOMER), 1);
		assert_eq!(Balances::total_balance(&NEWCOMER), BACKING);
		assert_eq!(Balances::balance_frozen(&FreezeReason::Sponsored.into(), &NEWCOMER), BACKING);
		let sponsor = Sponsors::<Test>::get(SPONSOR).unwrap();
		assert_eq!((sponsor.funds, sponsor.claimed, sponsor.accounts), (1_000 - BACKING, 1, 1));
		System::assert_has_event(
			Event::VoucherClaimed {
				sponsor: SPONSOR,
				account: NEWCOMER,
				handle: b"newcomer".to_vec(),
				backing: BACKING,
			}
			.into(),
		);
		assert_ok!(Quota::do_try_state());
	});
}

#[test]
fn the_backing_pays_deposits_but_cannot_be_sent_away() {
	new_test_ext().execute_with(|| {
		fund(1_000);
		assert_ok!(submit(claim(voucher(NEWCOMER, "newcomer", 50), "N")));
		assert_noop!(
			Balances::transfer(&NEWCOMER, &2, 50, Preservation::Expendable),
			TokenError::Frozen
		);
		// A deposit (a bond's hold stands for a post's here) can use it.
		assert_ok!(<Balances as frame_support::traits::fungible::MutateHold<u64>>::hold(
			&RuntimeHoldReason::Quota(HoldReason::Bond),
			&NEWCOMER,
			50
		));
	});
}

#[test]
fn expired_too_long_forged_and_reused_vouchers_are_refused() {
	new_test_ext().execute_with(|| {
		fund(10_000);
		System::set_block_number(60);
		assert_eq!(
			submit(claim(voucher(NEWCOMER, "late", 59), "N")),
			refused(Error::VoucherExpired)
		);
		let max = SponsorLimits::default().max_lifetime as u64;
		assert_eq!(
			submit(claim(voucher(NEWCOMER, "long", 60 + max + 1), "N")),
			refused(Error::VoucherTooLong)
		);

		// Signed by someone other than the sponsor named in it.
		let mut forged = claim(voucher(NEWCOMER, "forged", 100), "N");
		if let Call::claim_voucher { sponsor_signature, voucher, .. } = &mut forged {
			*sponsor_signature = TestSignature(2, Quota::voucher_message(voucher));
		}
		assert_eq!(submit(forged), refused(Error::BadSponsorSignature));
		// The account signed another profile than the one sent.
		let mut swapped = claim(voucher(NEWCOMER, "swapped", 100), "N");
		if let Call::claim_voucher { display_name, .. } = &mut swapped {
			*display_name = b"Someone else".to_vec();
		}
		assert_eq!(submit(swapped), refused(Error::BadAccountSignature));
		// Another handle than the sponsor's voucher names.
		let mut rehandled = claim(voucher(NEWCOMER, "mine", 100), "N");
		if let Call::claim_voucher { voucher, .. } = &mut rehandled {
			voucher.handle = b"theirs".to_vec().try_into().unwrap();
		}
		assert_eq!(submit(rehandled), refused(Error::BadSponsorSignature));
		assert!(Sponsored::<Test>::iter().next().is_none(), "nothing was claimed");

		let good = claim(voucher(NEWCOMER, "newcomer", 100), "N");
		assert_ok!(submit(good.clone()));
		assert_eq!(submit(good.clone()), refused(Error::VoucherUsed));
		// Still refused once the account has lost the handle and the sponsorship with it.
		drop_handle(NEWCOMER);
		assert_eq!(submit(good), refused(Error::VoucherUsed));
		assert_ok!(Quota::do_try_state());
	});
}

#[test]
fn a_sponsor_is_held_to_its_per_era_limit_and_its_funds() {
	new_test_ext().execute_with(|| {
		set_limits(SponsorLimits { vouchers_per_era: 2, ..Default::default() });
		assert_eq!(submit(claim(voucher(5, "five", 50), "N")), refused(Error::NotASponsor));
		fund(3 * BACKING);
		assert_ok!(submit(claim(voucher(5, "five", 50), "N")));
		assert_ok!(submit(claim(voucher(6, "six", 50), "N")));
		assert_eq!(
			submit(claim(voucher(7, "seven", 150), "N")),
			refused(Error::SponsorLimitReached)
		);
		// The next era (a regen period of 100 blocks) allows two more; the funds cover one.
		System::set_block_number(PERIOD + 1);
		assert_ok!(submit(claim(voucher(7, "seven", 150), "N")));
		assert_eq!(
			submit(claim(voucher(8, "eight", 150), "N")),
			refused(Error::SponsorUnderfunded)
		);
		// A handle that is taken fails the claim: refused, nothing moved.
		fund(BACKING);
		assert_eq!(submit(claim(voucher(8, "five", 150), "N")), refused(Error::ClaimFailed));
		assert_eq!(Sponsors::<Test>::get(SPONSOR).unwrap().funds, BACKING);
		assert_eq!(System::sufficients(&8), 0);
		assert_ok!(Quota::do_try_state());
	});
}

#[test]
fn the_sponsorship_ends_with_the_handle_and_the_free_backing_returns() {
	new_test_ext().execute_with(|| {
		fund(1_000);
		assert_ok!(submit(claim(voucher(NEWCOMER, "newcomer", 50), "N")));
		assert_eq!(Sponsored::<Test>::get(NEWCOMER).unwrap().sponsor, SPONSOR);
		drop_handle(NEWCOMER);

		assert!(!Sponsored::<Test>::contains_key(NEWCOMER));
		assert_eq!(System::sufficients(&NEWCOMER), 0);
		assert_eq!(Balances::balance_frozen(&FreezeReason::Sponsored.into(), &NEWCOMER), 0);
		// The handle's deposit was still held when the sponsorship ended: the account keeps it, and
		// an existential deposit beside it; the rest went back.
		let returned = BACKING - HANDLE_DEPOSIT - 10;
		System::assert_has_event(
			Event::SponsorshipEnded { sponsor: SPONSOR, account: NEWCOMER, returned }.into(),
		);
		let sponsor = Sponsors::<Test>::get(SPONSOR).unwrap();
		assert_eq!((sponsor.funds, sponsor.accounts), (1_000 - BACKING + returned, 0));
		assert_eq!(Quota::bar_size(&NEWCOMER), 0);
		assert_ok!(Quota::do_try_state());
	});
}

#[test]
fn a_sponsor_adds_its_credits_and_withdraws_what_it_has_not_given() {
	new_test_ext().execute_with(|| {
		set_limits(SponsorLimits { credits: 500, ..Default::default() });
		fund(1_000);
		assert_ok!(submit(claim(voucher(NEWCOMER, "newcomer", 50), "N")));
		assert_eq!(Quota::bar_size(&NEWCOMER), 1_500);

		assert_noop!(
			Quota::withdraw_sponsorship(RuntimeOrigin::signed(SPONSOR), 1_000),
			Error::<Test>::SponsorUnderfunded
		);
		assert_ok!(Quota::withdraw_sponsorship(RuntimeOrigin::signed(SPONSOR), 1_000 - BACKING));
		// The record stays while it sponsors an account.
		assert_eq!(Sponsors::<Test>::get(SPONSOR).unwrap().accounts, 1);
		assert_ok!(Quota::do_try_state());
	});
}

#[test]
fn claimed_vouchers_are_cleared_once_their_era_is_over() {
	new_test_ext().execute_with(|| {
		fund(1_000);
		assert_ok!(submit(claim(voucher(NEWCOMER, "newcomer", 50), "N")));
		assert_eq!(ClaimedVouchers::<Test>::iter().count(), 1);
		Quota::on_idle(PERIOD - 1, Weight::MAX);
		assert_eq!(ClaimedVouchers::<Test>::iter().count(), 1, "its era is not over");
		System::set_block_number(PERIOD);
		assert_eq!(Quota::on_idle(PERIOD, Weight::zero()), Weight::zero(), "no spare weight");
		assert!(Quota::on_idle(PERIOD, Weight::MAX).any_gt(Weight::zero()));
		assert_eq!(ClaimedVouchers::<Test>::iter().count(), 0);
		assert_eq!(PrunedEras::<Test>::get(), 1);
	});
}

#[test]
fn a_voucher_without_backing_cannot_be_set() {
	new_test_ext().execute_with(|| {
		let params = QuotaParams {
			sponsors: SponsorLimits { backing_units: 0, ..Default::default() },
			..Default::default()
		};
		assert_noop!(Quota::set_params(RuntimeOrigin::root(), params), Error::<Test>::NoBacking);
	});
}
