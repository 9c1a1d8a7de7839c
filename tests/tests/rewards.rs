//! Tips and creator rewards on a running `--dev` node (eras of a minute): curators bond, react and tip,
//! the era closes and is reviewed, the creator claims and its balance grows by the expected amount. The creator is Eve:
//! Alice authors every block of the dev chain, so her balance also grows by block rewards and fees.

use kith_e2e::Node;
use kith_runtime::{
	genesis_config_presets::REWARD_PER_ERA, Balance, BlockNumber, Runtime, RuntimeCall, UNIT,
};
use pallet_creator_rewards::{EraIndex, EraRewards, EraStatus, Payout};
use pallet_posts::{ContentInput, NewPostKind, Reaction};
use pallet_tipping::{TipTarget, TipTotals};
use sp_keyring::Sr25519Keyring::{Bob, Charlie, Dave, Eve};

fn current_era(node: &Node) -> EraStatus<Balance, BlockNumber> {
	node.runtime_call("CreatorRewardsApi_current_era", ())
}

fn posts(call: pallet_posts::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Posts(call)
}

fn rewards(call: pallet_creator_rewards::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::CreatorRewards(call)
}

#[test]
fn bond_react_tip_close_the_era_and_claim() {
	let node = Node::dev("rewards");
	node.wait_best(1);
	let creator = Eve.to_account_id();

	node.submit_all(vec![
		(
			Eve.pair(),
			posts(pallet_posts::Call::create_post {
				kind: NewPostKind::Root,
				content: Some(ContentInput::Text(b"worth a tip".to_vec())),
			}),
		),
		(Bob.pair(), rewards(pallet_creator_rewards::Call::bond { amount: 2_000 * UNIT })),
		(Dave.pair(), rewards(pallet_creator_rewards::Call::bond { amount: 1_000 * UNIT })),
	]);
	let bonded_in = current_era(&node).era;

	// Bonds power votes from the next era on.
	let era = node.wait_for("the next era", || {
		let status = current_era(&node);
		(status.era > bonded_in).then_some(status.era)
	});
	node.submit_all(vec![
		(Bob.pair(), posts(pallet_posts::Call::react { post_id: 0, reaction: Reaction::Like })),
		(Charlie.pair(), posts(pallet_posts::Call::react { post_id: 0, reaction: Reaction::Love })),
		(
			Dave.pair(),
			RuntimeCall::Tipping(pallet_tipping::Call::tip {
				target: TipTarget::Post(0),
				amount: 10 * UNIT,
				memo: Some(b"thanks".to_vec().try_into().unwrap()),
			}),
		),
	]);
	let tips: TipTotals<Balance> = node.runtime_call("TippingApi_post_tips", 0u64);
	assert_eq!(tips.count, 1);
	assert_eq!(tips.total, 10 * UNIT);
	// Bob's vote is worth 2,000 / 20 KITH, Dave's 1,000 / 20; Charlie has no bond and steers nothing.
	let (score, _): (Balance, Balance) =
		node.runtime_call("CreatorRewardsApi_scores", (era, creator.clone()));
	assert_eq!(score, 150 * UNIT);

	let balance_before = node.free_balance(&creator);
	let pending = node.wait_for("the era to close and its review to end", || {
		let pending: Vec<(EraIndex, Payout<Balance>)> =
			node.runtime_call("CreatorRewardsApi_pending_rewards", creator.clone());
		pending.into_iter().find(|(e, _)| *e == era).map(|(_, payout)| payout)
	});
	// The era's pool is its reward and four fifths of the fees paid during it (eras without votes
	// mint nothing), half for creators; a net score of 150 KITH passes the development target of 100,
	// so it is paid in full, and Eve, the only creator, gets the creators' half.
	let pool: EraRewards<Balance> = node
		.runtime_call::<Option<EraRewards<Balance>>>("CreatorRewardsApi_era_rewards", era)
		.unwrap();
	let creators = pool.creators;
	assert!(pool.reviewed);
	assert!(creators + pool.curators > REWARD_PER_ERA, "fees joined the pool");
	assert_eq!(pool.score, 150 * UNIT);
	assert_eq!(pending, Payout { creator: creators, curator: 0, withheld: 0 });

	let claim = rewards(pallet_creator_rewards::Call::claim { era });
	let fee = node.fee(&Eve.pair(), claim.clone());
	node.submit(&Eve.pair(), claim);
	assert_eq!(node.free_balance(&creator), balance_before + creators - fee);
	let pending: Vec<(EraIndex, Payout<Balance>)> =
		node.runtime_call("CreatorRewardsApi_pending_rewards", creator);
	assert!(pending.iter().all(|(e, _)| *e != era), "claimed once");
}
