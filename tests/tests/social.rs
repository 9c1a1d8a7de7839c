//! Identities and the social graph on a running `--dev` node: a handle is claimed and an account followed
//! over JSON-RPC, and both are read back through `state_call` of `SocialGraphApi`.

use kith_e2e::Node;
use kith_primitives::ProfileInfo;
use kith_runtime::{AccountId, Runtime, RuntimeCall};
use sp_keyring::Sr25519Keyring::{Alice, Bob};

#[test]
fn claim_a_handle_and_follow_over_rpc_then_read_them_through_the_social_graph_api() {
	let node = Node::dev("social");
	node.wait_best(1);

	node.submit_all(vec![
		(
			Alice.pair(),
			RuntimeCall::Profiles(pallet_profiles::Call::<Runtime>::claim_handle {
				handle: b"Alice_Kith".to_vec(),
			}),
		),
		(
			Alice.pair(),
			RuntimeCall::Profiles(pallet_profiles::Call::<Runtime>::set_profile {
				display_name: "Alice 🌿".as_bytes().to_vec(),
				bio: b"first on Kith".to_vec(),
				avatar: None,
			}),
		),
		(
			Bob.pair(),
			RuntimeCall::Follows(pallet_follows::Call::<Runtime>::follow {
				who: Alice.to_account_id().into(),
			}),
		),
	]);

	let (alice, bob) = (Alice.to_account_id(), Bob.to_account_id());
	assert!(node.runtime_call::<bool>("SocialGraphApi_is_following", (&bob, &alice)));
	let info = node
		.runtime_call::<Option<ProfileInfo<AccountId>>>(
			"SocialGraphApi_profile_by_handle",
			b"ALICE_KITH".to_vec(),
		)
		.expect("Alice's profile, by her handle in any case");
	assert_eq!(info.account, alice);
	assert_eq!(info.handle.as_deref(), Some(&b"alice_kith"[..]));
	assert_eq!(info.display_name, "Alice 🌿".as_bytes());
	assert_eq!((info.followers, info.following), (1, 0));

	let followers: Vec<AccountId> =
		node.runtime_call("SocialGraphApi_followers", (&alice, None::<AccountId>, 10u32));
	assert_eq!(followers, vec![bob.clone()]);
	let following: Vec<AccountId> =
		node.runtime_call("SocialGraphApi_following", (&bob, None::<AccountId>, 10u32));
	assert_eq!(following, vec![alice.clone()]);
	assert_eq!(
		node.runtime_call::<Option<ProfileInfo<AccountId>>>("SocialGraphApi_profile", &bob),
		None
	);
}
