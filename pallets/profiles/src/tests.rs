//! Tests of the profiles pallet on the mock runtime.

use crate::{
	mock::*, Error, Event, HandleOf, HoldReason, OwnerOf, Profiles as StoredProfiles,
	ReservedHandles,
};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use sp_runtime::DispatchError;

const CID: &[u8] = b"bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";

fn held(reason: HoldReason, who: u64) -> u64 {
	Balances::balance_on_hold(&reason.into(), &who)
}

fn set_profile(
	who: u64,
	name: &[u8],
	bio: &[u8],
	avatar: Option<&[u8]>,
) -> sp_runtime::DispatchResult {
	Profiles::set_profile(
		RuntimeOrigin::signed(who),
		name.to_vec(),
		bio.to_vec(),
		avatar.map(|a| a.to_vec()),
	)
}

fn claim(who: u64, handle: &[u8]) -> sp_runtime::DispatchResult {
	Profiles::claim_handle(RuntimeOrigin::signed(who), handle.to_vec())
}

#[test]
fn set_profile_stores_it_and_holds_a_deposit_by_size() {
	test(|| {
		assert_ok!(set_profile(1, b"Alice", "I ♥ kith".as_bytes(), Some(CID)));
		let profile = StoredProfiles::<Test>::get(1).unwrap();
		assert_eq!(profile.display_name.to_vec(), b"Alice".to_vec());
		assert_eq!(profile.avatar.as_ref().unwrap().to_vec(), CID.to_vec());
		let bytes = 5 + "I ♥ kith".len() as u64 + CID.len() as u64;
		assert_eq!(profile.deposit, 100 + bytes);
		assert_eq!(held(HoldReason::Profile, 1), 100 + bytes);
		System::assert_last_event(
			Event::ProfileUpdated {
				who: 1,
				display_name: profile.display_name.clone(),
				avatar: profile.avatar.clone(),
				deposit: 100 + bytes,
			}
			.into(),
		);
	});
}

#[test]
fn editing_a_profile_adjusts_the_deposit_up_and_down() {
	test(|| {
		assert_ok!(set_profile(1, b"Al", b"", None));
		assert_eq!(held(HoldReason::Profile, 1), 102);
		assert_ok!(set_profile(1, b"Alice", &[b'x'; 200], None));
		assert_eq!(held(HoldReason::Profile, 1), 305);
		assert_ok!(set_profile(1, b"A", b"", None));
		assert_eq!(held(HoldReason::Profile, 1), 101);
		assert_eq!(Balances::free_balance(1), 10_000 - 101);
	});
}

#[test]
fn clear_profile_removes_it_and_releases_the_whole_deposit() {
	test(|| {
		assert_ok!(set_profile(1, b"Alice", b"bio", Some(CID)));
		assert_ok!(Profiles::clear_profile(RuntimeOrigin::signed(1)));
		assert!(StoredProfiles::<Test>::get(1).is_none());
		assert_eq!(held(HoldReason::Profile, 1), 0);
		assert_eq!(Balances::free_balance(1), 10_000);
		System::assert_last_event(Event::ProfileCleared { who: 1 }.into());
		assert_noop!(Profiles::clear_profile(RuntimeOrigin::signed(1)), Error::<Test>::NoProfile);
	});
}

#[test]
fn bad_profiles_are_refused_with_typed_errors() {
	test(|| {
		assert_noop!(set_profile(1, &[b'a'; 65], b"", None), Error::<Test>::DisplayNameTooLong);
		assert_noop!(set_profile(1, b"ok", &[b'a'; 513], None), Error::<Test>::BioTooLong);
		assert_noop!(set_profile(1, &[0xff, 0xfe], b"", None), Error::<Test>::NotUtf8);
		assert_noop!(set_profile(1, b"ok", &[0xc3], None), Error::<Test>::NotUtf8);
		assert_noop!(
			set_profile(1, b"ok", b"", Some(b"https://x.example/a.png")),
			Error::<Test>::InvalidContentRef
		);
		assert_noop!(
			set_profile(1, b"ok", b"", Some(&[b'b'; 65])),
			Error::<Test>::InvalidContentRef
		);
		// The longest allowed fields are fine.
		assert_ok!(set_profile(1, &[b'a'; 64], &[b'b'; 512], Some(CID)));
	});
}

