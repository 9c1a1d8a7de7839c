//! Moderation on a running `--dev` node (cases vote for 5 blocks, juries for 5), all over JSON-RPC:
//! seven accounts join the jury pool; Bob posts; Charlie, Dave and Eve report the post as spam, which
//! opens a case; Alice votes to uphold it and the post is hidden (`ModerationApi_status` and Bob's
//! feed in the node's index, `social_authorFeed`, say so); Bob appeals; the jurors drawn from the pool (seats by stake) vote to
//! overturn, and the post is restored.

use kith_e2e::Node;
use kith_runtime::{AccountId, BlockNumber, Runtime, RuntimeCall, UNIT};
use pallet_moderation::{CaseId, CaseOf, CaseStatus, Target, TargetStatus};
use pallet_posts::{Content, ContentInput, NewPostKind, PostId, PostOf};
use serde_json::{json, Value};
use sp_core::crypto::Ss58Codec;
use sp_keyring::Sr25519Keyring::{self, *};

type Case = CaseOf<Runtime>;

/// The starter rulebook's rule 0, "Spam": hide the post.
const SPAM: u32 = 0;

fn moderation(call: pallet_moderation::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Moderation(call)
}

fn status(node: &Node, post: PostId) -> TargetStatus<BlockNumber> {
	node.runtime_call("ModerationApi_status", Target::<AccountId>::Post(post))
}

fn case(node: &Node, id: CaseId) -> Option<Case> {
	node.runtime_call("ModerationApi_case", id)
}

/// The newest post of Bob's feed in the node's index, once the index shows it with `hidden` as given
/// (it follows the node's best block a moment behind).
fn bobs_newest_post(node: &Node, hidden: bool) -> Value {
	let params = json!([Bob.to_account_id().to_ss58check(), null, 10]);
	node.wait_for(&format!("Bob's feed to show his post with hidden = {hidden}"), || {
		let feed = node.try_rpc("social_authorFeed", params.clone()).ok()?;
		let newest = feed["items"].get(0)?;
		(newest["hidden"] == hidden).then(|| newest.clone())
	})
}

fn post(node: &Node, id: PostId) -> Option<PostOf<Runtime>> {
	node.runtime_call("PostsApi_post", id)
}

#[test]
fn reported_post_is_hidden_by_token_holders_and_restored_by_a_jury_on_appeal() {
	let node = Node::dev("moderation");
	let jurors: [Sr25519Keyring; 7] =
		[Ferdie, AliceStash, BobStash, CharlieStash, DaveStash, EveStash, FerdieStash];
	let mut calls: Vec<_> = jurors
		.iter()
		.map(|juror| {
			(juror.pair(), moderation(pallet_moderation::Call::join_jury_pool { bond: 10 * UNIT }))
		})
		.collect();
	calls.push((
		Bob.pair(),
		RuntimeCall::Posts(pallet_posts::Call::create_post {
			kind: NewPostKind::Root,
			content: Some(ContentInput::Text(b"buy my course, link in bio".to_vec())),
		}),
	));
	node.submit_all(calls);
	assert_eq!(bobs_newest_post(&node, false)["id"], 0, "Bob's post");

	node.submit_all(
		[Charlie, Dave, Eve]
			.iter()
			.map(|reporter| {
				let note = b"the same ad in every thread".to_vec().try_into().unwrap();
				let report = pallet_moderation::Call::report {
					target: Target::Post(0),
					rule_id: SPAM,
					note,
				};
				(reporter.pair(), moderation(report))
			})
			.collect(),
	);
	let open: Vec<(CaseId, Case)> =
		node.runtime_call("ModerationApi_open_cases", (None::<CaseId>, 10u32));
	let opened = open.into_iter().next().expect("the third report opened a case");
	assert_eq!(opened.0, 0);
	assert_eq!(opened.1.reporters.len(), 3);
	assert_eq!(opened.1.affected, Bob.to_account_id());
	let reports: Vec<(AccountId, pallet_moderation::Report<u128, BlockNumber>)> =
		node.runtime_call("ModerationApi_reports", Target::<AccountId>::Post(0));
	assert_eq!(reports.len(), 3);
	node.submit(
		&Alice.pair(),
		moderation(pallet_moderation::Call::vote_case {
			case_id: 0,
			uphold: true,
			amount: 1_000 * UNIT,
			conviction: pallet_moderation::Conviction::Locked1x,
		}),
	);

	node.wait_for("the post to be hidden", || status(&node, 0).hidden.then_some(()));
	assert!(matches!(case(&node, 0).unwrap().status, CaseStatus::Upheld { .. }));
	assert_eq!(bobs_newest_post(&node, true)["id"], 0, "the feed reports it hidden");
	assert!(
		matches!(post(&node, 0).unwrap().content, Some(Content::Text(_))),
		"its content stays on chain"
	);

	node.submit(&Bob.pair(), moderation(pallet_moderation::Call::appeal { case_id: 0 }));
	let jury = node.wait_for("the jury draw", || {
		case(&node, 0).and_then(|c| c.appeal).filter(|a| a.decides_at.is_some()).map(|a| a.jury)
	});
	// Seven seats by stake among the seven equal bonds: a juror may hold several.
	let pool: Vec<AccountId> = jurors.iter().map(|j| j.to_account_id()).collect();
	assert_eq!(jury.len(), 7);
	assert!(
		jury.iter().all(|seat| pool.contains(seat)),
		"the only eligible jurors: not Bob, the reporters or Alice"
	);
	node.submit_all(
		jurors
			.iter()
			.filter(|juror| jury.contains(&juror.to_account_id()))
			.map(|juror| {
				let vote = pallet_moderation::Call::jury_vote { case_id: 0, overturn: true };
				(juror.pair(), moderation(vote))
			})
			.collect(),
	);

	node.wait_for("the appeal to overturn the case", || {
		matches!(case(&node, 0)?.status, CaseStatus::Overturned { .. }).then_some(())
	});
	assert_eq!(status(&node, 0), TargetStatus::default(), "restored");
	assert_eq!(bobs_newest_post(&node, false)["id"], 0, "the feed shows it again");
}
