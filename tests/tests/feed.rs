//! The social read path on a running `--dev` node: Bob, Charlie and Dave claim handles, follow each
//! other, post (with a `#kith` tag and an `@bob` mention), reply, react, tip and repost over JSON-RPC;
//! the node's social index serves exactly that through `social_*` (home feed, thread, notifications,
//! unread count and mark-read, handle search, tag feed, profile, post), pushes a new post to a home
//! feed subscription over WebSocket, refuses bad parameters with "invalid params", flags (or filters)
//! a post that a moderation case hid, serves the same home feed after the node is killed and
//! restarted, and a second node that syncs the chain from genesis serves it too.

use std::net::TcpStream;

use codec::Encode;
use kith_e2e::Node;
use kith_runtime::{Runtime, RuntimeCall, UNIT};
use pallet_posts::{ContentInput, NewPostKind, Reaction};
use pallet_tipping::TipTarget;
use serde_json::{json, Value};
use sp_core::{
	crypto::{Ss58AddressFormat, Ss58Codec},
	Pair,
};
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use tungstenite::{stream::MaybeTlsStream, Message, WebSocket};

/// The starter rulebook's rule 0, "Spam": hide the post.
const SPAM: u32 = 0;

/// JSON-RPC's "invalid params".
const INVALID_PARAMS: i64 = -32602;

/// The account as the node writes it: SS58 in Kith's format.
fn address(who: Sr25519Keyring) -> String {
	who.to_account_id().to_ss58check_with_version(Ss58AddressFormat::custom(4242))
}

fn post(kind: NewPostKind, text: &str) -> RuntimeCall {
	let content = Some(ContentInput::Text(text.as_bytes().to_vec()));
	RuntimeCall::Posts(pallet_posts::Call::create_post { kind, content })
}

fn claim(handle: &str) -> RuntimeCall {
	RuntimeCall::Profiles(pallet_profiles::Call::<Runtime>::claim_handle {
		handle: handle.as_bytes().to_vec(),
	})
}

fn follow(who: Sr25519Keyring) -> RuntimeCall {
	RuntimeCall::Follows(pallet_follows::Call::<Runtime>::follow {
		who: who.to_account_id().into(),
	})
}

/// Calls `social_*` method `method` until it answers from block `number` or a later one: the index
/// serves the node's best block a moment after the node imports it.
#[track_caller]
fn social(node: &Node, method: &str, params: Value, number: u32) -> Value {
	node.wait_for(&format!("{method} at #{number}"), || {
		let result = node.try_rpc(method, params.clone()).ok()?;
		(result["at"]["number"].as_u64()? >= u64::from(number)).then_some(result)
	})
}

fn ids(result: &Value) -> Vec<u64> {
	result["items"].as_array().unwrap().iter().map(|item| item["id"].as_u64().unwrap()).collect()
}

/// The `social_*` error of a call that must fail with "invalid params".
#[track_caller]
fn invalid(node: &Node, method: &str, params: Value) -> String {
	match node.try_rpc(method, params.clone()) {
		Err(error) if error.code == INVALID_PARAMS => error.message,
		other => node.fail(&format!("{method}({params}) gave {other:?}, not invalid params")),
	}
}

/// A WebSocket JSON-RPC connection to `node`, whose reads give up after a deadline.
fn websocket(node: &Node) -> WebSocket<MaybeTlsStream<TcpStream>> {
	let url = format!("ws://127.0.0.1:{}", node.rpc_port);
	let (socket, _) = tungstenite::connect(url).expect("the node accepts WebSocket connections");
	if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
		stream.set_read_timeout(Some(kith_e2e::DEADLINE)).unwrap();
	}
	socket
}

/// The next JSON-RPC message on `socket`.
fn receive(socket: &mut WebSocket<MaybeTlsStream<TcpStream>>) -> Value {
	loop {
		match socket.read().expect("a message before the deadline") {
			Message::Text(text) => return serde_json::from_str(&text).unwrap(),
			// Pings are answered by tungstenite itself.
			_ => continue,
		}
	}
}