#[test]
fn a_profile_without_funds_for_its_deposit_is_refused() {
	test(|| {
		assert_noop!(
			set_profile(99, b"name", &[b'x'; 100], None),
			Error::<Test>::InsufficientBalance
		);
		assert!(StoredProfiles::<Test>::get(99).is_none());
	});
}

#[test]
fn claim_handle_case_folds_stores_both_ways_and_holds_a_deposit() {
	test(|| {
		assert_ok!(claim(1, b"Alice_01"));
		let handle = crate::fold_handle(b"alice_01").unwrap();
		assert_eq!(OwnerOf::<Test>::get(&handle), Some(1));
		assert_eq!(HandleOf::<Test>::get(1).unwrap().handle, handle);
		assert_eq!(Profiles::owner_of(b"ALICE_01"), Some(1));
		assert_eq!(held(HoldReason::Handle, 1), 50);
		System::assert_last_event(Event::HandleClaimed { who: 1, handle }.into());
	});
}

#[test]
fn claim_handle_refusals() {
	test(|| {
		for bad in [&b"ab"[..], &[b'a'; 33], b"1abc", b"al ice", b"al-ice", "élan".as_bytes(), b""]
		{
			assert_noop!(claim(1, bad), Error::<Test>::HandleInvalid);
		}
		assert_ok!(claim(1, b"alice"));
		assert_noop!(claim(2, b"ALICE"), Error::<Test>::HandleTaken);
		assert_noop!(claim(1, b"alice2"), Error::<Test>::AlreadyHasHandle);
		assert_noop!(claim(2, b"KITH"), Error::<Test>::HandleReserved);
		assert_noop!(claim(2, b"admin"), Error::<Test>::HandleReserved);
		// Account 99 keeps 10 free after its profile's deposit of 110: not enough for a handle's 50.
		assert_ok!(set_profile(99, b"", &[b'x'; 10], None));
		assert_noop!(claim(99, b"poor"), Error::<Test>::InsufficientBalance);
	});
}

#[test]
fn release_handle_frees_it_for_others() {
	test(|| {
		assert_ok!(claim(1, b"alice"));
		assert_ok!(Profiles::release_handle(RuntimeOrigin::signed(1)));
		assert_eq!(held(HoldReason::Handle, 1), 0);
		assert!(HandleOf::<Test>::get(1).is_none());
		assert_noop!(Profiles::release_handle(RuntimeOrigin::signed(1)), Error::<Test>::NoHandle);
		assert_ok!(claim(2, b"alice"));
	});
}

#[test]
fn transfer_handle_moves_it_and_its_deposit_to_a_receiver_without_one() {
	test(|| {
		assert_ok!(claim(1, b"alice"));
		assert_ok!(claim(3, b"carol"));
		assert_noop!(
			Profiles::transfer_handle(RuntimeOrigin::signed(1), 3),
			Error::<Test>::ReceiverHasHandle
		);
		assert_noop!(
			Profiles::transfer_handle(RuntimeOrigin::signed(2), 4),
			Error::<Test>::NoHandle
		);

		assert_ok!(Profiles::transfer_handle(RuntimeOrigin::signed(1), 2));
		assert_eq!(Profiles::owner_of(b"alice"), Some(2));
		assert!(HandleOf::<Test>::get(1).is_none());
		assert_eq!((held(HoldReason::Handle, 1), held(HoldReason::Handle, 2)), (0, 50));
		assert_eq!(Balances::free_balance(2), 10_000);
		System::assert_last_event(
			Event::HandleTransferred {
				from: 1,
				to: 2,
				handle: crate::fold_handle(b"alice").unwrap(),
			}
			.into(),
		);
	});
}

