//! Runtime tests of the social quota, `Social` proxies and batches: signed extrinsics through
//! `Executive`, with the runtime's own extension pipeline, and the fee queries wallets make.

mod common;

use codec::Encode;
use common::{apply, apply_ok, genesis_hash, in_block_one, last_fee, next_block};
use frame_support::traits::fungible::Inspect;
use kith_runtime::{
	configs::accounts::ProxyType, signing, Balances, Quota, Runtime, RuntimeCall, RuntimeEvent,
	System, UNIT,
};
use pallet_posts::{ContentInput, NewPostKind};
use pallet_quota::runtime_api::runtime_decl_for_quota_api::QuotaApiV1;
use pallet_transaction_payment_rpc_runtime_api::runtime_decl_for_transaction_payment_api::TransactionPaymentApiV4;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave};

fn post(text: &str) -> RuntimeCall {
	RuntimeCall::Posts(pallet_posts::Call::create_post {
		kind: NewPostKind::Root,
		content: Some(ContentInput::Text(text.as_bytes().to_vec())),
	})
}

fn claim_handle(who: Sr25519Keyring, handle: &str) {
	apply_ok(who, pallet_profiles::Call::claim_handle { handle: handle.as_bytes().to_vec() });
}

/// `real` makes `delegate` its `Social` proxy, without a delay.
fn add_social_proxy(real: Sr25519Keyring, delegate: Sr25519Keyring) {
	apply_ok(
		real,
		pallet_proxy::Call::add_proxy {
			delegate: delegate.to_account_id().into(),
			proxy_type: ProxyType::Social,
			delay: 0,
		},
	);
}

/// `delegate` acts for `real` with `call` through a proxy.
fn proxied(real: Sr25519Keyring, call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::Proxy(pallet_proxy::Call::proxy {
		real: real.to_account_id().into(),
		force_proxy_type: None,
		call: Box::new(call),
	})
}

/// What the last proxy call's inner call returned.
fn proxy_result() -> sp_runtime::DispatchResult {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
			_ => None,
		})
		.expect("the proxy call ran")
}

fn quota_paid_by() -> Option<kith_runtime::AccountId> {
	System::events().into_iter().rev().find_map(|record| match record.event {
		RuntimeEvent::Quota(pallet_quota::Event::QuotaPaid { who, .. }) => Some(who),
		_ => None,
	})
}

#[test]
fn a_handle_holder_posts_without_a_fee_and_the_fee_query_says_so() {
	in_block_one(|| {
		let alice = Alice.to_account_id();
		// Without a handle, a post pays its fee.
		let signed =
			signing::sign(post("hi"), &Alice.pair(), System::account_nonce(&alice), genesis_hash());
		let len = signed.encoded_size() as u32;
		assert!(Runtime::query_info(signed.clone(), len).partial_fee > 0);
		claim_handle(Alice, "alice");
		let signed =
			signing::sign(post("hi"), &Alice.pair(), System::account_nonce(&alice), genesis_hash());
		assert_eq!(Runtime::query_info(signed.clone(), len).partial_fee, 0);
		assert_eq!(Runtime::query_fee_details(signed.clone(), len).inclusion_fee, None);
		let before = Balances::balance(&alice);
		kith_runtime::Executive::apply_extrinsic(signed).unwrap().unwrap();
		let deposit = pallet_posts::Posts::<Runtime>::get(0).unwrap().deposit;
		assert_eq!(Balances::balance(&alice), before - deposit, "the deposit, and no fee");
		assert_eq!(quota_paid_by(), Some(alice.clone()));
		assert_eq!(Quota::available(&alice), 1_000 - 20);
		// What clients read.
		assert_eq!(Runtime::credits(alice), (980, 1_000));
	});
}

#[test]
fn a_social_proxy_posts_and_reacts_for_its_account_and_spends_its_credits() {
	in_block_one(|| {
		let (alice, bob) = (Alice.to_account_id(), Bob.to_account_id());
		claim_handle(Alice, "alice");
		claim_handle(Bob, "bob");
		add_social_proxy(Alice, Bob);
		apply_ok(Charlie, post("a post to react to"));
		let bobs_balance = Balances::balance(&bob);
		apply_ok(Bob, proxied(Alice, post("from my phone")));
		assert_eq!(proxy_result(), Ok(()));
		assert_eq!(pallet_posts::Posts::<Runtime>::get(1).unwrap().author, alice);
		apply_ok(
			Bob,
			proxied(
				Alice,
				RuntimeCall::Posts(pallet_posts::Call::react {
					// Charlie's post: nobody reacts to their own.
					post_id: 0,
					reaction: pallet_posts::Reaction::Love,
				}),
			),
		);
		assert_eq!(proxy_result(), Ok(()));
		// Alice's bar paid both; Bob paid nothing and his own bar is untouched.
		assert_eq!(quota_paid_by(), Some(alice.clone()));
		assert_eq!(Quota::available(&alice), 1_000 - 20 - 2);
		assert_eq!(Quota::available(&bob), 1_000);
		assert_eq!(Balances::balance(&bob), bobs_balance);
	});
}