#[test]
fn the_node_serves_feeds_threads_and_notifications_from_its_social_index_across_a_crash() {
	let mut node = Node::dev("feed");
	node.wait_best(1);
	let (bob, charlie, dave) = (address(Bob), address(Charlie), address(Dave));

	// Handles and follows; Charlie's profile. Calls of one signer are included in their order.
	node.submit_all(vec![
		(Bob.pair(), claim("bob")),
		(Bob.pair(), follow(Charlie)),
		(Bob.pair(), follow(Dave)),
		(Charlie.pair(), claim("Charlie")),
		(
			Charlie.pair(),
			RuntimeCall::Profiles(pallet_profiles::Call::<Runtime>::set_profile {
				display_name: b"Charlie".to_vec(),
				bio: b"Writes about #kith".to_vec(),
				avatar: None,
			}),
		),
		(Charlie.pair(), follow(Bob)),
		(Dave.pair(), claim("dave")),
	]);
	// Posts 0 and 1.
	node.submit_all(vec![
		(Charlie.pair(), post(NewPostKind::Root, "Hello #kith, @bob!")),
		(Charlie.pair(), post(NewPostKind::Root, "Second thoughts")),
	]);
	// Post 2, Bob's reply; his reaction and tip to post 0.
	node.submit_all(vec![
		(Bob.pair(), post(NewPostKind::Reply { parent: 0 }, "Welcome, Charlie")),
		(
			Bob.pair(),
			RuntimeCall::Posts(pallet_posts::Call::react { post_id: 0, reaction: Reaction::Like }),
		),
		(
			Bob.pair(),
			RuntimeCall::Tipping(pallet_tipping::Call::tip {
				target: TipTarget::Post(0),
				amount: UNIT,
				memo: Some(b"great post".to_vec().try_into().unwrap()),
			}),
		),
	]);
	// Dave follows Charlie and reposts post 0 as post 3.
	let included = node.submit_all(vec![
		(Dave.pair(), follow(Charlie)),
		(
			Dave.pair(),
			RuntimeCall::Posts(pallet_posts::Call::create_post {
				kind: NewPostKind::Repost { of: 0 },
				content: None,
			}),
		),
	]);
	let last = included.iter().map(|i| i.number).max().unwrap();

	// Bob's home feed: Dave's repost, then Charlie's posts; his own reply is not in it.
	let feed = social(&node, "social_homeFeed", json!([bob, null, 10]), last);
	assert_eq!(ids(&feed), vec![3, 1, 0]);
	let at = feed["at"]["number"].as_u64().unwrap() as u32;
	assert_eq!(feed["at"]["hash"], json!(node.block_hash(at)));
	// The index finalizes after the node does, and the node may finalize more after the read.
	let finalized = feed["at"]["finalized"].as_bool().expect("`finalized` is a boolean");
	assert!(!finalized || at <= node.finalized_number());
	assert_eq!(feed["nextCursor"], Value::Null);
	let repost = &feed["items"][0];
	assert_eq!(repost["kind"], json!({ "type": "repost", "of": 0 }));
	assert_eq!((&repost["author"], &repost["authorHandle"]), (&json!(dave), &json!("dave")));
	let hello = &feed["items"][2];
	assert_eq!(hello["content"], json!({ "type": "text", "text": "Hello #kith, @bob!" }));
	assert_eq!(
		(&hello["authorHandle"], &hello["authorName"]),
		(&json!("charlie"), &json!("Charlie"))
	);
	assert_eq!((&hello["replies"], &hello["reposts"]), (&json!(1), &json!(1)));
	assert_eq!(hello["reactions"], json!([1, 0, 0, 0, 0, 0]));
	assert_eq!((&hello["tips"], &hello["tipped"]), (&json!(1), &json!(UNIT.to_string())));
	let page = social(&node, "social_homeFeed", json!([bob, null, 2]), last);
	assert_eq!(ids(&page), vec![3, 1]);
	let rest = social(&node, "social_homeFeed", json!([bob, page["nextCursor"], 2]), last);
	assert_eq!((ids(&rest), &rest["nextCursor"]), (vec![0], &Value::Null));

	let thread = social(&node, "social_thread", json!([0, null, 10]), last);
	assert_eq!(ids(&thread), vec![0, 2]);
	assert_eq!(thread["items"][1]["kind"], json!({ "type": "reply", "parent": 0, "root": 0 }));
	assert_eq!(thread["items"][1]["author"], json!(bob));
	let reply = social(&node, "social_post", json!([2]), last);
	assert_eq!(reply["post"]["content"], json!({ "type": "text", "text": "Welcome, Charlie" }));

	// Charlie's notifications, newest first.
	let notes = social(&node, "social_notifications", json!([charlie, null, 10]), last);
	let kinds: Vec<Value> =
		notes["items"].as_array().unwrap().iter().map(|n| n["kind"].clone()).collect();
	assert_eq!(
		kinds,
		vec![
			json!({ "type": "reposted", "postId": 3, "by": dave }),
			json!({ "type": "followed", "by": dave }),
			json!({ "type": "tipped", "postId": 0, "by": bob, "amount": UNIT.to_string(), "memo": "great post" }),
			json!({ "type": "reacted", "postId": 0, "by": bob, "reaction": 0 }),
			json!({ "type": "replied", "postId": 2, "by": bob }),
			json!({ "type": "followed", "by": bob }),
		]
	);
	let seqs: Vec<u64> =
		notes["items"].as_array().unwrap().iter().map(|n| n["seq"].as_u64().unwrap()).collect();
	assert_eq!(seqs, vec![6, 5, 4, 3, 2, 1]);
	let bobs = social(&node, "social_notifications", json!([bob, null, 10]), last);
	assert_eq!(
		bobs["items"][0]["kind"],
		json!({ "type": "mentioned", "postId": 0, "by": charlie })
	);
	assert_eq!(social(&node, "social_unreadCount", json!([charlie]), last)["count"], json!(6));

	// Charlie marks what she has seen read, up to seq 4, signing it.
	let payload = (b"kith/mark-read", Charlie.to_account_id(), 4u64).encode();
	let signature = format!("0x{}", hex_of(&Charlie.pair().sign(&payload).0));
	let marked = social(&node, "social_markRead", json!([charlie, 4, signature]), last);
	assert_eq!(marked["count"], json!(2));
	assert_eq!(social(&node, "social_unreadCount", json!([charlie]), last)["count"], json!(2));

	let found = social(&node, "social_searchHandles", json!(["@CH", 10]), last);
	assert_eq!(
		found["items"],
		json!([{ "handle": "charlie", "account": charlie, "displayName": "Charlie" }])
	);
	assert_eq!(ids(&social(&node, "social_tagFeed", json!(["#Kith", null, 10]), last)), vec![0]);
	let profile = social(&node, "social_profile", json!(["@charlie"]), last)["profile"].clone();
	assert_eq!(
		profile,
		json!({
			"account": charlie,
			"handle": "charlie",
			"displayName": "Charlie",
			"bio": "Writes about #kith",
			"avatar": null,
			"followers": 2,
			"following": 1,
			"suspended": false
		})
	);
	let by_address = social(&node, "social_profile", json!([charlie]), last);
	assert_eq!(by_address["profile"], profile);

	// Bad parameters.
	assert_eq!(
		invalid(&node, "social_homeFeed", json!(["not-an-address", null, 10])),
		"invalid account `not-an-address`: not an SS58 address or 0x-hex account id"
	);
	assert_eq!(
		invalid(&node, "social_homeFeed", json!([bob, null, 0])),
		"limit must be 1 to 100, not 0"
	);
	assert_eq!(
		invalid(&node, "social_homeFeed", json!([bob, null, 101])),
		"limit must be 1 to 100, not 101"
	);
	assert!(invalid(&node, "social_homeFeed", json!([bob, "zz", 10]))
		.starts_with("malformed cursor `zz`"));
	assert!(invalid(&node, "social_notifications", json!([address(Eve), null, 10]))
		.ends_with("is not known to the social index (it has no profile, handle, post, follow or notification)"));
	assert_eq!(
		invalid(&node, "social_post", json!([999])),
		"post 999 is not known to the social index"
	);
	assert!(invalid(&node, "social_tagFeed", json!(["", null, 10])).starts_with("invalid tag ``"));
	assert!(invalid(
		&node,
		"social_markRead",
		json!([charlie, 5, format!("0x{}", "00".repeat(64))])
	)
	.starts_with("invalid signature"));

	// A home feed subscription over WebSocket gets Charlie's next post.
	let mut socket = websocket(&node);
	let subscribe = json!({
		"jsonrpc": "2.0", "id": 1, "method": "social_subscribeHomeFeed", "params": [bob]
	});
	socket.send(Message::Text(subscribe.to_string().into())).unwrap();
	let subscribed = receive(&mut socket);
	assert!(subscribed["result"].is_string(), "a subscription id: {subscribed}");
	let fresh = node.submit(&Charlie.pair(), post(NewPostKind::Root, "Fresh from the node"));
	let pushed = loop {
		let message = receive(&mut socket);
		assert_eq!(message["method"], json!("social_homeFeedItem"), "{message}");
		let update = message["params"]["result"].clone();
		if !update["items"].as_array().unwrap().is_empty() {
			break update;
		}
	};
	assert_eq!(ids(&pushed), vec![4]);
	assert_eq!(
		pushed["items"][0]["content"],
		json!({ "type": "text", "text": "Fresh from the node" })
	);
	assert!(pushed["at"]["number"].as_u64().unwrap() >= u64::from(fresh.number));
	drop(socket);

	// Dave, Eve and Ferdie report Charlie's post 1 as spam, which opens case 0; Alice's vote upholds
	// it, and when the vote ends the post is hidden: flagged in Bob's home feed, or left out.
	node.submit_all(
		[Dave, Eve, Ferdie]
			.iter()
			.map(|reporter| {
				let note = b"the same line in every thread".to_vec().try_into().unwrap();
				let report = pallet_moderation::Call::report {
					target: pallet_moderation::Target::Post(1),
					rule_id: SPAM,
					note,
				};
				(reporter.pair(), RuntimeCall::Moderation(report))
			})
			.collect(),
	);
	let vote = pallet_moderation::Call::vote_case {
		case_id: 0,
		uphold: true,
		amount: 1_000 * UNIT,
		conviction: pallet_moderation::Conviction::None,
	};
	node.submit(&Alice.pair(), RuntimeCall::Moderation(vote));
	let flagged = node.wait_for("post 1 flagged hidden in Bob's home feed", || {
		let feed = node.try_rpc("social_homeFeed", json!([bob, null, 10])).ok()?;
		let post = feed["items"].as_array()?.iter().find(|post| post["id"] == json!(1))?.clone();
		(post["hidden"] == json!(true)).then_some(feed)
	});
	let decided = flagged["at"]["number"].as_u64().unwrap() as u32;
	assert_eq!(ids(&flagged), vec![4, 3, 1, 0]);
	let filter = json!([bob, null, 10, { "moderation": "filter" }]);
	assert_eq!(ids(&social(&node, "social_homeFeed", filter, decided)), vec![4, 3, 0]);
	let notes = social(&node, "social_notifications", json!([charlie, null, 4]), decided);
	let reported = json!({ "type": "reported", "target": { "type": "post", "id": 1 } });
	assert_eq!(
		notes["items"].as_array().unwrap().iter().map(|n| n["kind"].clone()).collect::<Vec<_>>(),
		vec![
			json!({ "type": "caseDecided", "caseId": 0, "upheld": true }),
			reported.clone(),
			reported.clone(),
			reported,
		]
	);

	// Killed and restarted, the node serves the same feed: finalized blocks from the index's store,
	// the rest imported again.
	let before = social(&node, "social_homeFeed", json!([bob, null, 10]), decided);
	assert_eq!(ids(&before), vec![4, 3, 1, 0]);
	node.kill();
	node.restart();
	let after = node.wait_for("the same home feed after the restart", || {
		let feed = node.try_rpc("social_homeFeed", json!([bob, null, 10])).ok()?;
		(feed["items"] == before["items"]).then_some(feed)
	});
	assert_eq!(after["nextCursor"], Value::Null);
	let unread = social(&node, "social_unreadCount", json!([charlie]), decided);
	assert_eq!(unread["count"], json!(6), "marks survive the restart: 2 before the case, 4 of it");

	// A second node syncs the chain from genesis, indexing every block as it imports it, and serves
	// the same home feed.
	let spec = kith_e2e::chain_spec("dev", Value::Null);
	let boot = node.multiaddr();
	let peer = Node::start("feed-sync", &["--chain", spec.to_str().unwrap(), "--bootnodes", &boot]);
	peer.wait_for("the syncing node's home feed to be the same", || {
		let feed = peer.try_rpc("social_homeFeed", json!([bob, null, 10])).ok()?;
		(feed["items"] == before["items"]).then_some(())
	});
}

/// Lowercase hex of `bytes`.
fn hex_of(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}
