//! The `kith` command-line client against a `--dev` node, as a person would use it: each step is a
//! command line as typed in a shell, run through `kith_cli::run` (the code the `kith` binary runs),
//! and checked both on what it prints (`--json`) and on the chain's own state, read by the harness
//! over JSON-RPC, not through the client. Bob and Charlie make profiles, follow, post, reply, react,
//! tip and bond; Dave, Eve and Ferdie report a post and Alice votes on the case; Charlie reads his
//! feed and Bob his notifications. Then the bad inputs: each is one line, with its exit code, and
//! changes nothing.

use kith_e2e::Node;
use kith_runtime::{AccountId, Balance, Runtime, UNIT};
use serde_json::Value;
use sp_core::{
	crypto::{Ss58AddressFormat, Ss58Codec},
	Pair as _,
};
use sp_keyring::Sr25519Keyring::{self, Bob, Charlie};

/// Runs one `kith` command line against `node` and returns what it printed, or its error.
fn kith(node: &Node, line: &str) -> Result<String, kith_cli::Error> {
	kith_line(&format!("--url ws://127.0.0.1:{} {line}", node.rpc_port))
}

/// Runs one `kith` command line (its arguments as typed in a shell).
fn kith_line(line: &str) -> Result<String, kith_cli::Error> {
	let mut args = vec!["kith".to_string()];
	args.extend(shlex::split(line).expect("a well-quoted command line"));
	let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
	runtime.block_on(kith_cli::run(&args))
}

/// Runs a `--json` command line that must succeed, and returns its JSON.
#[track_caller]
fn json(node: &Node, line: &str) -> Value {
	match kith(node, &format!("{line} --json")) {
		Ok(out) => serde_json::from_str(&out).unwrap_or_else(|e| panic!("`{line}`: {e}: {out}")),
		Err(error) => node.fail(&format!("`kith {line}` failed: {error}")),
	}
}

/// Runs a command line that must fail, and returns its one-line message and exit code.
#[track_caller]
fn fails(node: &Node, line: &str) -> (String, i32) {
	match kith(node, line) {
		Ok(out) => node.fail(&format!("`kith {line}` succeeded: {out}")),
		Err(error) => {
			let message = error.to_string();
			assert!(!message.contains('\n'), "`kith {line}`: not one line: {message}");
			(message, error.exit_code())
		},
	}
}

fn kith_ss58() -> Ss58AddressFormat {
	Ss58AddressFormat::custom(kith_runtime::SS58_PREFIX)
}

fn free(node: &Node, who: Sr25519Keyring) -> Balance {
	node.free_balance(&who.to_account_id())
}

fn post_exists(node: &Node, id: u64) -> bool {
	let key = pallet_posts::Posts::<Runtime>::hashed_key_for(id);
	node.storage::<pallet_posts::PostOf<Runtime>>(&key).is_some()
}