#[test]
fn a_social_proxy_is_refused_a_transfer_a_tip_a_vote_and_a_new_proxy() {
	in_block_one(|| {
		let bob = Bob.to_account_id();
		claim_handle(Charlie, "charlie");
		apply_ok(Charlie, post("mine"));
		// Charlie, not Alice: Alice authors the blocks here and earns a share of every fee.
		add_social_proxy(Charlie, Bob);
		let charlies = Balances::balance(&Charlie.to_account_id());
		let refused: Vec<RuntimeCall> = vec![
			RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: bob.clone().into(),
				value: UNIT,
			}),
			RuntimeCall::Tipping(pallet_tipping::Call::tip {
				target: pallet_tipping::TipTarget::Creator(bob.clone()),
				amount: UNIT,
				memo: None,
			}),
			RuntimeCall::ConvictionVoting(pallet_conviction_voting::Call::vote {
				poll_index: 0,
				vote: pallet_conviction_voting::AccountVote::Standard {
					vote: pallet_conviction_voting::Vote {
						aye: true,
						conviction: Default::default(),
					},
					balance: UNIT,
				},
			}),
			RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
				delegate: Dave.to_account_id().into(),
				proxy_type: ProxyType::Any,
				delay: 0,
			}),
			// A batch is allowed, but each call in it is filtered.
			RuntimeCall::Utility(pallet_utility::Call::batch_all {
				calls: vec![RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
					dest: bob.clone().into(),
					value: UNIT,
				})],
			}),
		];
		for call in refused {
			apply_ok(Bob, proxied(Charlie, call.clone()));
			let result = match proxy_result() {
				// `batch_all` reports the filtered call as its own failure.
				Err(e) => e,
				Ok(()) => panic!("{call:?} went through a Social proxy"),
			};
			assert_eq!(result, frame_system::Error::<Runtime>::CallFiltered.into(), "{call:?}");
		}
		assert_eq!(Balances::balance(&Charlie.to_account_id()), charlies);
	});
}

#[test]
fn naming_someone_else_as_the_real_account_spends_nothing_of_theirs() {
	in_block_one(|| {
		let alice = Alice.to_account_id();
		claim_handle(Alice, "alice");
		claim_handle(Dave, "dave");
		// Dave is no proxy of Alice: his call fails, and his own balance pays the fee.
		let before = Balances::balance(&Dave.to_account_id());
		let outcome = apply(Dave, proxied(Alice, post("as alice"))).expect("Dave can pay the fee");
		assert!(outcome.is_err());
		assert_eq!(Quota::available(&alice), 1_000);
		assert_eq!(Quota::available(&Dave.to_account_id()), 1_000);
		assert_eq!(Balances::balance(&Dave.to_account_id()), before - last_fee());
	});
}

#[test]
fn a_batch_of_social_actions_goes_through_in_one_transaction() {
	in_block_one(|| {
		claim_handle(Alice, "alice");
		apply_ok(
			Alice,
			pallet_utility::Call::batch_all {
				calls: vec![
					post("one"),
					post("two"),
					RuntimeCall::Follows(pallet_follows::Call::follow {
						who: Bob.to_account_id().into(),
					}),
				],
			},
		);
		assert!(pallet_posts::Posts::<Runtime>::get(1).is_some());
		assert!(pallet_follows::Pallet::<Runtime>::is_following(
			&Alice.to_account_id(),
			&Bob.to_account_id()
		));
		// A batch is not one social action: it pays its fee.
		assert!(last_fee() > 0);
	});
}

