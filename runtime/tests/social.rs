//! Runtime tests of identities and the social graph: the profiles and follows pallets' calls as signed
//! extrinsics through `Executive`, read back through the `SocialGraphApi` implementation.

mod common;

use common::{apply, apply_ok, error_name, in_block_one};
use frame_support::traits::fungible::InspectHold;
use kith_primitives::runtime_decl_for_social_graph_api::SocialGraphApiV1;
use kith_runtime::{Balances, Runtime, RuntimeHoldReason};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve};

fn claim(handle: &str) -> pallet_profiles::Call<Runtime> {
	pallet_profiles::Call::claim_handle { handle: handle.as_bytes().to_vec() }
}

fn follow(who: sp_keyring::Sr25519Keyring) -> pallet_follows::Call<Runtime> {
	pallet_follows::Call::follow { who: who.to_account_id().into() }
}

#[test]
fn handle_profile_and_follows_through_signed_extrinsics() {
	in_block_one(|| {
		apply_ok(Alice, claim("Alice"));
		apply_ok(
			Alice,
			pallet_profiles::Call::set_profile {
				display_name: b"Alice".to_vec(),
				bio: "Writes about Kith ✍".as_bytes().to_vec(),
				avatar: Some(
					b"bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi".to_vec(),
				),
			},
		);
		apply_ok(Bob, follow(Alice));
		apply_ok(Charlie, follow(Alice));

		let info = Runtime::profile_by_handle(b"ALICE".to_vec()).expect("alice has a profile");
		assert_eq!(info.account, Alice.to_account_id());
		assert_eq!(info.handle, Some(b"alice".to_vec()));
		assert_eq!(info.display_name, b"Alice".to_vec());
		assert_eq!((info.followers, info.following), (2, 0));
		assert!(Runtime::is_following(Bob.to_account_id(), Alice.to_account_id()));
		let mut followers = Runtime::followers(Alice.to_account_id(), None, 10);
		followers.sort();
		let mut expected = vec![Bob.to_account_id(), Charlie.to_account_id()];
		expected.sort();
		assert_eq!(followers, expected);
		assert!(Runtime::profile(Dave.to_account_id()).is_none());
	});
}

#[test]
fn refused_calls_fail_with_typed_errors_and_change_nothing() {
	in_block_one(|| {
		apply_ok(Alice, claim("alice"));
		let outcome = apply(Bob, claim("ALICE")).expect("valid transaction");
		assert_eq!(error_name(outcome), "HandleTaken");
		assert_eq!(error_name(apply(Bob, claim("kith")).unwrap()), "HandleReserved");
		assert_eq!(error_name(apply(Bob, claim("9lives")).unwrap()), "HandleInvalid");
		assert_eq!(error_name(apply(Bob, follow(Bob)).unwrap()), "CannotFollowSelf");
		assert!(Runtime::profile(Bob.to_account_id()).is_none());
		let held = Balances::balance_on_hold(
			&RuntimeHoldReason::Profiles(pallet_profiles::HoldReason::Handle),
			&Bob.to_account_id(),
		);
		assert_eq!(held, 0);
	});
}

#[test]
fn blocking_removes_the_follow_and_stops_new_ones() {
	in_block_one(|| {
		apply_ok(Bob, follow(Alice));
		apply_ok(Alice, pallet_follows::Call::block { who: Bob.to_account_id().into() });
		assert!(!Runtime::is_following(Bob.to_account_id(), Alice.to_account_id()));
		assert_eq!(error_name(apply(Bob, follow(Alice)).unwrap()), "Blocked");
	});
}

#[test]
fn move_identity_carries_handle_profile_and_graph_to_the_new_key() {
	in_block_one(|| {
		apply_ok(Alice, claim("alice"));
		apply_ok(
			Alice,
			pallet_profiles::Call::set_profile {
				display_name: b"Alice".to_vec(),
				bio: vec![],
				avatar: None,
			},
		);
		apply_ok(Alice, follow(Charlie));
		apply_ok(Bob, follow(Alice));

		apply_ok(
			Alice,
			pallet_profiles::Call::move_identity { new_account: Eve.to_account_id().into() },
		);

		let info = Runtime::profile_by_handle(b"alice".to_vec()).unwrap();
		assert_eq!(info.account, Eve.to_account_id());
		assert_eq!((info.followers, info.following), (1, 1));
		assert!(Runtime::is_following(Bob.to_account_id(), Eve.to_account_id()));
		assert!(Runtime::is_following(Eve.to_account_id(), Charlie.to_account_id()));
		assert!(Runtime::profile(Alice.to_account_id()).is_none());
		// The old key holds nothing any more; the new one holds all three deposits' reasons.
		for reason in [
			RuntimeHoldReason::Profiles(pallet_profiles::HoldReason::Profile),
			RuntimeHoldReason::Profiles(pallet_profiles::HoldReason::Handle),
			RuntimeHoldReason::Follows(pallet_follows::HoldReason::GraphEdge),
		] {
			assert_eq!(Balances::balance_on_hold(&reason, &Alice.to_account_id()), 0);
			assert!(Balances::balance_on_hold(&reason, &Eve.to_account_id()) > 0);
		}
	});
}