#[test]
fn a_session_of_cli_commands_drives_the_chain() {
	let node = Node::dev("cli");
	node.wait_best(1);
	let (bob, charlie) = (Bob.to_account_id(), Charlie.to_account_id());

	// Identities.
	let claimed = json(&node, "--suri //Bob handle claim @Bob");
	assert_eq!(claimed["handle"], "bob");
	json(&node, "--suri //Bob profile set --name Bob --bio 'builds things'");
	json(&node, "--suri //Charlie handle claim charlie");
	let owner: Option<AccountId> =
		node.storage(&pallet_profiles::OwnerOf::<Runtime>::hashed_key_for(
			pallet_profiles::Handle::truncate_from(b"bob".to_vec()),
		));
	assert_eq!(owner, Some(bob.clone()));
	let shown = json(&node, "profile show @bob");
	assert_eq!(shown["profile"]["displayName"], "Bob");
	assert_eq!(shown["profile"]["bio"], "builds things");

	// The graph.
	json(&node, "--suri //Charlie follow @bob");
	let follows: bool =
		node.runtime_call("SocialGraphApi_is_following", (charlie.clone(), bob.clone()));
	assert!(follows, "Charlie follows Bob on chain");

	// Posts, a reply and a reaction.
	let posted = json(&node, "--suri //Bob post 'hello #kith from a terminal'");
	let root = posted["postId"].as_u64().unwrap();
	assert!(post_exists(&node, root));
	// Bob holds a handle: subxt signed the post as any other, and his credit bar paid for it.
	let names: Vec<&str> =
		posted["events"].as_array().unwrap().iter().filter_map(|e| e["event"].as_str()).collect();
	assert!(names.contains(&"QuotaPaid") && !names.contains(&"TransactionFeePaid"), "{names:?}");
	assert_eq!(posted["fee"], "0");
	let quota = json(&node, "--suri //Bob quota status");
	assert_eq!((quota["available"].as_u64(), quota["size"].as_u64()), (Some(980), Some(1_000)));
	assert_eq!(quota["costs"]["post"], 20);
	// Sponsored onboarding: Bob funds vouchers; an account that holds nothing claims a handle and a
	// profile with one, in a transaction nobody pays for, then posts on its credit bar.
	json(&node, "--suri //Bob sponsor fund 10");
	let newcomer = sp_core::sr25519::Pair::from_string("//Newcomer", None).unwrap();
	let newcomer: AccountId = sp_core::Pair::public(&newcomer).into();
	let address = newcomer.to_ss58check_with_version(kith_ss58());
	assert_eq!(node.free_balance(&newcomer), 0);
	let voucher = json(&node, &format!("--suri //Bob sponsor voucher {address} newcomer"));
	let code = voucher["voucher"].as_str().unwrap().to_string();
	let claimed = json(&node, &format!("--suri //Newcomer claim {code} --name 'New Comer'"));
	assert_eq!(claimed["fee"], "0");
	let profile = json(&node, "profile show @newcomer");
	assert_eq!(profile["profile"]["displayName"], "New Comer");
	let first = json(&node, "--suri //Newcomer post 'my first post, and it was free'");
	assert!(post_exists(&node, first["postId"].as_u64().unwrap()));
	assert_eq!(first["fee"], "0");
	// The pool bound on a real node: 1,000 posts the newcomer pre-signed, one after another by nonce.
	// Its bar covers 49 more (980 credits); past them it would pay fees it cannot: refused.
	let pair = sp_core::sr25519::Pair::from_string("//Newcomer", None).unwrap();
	let nonce: u32 = node.runtime_call("AccountNonceApi_account_nonce", &newcomer);
	let genesis = node.block_hash(0);
	let accepted = (nonce..nonce + 1_000)
		.filter(|&n| {
			let call = kith_runtime::RuntimeCall::Posts(pallet_posts::Call::create_post {
				kind: pallet_posts::NewPostKind::Root,
				content: Some(pallet_posts::ContentInput::Text(format!("spam {n}").into_bytes())),
			});
			let xt = kith_runtime::signing::sign(call, &pair, n, genesis);
			node.try_rpc(
				"author_submitExtrinsic",
				serde_json::json!([kith_e2e::hex(&codec::Encode::encode(&xt))]),
			)
			.is_ok()
		})
		.count();
	let pending =
		node.rpc("author_pendingExtrinsics", serde_json::json!([])).as_array().unwrap().len();
	eprintln!("pool bound: 1,000 pre-signed posts, {accepted} accepted, {pending} pending");
	assert_eq!(accepted, 49);
	assert!(pending <= 49, "{pending} in the pool");
	let sponsor = json(&node, "--suri //Bob sponsor status");
	assert_eq!(
		(sponsor["funds"].as_str(), sponsor["accounts"].as_u64()),
		(Some("7000000000000"), Some(1))
	);
	// The same voucher again, and one whose signature was tampered with: refused, with the reason.
	let (reused, exit) = fails(&node, &format!("--suri //Newcomer claim {code} --name Again"));
	assert!(reused.contains("quota.VoucherUsed"), "{reused}");
	assert_eq!(exit, 4);
	let voucher = json(&node, &format!("--suri //Bob sponsor voucher {address} other"));
	let mut forged = voucher["voucher"].as_str().unwrap().to_string();
	let last = if forged.ends_with('0') { "1" } else { "0" };
	forged.replace_range(forged.len() - 1.., last);
	let (message, _) = fails(&node, &format!("--suri //Newcomer claim {forged} --name Forged"));
	assert!(message.contains("quota.BadSponsorSignature"), "{message}");

	// Charlie's key may post for Bob.
	json(&node, "--suri //Bob proxy add @charlie");
	let proxies = json(&node, "--suri //Bob proxy list");
	assert_eq!(proxies[0]["delegate"], charlie.to_ss58check_with_version(kith_ss58()));
	assert_eq!(proxies[0]["type"], "social");
	let replied = json(&node, &format!("--suri //Charlie reply {root} 'welcome, @bob'"));
	let reply = replied["postId"].as_u64().unwrap();
	assert!(post_exists(&node, reply));
	assert!(replied["events"].as_array().unwrap().iter().any(|e| e["event"] == "PostCreated"));
	json(&node, &format!("--suri //Charlie react {root} love"));

	// A tip: Bob's balance grows by exactly the tip.
	let before = free(&node, Bob);
	let tipped = json(&node, &format!("--suri //Charlie tip {root} 2.5 --memo thanks"));
	assert_eq!(tipped["amount"], (5 * UNIT / 2).to_string());
	assert_eq!(free(&node, Bob), before + 5 * UNIT / 2);

	// Curation: a bond, frozen on chain.
	json(&node, "--suri //Charlie rewards bond 100");
	let ledger: pallet_creator_rewards::LedgerOf<Runtime> = node
		.storage(&pallet_creator_rewards::Ledgers::<Runtime>::hashed_key_for(&charlie))
		.expect("Charlie's ledger");
	assert_eq!(ledger.bonded, 100 * UNIT);
	let status = json(&node, "--suri //Charlie rewards status");
	assert_eq!(status["bonded"], (100 * UNIT).to_string());

	// Moderation: three reports open a case; Alice votes to uphold it.
	let rules = json(&node, "rules");
	let rule = rules["rules"][0]["id"].as_u64().unwrap();
	for reporter in ["//Dave", "//Eve", "//Ferdie"] {
		json(&node, &format!("--suri {reporter} report {reply} {rule} --note 'not welcome'"));
	}
	let cases = json(&node, "cases");
	let case = cases[0]["case"].as_u64().expect("an open case");
	assert_eq!(cases[0]["target"], format!("post #{reply}"));
	json(&node, &format!("--suri //Alice case vote {case} uphold 10 --conviction 2"));
	let vote_key = pallet_moderation::CaseVotes::<Runtime>::hashed_key_for(
		case as u32,
		Sr25519Keyring::Alice.to_account_id(),
	);
	let vote: pallet_moderation::CaseVote<Balance> = node.storage(&vote_key).expect("Alice's vote");
	assert_eq!(
		(vote.uphold, vote.amount, vote.conviction),
		(true, 10 * UNIT, pallet_moderation::Conviction::Locked2x)
	);

	// Reading: Charlie's home feed shows Bob's post with its reply, reaction and tip.
	let feed = node.wait_for("Bob's post in Charlie's feed with its tip", || {
		let feed = json(&node, "--suri //Charlie feed");
		let first = feed["items"].get(0)?.clone();
		(first["tipped"] == (5 * UNIT / 2).to_string()).then_some(feed)
	});
	let post = &feed["items"][0];
	assert_eq!((post["id"].as_u64(), post["replies"].as_u64()), (Some(root), Some(1)));
	assert_eq!(post["reactions"][1], 1, "one love");
	let thread = json(&node, &format!("thread {root}"));
	assert_eq!(thread["items"].as_array().unwrap().len(), 2);
	let text = kith(&node, "--suri //Charlie feed").unwrap();
	assert!(text.contains("hello #kith from a terminal") && text.contains("@bob (Bob)"), "{text}");

	// Bob's notifications: the follow, the reply, the mention, the reaction and the tip; marked read.
	let notes = node.wait_for("Bob's tip notification", || {
		let notes = json(&node, "--suri //Bob notifications");
		let kinds: Vec<String> = notes["items"]
			.as_array()?
			.iter()
			.map(|n| n["kind"]["type"].as_str().unwrap_or_default().to_string())
			.collect();
		kinds.contains(&"tipped".to_string()).then_some(kinds)
	});
	for kind in ["followed", "replied", "mentioned", "reacted", "tipped"] {
		assert!(notes.contains(&kind.to_string()), "{kind} in {notes:?}");
	}
	let marked = json(&node, "--suri //Bob notifications --mark-read");
	assert_eq!(marked["unread"], 0);

	// Bad inputs: one line each, the right exit code, and nothing changes.
	let bob_before = free(&node, Bob);
	let next_post: u64 =
		node.storage(&pallet_posts::NextPostId::<Runtime>::hashed_key()).unwrap_or_default();
	let long = "x".repeat(2_000);
	for (line, says, code) in [
		("--suri //Charlie follow @nobody_here", "no account has the handle @nobody_here", 2),
		(&format!("--suri //Charlie post {long}") as &str, "posts.TextTooLong: ", 2),
		(&format!("--suri //Charlie tip {root} -1"), "amounts cannot be negative", 2),
		(&format!("--suri //Charlie tip {root} 1.2.3"), "invalid amount `1.2.3`", 2),
		(&format!("--suri //Charlie tip {root} 5000000"), "insufficient balance", 4),
		(&format!("--suri //Charlie report {root} 99"), "moderation.UnknownRule: ", 4),
		("--suri //Charlie rewards flag 999", "creatorRewards.NothingToFlag: ", 4),
	] {
		let (message, exit) = fails(&node, line);
		assert!(message.contains(says), "`kith {line}`: {message}");
		assert_eq!(exit, code, "`kith {line}`: {message}");
	}
	assert_eq!(free(&node, Bob), bob_before, "no tip reached Bob");
	let after: u64 =
		node.storage(&pallet_posts::NextPostId::<Runtime>::hashed_key()).unwrap_or_default();
	assert_eq!(after, next_post, "no post was made");
	let unreachable = kith_line("--url ws://127.0.0.1:9 balance @bob").unwrap_err();
	assert_eq!(unreachable.exit_code(), 3, "{unreachable}");
	assert!(unreachable.to_string().starts_with("cannot reach a Kith node at ws://127.0.0.1:9"));

	// Keys kept on this machine: a new account, listed by name, its keyfile private.
	let home = tempfile::tempdir().unwrap();
	std::env::set_var("KITH_HOME", home.path());
	let made = json(&node, "account new carol");
	let listed = json(&node, "account list");
	assert_eq!(listed[0]["name"], "carol");
	assert_eq!(listed[0]["address"], made["address"]);
	use std::os::unix::fs::PermissionsExt;
	let mode = std::fs::metadata(home.path().join("keys/carol.json")).unwrap().permissions().mode();
	assert_eq!(mode & 0o777, 0o600);
}