#[test]
fn the_bar_refills_across_blocks_and_governance_sets_the_costs() {
	in_block_one(|| {
		let alice = Alice.to_account_id();
		claim_handle(Alice, "alice");
		apply_ok(Alice, post("one"));
		assert_eq!(Quota::available(&alice), 980);
		next_block();
		// A day refills 1,000 credits: a block, 1000 / 14,400 of them (none whole yet).
		assert_eq!(Quota::available(&alice), 980);
		let mut params = pallet_quota::Params::<Runtime>::get();
		params.costs.post = 100;
		let root = kith_runtime::RuntimeOrigin::root();
		frame_support::assert_ok!(Quota::set_params(root, params));
		apply_ok(Alice, post("two"));
		assert_eq!(Quota::available(&alice), 880);
		// A failing social action spends its cost like a fee.
		let result =
			apply(Alice, RuntimeCall::Posts(pallet_posts::Call::delete_post { post_id: 99 }));
		assert!(result.unwrap().is_err());
		assert_eq!(Quota::available(&alice), 879);
	});
}

/// A general transaction of `call`: nobody signs it; an extension (here `AuthorizeCall`) vouches for it.
fn general(call: RuntimeCall) -> kith_runtime::UncheckedExtrinsic {
	kith_runtime::UncheckedExtrinsic::new_transaction(call, signing::tx_extension(0))
}

/// `sponsor`'s voucher for `account` to claim `handle`, signed by both, with a profile named `name`.
fn claim_voucher(
	sponsor: &sp_core::sr25519::Pair,
	account: &sp_core::sr25519::Pair,
	handle: &str,
	expires: kith_runtime::BlockNumber,
	name: &str,
) -> RuntimeCall {
	use sp_core::Pair;
	let voucher = pallet_quota::Voucher {
		sponsor: sponsor.public().into(),
		account: account.public().into(),
		handle: handle.as_bytes().to_vec().try_into().unwrap(),
		expires,
	};
	let display_name = name.as_bytes().to_vec();
	let bio = b"new here".to_vec();
	let sponsor_signature = sponsor.sign(&Quota::voucher_message(&voucher)).into();
	let account_signature =
		account.sign(&Quota::claim_message(&voucher, &display_name, &bio)).into();
	RuntimeCall::Quota(pallet_quota::Call::claim_voucher {
		voucher,
		sponsor_signature,
		account_signature,
		display_name,
		bio,
	})
}