#[test]
fn move_identity_moves_profile_handle_deposits_and_tells_the_graph() {
	test(|| {
		assert_ok!(set_profile(1, b"Alice", b"bio", None));
		assert_ok!(claim(1, b"alice"));
		let deposit = held(HoldReason::Profile, 1);

		assert_ok!(Profiles::move_identity(RuntimeOrigin::signed(1), 5));
		assert!(StoredProfiles::<Test>::get(1).is_none());
		assert_eq!(
			StoredProfiles::<Test>::get(5).unwrap().display_name.to_vec(),
			b"Alice".to_vec()
		);
		assert_eq!(Profiles::owner_of(b"alice"), Some(5));
		assert_eq!((held(HoldReason::Profile, 1), held(HoldReason::Profile, 5)), (0, deposit));
		assert_eq!((held(HoldReason::Handle, 1), held(HoldReason::Handle, 5)), (0, 50));
		assert_eq!(MOVES.with(|m| m.borrow().clone()), vec![(1, 5)]);
		System::assert_last_event(
			Event::IdentityMoved {
				from: 1,
				to: 5,
				handle: Some(crate::fold_handle(b"alice").unwrap()),
			}
			.into(),
		);
		// The deposit moved with the profile: the new key gets it back when it clears the profile.
		assert_ok!(Profiles::clear_profile(RuntimeOrigin::signed(5)));
		assert_eq!(Balances::free_balance(5), 10_000 + deposit);
	});
}

#[test]
fn move_identity_refusals_change_nothing() {
	test(|| {
		assert_ok!(set_profile(1, b"Alice", b"", None));
		assert_ok!(claim(2, b"bob"));
		assert_noop!(
			Profiles::move_identity(RuntimeOrigin::signed(1), 1),
			Error::<Test>::CannotMoveToSelf
		);
		assert_noop!(
			Profiles::move_identity(RuntimeOrigin::signed(1), 2),
			Error::<Test>::TargetHasIdentity
		);
		assert_ok!(set_profile(3, b"Carol", b"", None));
		assert_noop!(
			Profiles::move_identity(RuntimeOrigin::signed(1), 3),
			Error::<Test>::TargetHasIdentity
		);
		REFUSED.with(|r| r.borrow_mut().push(4));
		assert_noop!(
			Profiles::move_identity(RuntimeOrigin::signed(1), 4),
			DispatchError::Other("target in graph")
		);
		assert!(MOVES.with(|m| m.borrow().is_empty()));
	});
}

#[test]
fn set_reserved_needs_the_reserved_origin_and_replaces_the_list() {
	test(|| {
		let handles = vec![b"Zed".to_vec(), b"abc".to_vec(), b"ABC".to_vec()];
		assert_noop!(
			Profiles::set_reserved(RuntimeOrigin::signed(1), handles.clone()),
			DispatchError::BadOrigin
		);
		assert_ok!(Profiles::set_reserved(RuntimeOrigin::root(), handles));
		let reserved: Vec<Vec<u8>> =
			ReservedHandles::<Test>::get().iter().map(|h| h.to_vec()).collect();
		assert_eq!(reserved, vec![b"abc".to_vec(), b"zed".to_vec()]);
		System::assert_last_event(Event::ReservedHandlesSet { count: 2 }.into());
		// "kith" is no longer reserved; "abc" now is.
		assert_ok!(claim(1, b"kith"));
		assert_noop!(claim(2, b"abc"), Error::<Test>::HandleReserved);

		assert_noop!(
			Profiles::set_reserved(RuntimeOrigin::root(), vec![b"no way".to_vec()]),
			Error::<Test>::HandleInvalid
		);
		let five = (0..5).map(|i| format!("name{i}").into_bytes()).collect();
		assert_noop!(
			Profiles::set_reserved(RuntimeOrigin::root(), five),
			Error::<Test>::TooManyReserved
		);
	});
}

#[test]
fn the_handle_gone_hook_is_told_before_a_release_a_transfer_and_a_move() {
	test(|| {
		assert_ok!(claim(1, b"one"));
		assert_ok!(Profiles::release_handle(RuntimeOrigin::signed(1)));
		assert_ok!(claim(2, b"two"));
		assert_ok!(Profiles::transfer_handle(RuntimeOrigin::signed(2), 3));
		assert_ok!(Profiles::move_identity(RuntimeOrigin::signed(3), 4));
		// Each time the account still held the handle when the hook ran.
		assert_eq!(handles_gone(), vec![(1, true), (2, true), (3, true)]);
		// A move of an identity without a handle, and refused calls, tell nothing.
		assert_ok!(set_profile(4, b"Four", b"", None));
		assert_ok!(Profiles::release_handle(RuntimeOrigin::signed(4)));
		handles_gone();
		assert_ok!(Profiles::move_identity(RuntimeOrigin::signed(4), 5));
		assert!(Profiles::release_handle(RuntimeOrigin::signed(5)).is_err());
		assert!(handles_gone().is_empty());
	});
}