#[test]
fn a_zero_balance_account_claims_a_voucher_posts_fifty_times_a_day_and_then_is_refused() {
	use sp_core::Pair;
	use sp_runtime::transaction_validity::{
		InvalidTransaction, TransactionSource, TransactionValidityError,
	};
	in_block_one(|| {
		apply_ok(Alice, pallet_quota::Call::fund_sponsorship { amount: 100 * UNIT });
		let newcomer = sp_core::sr25519::Pair::from_string("//Newcomer", None).unwrap();
		let who: kith_runtime::AccountId = newcomer.public().into();
		assert_eq!(Balances::total_balance(&who), 0);

		// Forged: Bob signs as if he were the sponsor Alice.
		let mut forged = claim_voucher(&Alice.pair(), &newcomer, "newcomer", 500, "New");
		if let RuntimeCall::Quota(pallet_quota::Call::claim_voucher {
			sponsor_signature,
			voucher,
			..
		}) = &mut forged
		{
			*sponsor_signature = Bob.pair().sign(&Quota::voucher_message(voucher)).into();
		}
		let code = Quota::error_code(pallet_quota::Error::BadSponsorSignature);
		let refusal = TransactionValidityError::Invalid(InvalidTransaction::Custom(code));
		let parent = System::parent_hash();
		assert_eq!(
			kith_runtime::Executive::validate_transaction(
				TransactionSource::External,
				general(forged.clone()),
				parent
			),
			Err(refusal)
		);
		assert_eq!(kith_runtime::Executive::apply_extrinsic(general(forged)), Err(refusal));

		// The real voucher, claimed in an unsigned general transaction that pays nothing.
		let claim = claim_voucher(&Alice.pair(), &newcomer, "newcomer", 500, "New");
		let valid = kith_runtime::Executive::validate_transaction(
			TransactionSource::External,
			general(claim.clone()),
			parent,
		);
		assert!(valid.is_ok(), "{valid:?}");
		kith_runtime::Executive::apply_extrinsic(general(claim.clone()))
			.expect("authorized")
			.expect("claimed");
		assert_eq!(
			pallet_profiles::HandleOf::<Runtime>::get(&who).unwrap().handle.to_vec(),
			b"newcomer"
		);
		assert_eq!(
			pallet_profiles::Profiles::<Runtime>::get(&who).unwrap().display_name.to_vec(),
			b"New"
		);
		assert_eq!(System::sufficients(&who), 1);
		let code = Quota::error_code(pallet_quota::Error::VoucherUsed);
		assert_eq!(
			kith_runtime::Executive::apply_extrinsic(general(claim)),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Custom(code)))
		);

		// 50 posts of 20 credits: the bar of 1,000 pays them all, no fee; deposits come from the
		// sponsor's backing.
		let send = |nonce: u32, text: &str| {
			kith_runtime::Executive::apply_extrinsic(signing::sign(
				post(text),
				&newcomer,
				nonce,
				genesis_hash(),
			))
		};
		for nonce in 0..50 {
			send(nonce, &format!("post {nonce} from a sponsored account"))
				.expect("quota-paid")
				.expect("posted");
			assert_eq!(quota_paid_by(), Some(who.clone()));
		}
		assert_eq!(Quota::available(&who), 0);
		assert_eq!(System::account_nonce(&who), 50);
		// The 51st would pay a fee, and the account's only funds are frozen for deposits.
		assert_eq!(
			send(50, "one too many"),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Payment))
		);

		// The bar refills a full bar's worth a day (14,400 blocks): 288 blocks later, one post's worth.
		let start = System::block_number();
		common::run_to_block(start + kith_runtime::DAYS / 50);
		assert_eq!(Quota::available(&who), 20);
		send(50, "back again").expect("quota-paid").expect("posted");
		assert_eq!(Quota::available(&who), 0);

		// Releasing the handle ends the sponsorship (a fee's worth of KITH of its own pays for the
		// release): the freeze and the sufficient reference go, the free backing returns to Alice.
		apply_ok(
			Alice,
			pallet_balances::Call::transfer_keep_alive { dest: who.clone().into(), value: UNIT },
		);
		let funds = || pallet_quota::Sponsors::<Runtime>::get(Alice.to_account_id()).unwrap().funds;
		let before = funds();
		kith_runtime::Executive::apply_extrinsic(signing::sign(
			pallet_profiles::Call::release_handle {}.into(),
			&newcomer,
			51,
			genesis_hash(),
		))
		.expect("fee-paid")
		.expect("released");
		let returned = System::events()
			.into_iter()
			.find_map(|record| match record.event {
				RuntimeEvent::Quota(pallet_quota::Event::SponsorshipEnded { returned, .. }) => {
					Some(returned)
				},
				_ => None,
			})
			.expect("the sponsorship ended");
		assert!(returned > 0);
		assert_eq!(funds(), before + returned);
		assert_eq!(System::sufficients(&who), 0);
		assert!(pallet_quota::Sponsored::<Runtime>::get(&who).is_none());
		assert_eq!(Quota::bar_size(&who), 0);
	});
}

#[test]
fn quota_paid_posts_stop_at_the_block_cap_while_a_fee_paying_transfer_gets_in() {
	use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};
	in_block_one(|| {
		// A cap of 1% of the normal class, so that one account's bar reaches it.
		let mut params = pallet_quota::Params::<Runtime>::get();
		params.block_share = sp_runtime::Perbill::from_percent(1);
		frame_support::assert_ok!(Quota::set_params(kith_runtime::RuntimeOrigin::root(), params));
		claim_handle(Bob, "bob");
		apply_ok(Bob, pallet_quota::Call::bond { amount: 100 * UNIT });
		next_block();

		let cap = Quota::block_cap();
		let (mut included, mut refused) = (0, 0);
		for n in 0..200 {
			match apply(Bob, post(&format!("post {n}"))) {
				Ok(Ok(())) => included += 1,
				Err(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources)) => {
					refused += 1
				},
				other => panic!("post {n}: {other:?}"),
			}
		}
		let used = pallet_quota::BlockUsage::<Runtime>::get();
		eprintln!(
			"block cap {cap}: {included} quota-paid posts in the block ({used}), {refused} refused"
		);
		assert!(used.all_lte(cap));
		assert!(included > 0 && refused > 0, "{included} included, {refused} refused");
		// Paying users are not crowded out.
		apply_ok(
			Charlie,
			pallet_balances::Call::transfer_keep_alive {
				dest: Dave.to_account_id().into(),
				value: UNIT,
			},
		);
		// The next block takes quota-paid posts again.
		next_block();
		apply_ok(Bob, post("next block"));
	});
}
