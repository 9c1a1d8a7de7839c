//! `kith-bench`: how many user-signed actions per second one Kith node includes and finalizes, per kind
//! of action, against balance transfers in the same run (`scripts/bench-tps.sh` runs it on a release
//! node and plots its output).
//!
//! 1. funds `--accounts` keys derived from a seed in the `dev` chain's genesis (a chain-spec patch), so
//!    that no two transactions of a workload share a sender and none waits on another's nonce;
//! 2. starts `kith-node` on that chain on loopback, Alice authoring alone, with a transaction pool
//!    large enough for a whole workload (`--pool-limit`, `--pool-kbytes`, `--tx-ban-seconds 0`);
//! 3. runs the workloads one after the other against that node: for each, signs `--count`
//!    transactions (one per account) before the clock starts, submits them over `--connections`
//!    WebSockets in JSON-RPC batches of `--batch` (thousands in flight), and follows the chain until
//!    every accepted transaction is finalized (or nothing moved for `--stall-secs`);
//! 4. prints two tables: per workload, included and finalized per second over the steady blocks (the
//!    first and last block of a workload are left out: they are partly filled by its start and its
//!    tail), the ratio to transfers, latencies, failures, pool refusals by reason, the node's CPU and
//!    memory; per workload, its fullest block: how many actions, how full by weight, what ended it,
//!    how long the node took to build it, weight against real time per action, and how many would fit
//!    in a block by weight. `--json` writes the same as JSON (`scripts/plot-tps.py` plots it).
//!
//! ```text
//! kith-bench --node <kith-node> [--accounts 20000] [--count N] [--connections 8] [--batch 250]
//!            [--workloads transfers,posts,replies,reactions,follows,tips,mix] [--json out.json]
//!            [--stall-secs 60]
//! ```
//!
//! Replies, reactions, tips and the mix act on the posts of the `posts` workload, which must run
//! before them.

mod load;
mod report;

use std::{path::PathBuf, time::Duration};

use codec::Encode;
use kith_e2e::{chain_spec, Node};
use kith_runtime::{AccountId, RuntimeCall, UNIT};
use serde_json::{json, Value};
use sp_core::{crypto::Ss58Codec, sr25519, Pair};
use sp_runtime::MultiAddress;

use crate::load::Workload;

/// Each bench account's balance at genesis.
const FUNDS: u128 = 100 * UNIT;
/// A post's text: 100 bytes.
fn post_text() -> Vec<u8> {
	let mut text = b"Kith bench post: about what a short social post carries on a chain".to_vec();
	text.resize(100, b'.');
	text
}

/// The command line.
pub struct Args {
	/// The node binary.
	pub node: PathBuf,
	/// Funded accounts.
	pub accounts: u32,
	/// Transactions per workload (one per account).
	pub count: u32,
	/// WebSocket connections that submit.
	pub connections: usize,
	/// Transactions per JSON-RPC batch.
	pub batch: usize,
	/// The workloads, in order.
	pub workloads: Vec<Workload>,
	/// Where to write the JSON report.
	pub json: Option<PathBuf>,
	/// How long the chain may include nothing new before the tool gives up on what is left.
	pub stall: Duration,
	/// Where to leave the node's folder (its database) afterwards, with the chain spec as
	/// `chain-spec.json`.
	pub keep: Option<PathBuf>,
}

const USAGE: &str =
	"usage: kith-bench --node <kith-node> [--accounts N] [--count N] [--connections N] \
	[--batch N] [--workloads transfers,posts,replies,reactions,follows,tips,mix] [--json FILE] \
	[--stall-secs N] [--keep-db DIR]";

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
	let mut node = None;
	let (mut accounts, mut count) = (20_000u32, None);
	let (mut connections, mut batch, mut stall) = (8usize, 250usize, 60u64);
	let mut workloads = Workload::ALL.to_vec();
	let (mut json, mut keep) = (None, None);
	fn number<T: std::str::FromStr>(flag: &str, value: Option<String>) -> Result<T, String> {
		let value = value.ok_or(format!("{flag} needs a value"))?;
		value.parse().map_err(|_| format!("{flag}: not a number: {value}"))
	}
	while let Some(flag) = args.next() {
		match flag.as_str() {
			"--node" => node = Some(PathBuf::from(args.next().ok_or("--node needs a path")?)),
			"--accounts" => accounts = number(&flag, args.next())?,
			"--count" => count = Some(number(&flag, args.next())?),
			"--connections" => connections = number(&flag, args.next())?,
			"--batch" => batch = number(&flag, args.next())?,
			"--stall-secs" => stall = number(&flag, args.next())?,
			"--json" => json = Some(PathBuf::from(args.next().ok_or("--json needs a path")?)),
			"--keep-db" => keep = Some(PathBuf::from(args.next().ok_or("--keep-db needs a path")?)),
			"--workloads" => {
				let list = args.next().ok_or("--workloads needs a list")?;
				workloads = list.split(',').map(Workload::parse).collect::<Result<_, _>>()?;
			},
			"-h" | "--help" => return Err(USAGE.into()),
			other => return Err(format!("unknown argument {other}; {USAGE}")),
		}
	}
	let node = node.ok_or(format!("--node is required; {USAGE}"))?;
	let count = count.unwrap_or(accounts);
	if accounts < 3 || count == 0 || count > accounts {
		return Err(format!(
			"need 3 or more --accounts and 1 ≤ --count ≤ --accounts (got {accounts}, {count})"
		));
	}
	if connections == 0 || batch == 0 {
		return Err("--connections and --batch must be at least 1".into());
	}
	let needs_posts = workloads.iter().position(|w| w.needs_posts());
	let posts = workloads.iter().position(|w| *w == Workload::Posts);
	if let Some(first) = needs_posts {
		if posts.is_none_or(|p| p > first) {
			return Err(format!(
				"{} acts on posts: run `posts` before it",
				workloads[first].name()
			));
		}
	}
	Ok(Args {
		node,
		accounts,
		count,
		connections,
		batch,
		workloads,
		json,
		stall: Duration::from_secs(stall),
		keep,
	})
}

/// Bench account `i`'s key: derived from a fixed seed, so that every run funds the same accounts.
fn key(i: u32) -> sr25519::Pair {
	sr25519::Pair::from_seed(&sp_crypto_hashing::blake2_256(&("kith-bench", i).encode()))
}

/// The `dev` chain with the bench accounts funded besides the well-known ones.
fn bench_spec(accounts: &[AccountId]) -> PathBuf {
	let dev = kith_runtime::genesis_config_presets::development();
	let mut balances = dev["balances"]["balances"].as_array().cloned().unwrap_or_default();
	balances.extend(accounts.iter().map(|a| json!([a.to_ss58check(), FUNDS])));
	chain_spec("dev", json!({ "balances": { "balances": balances } }))
}

/// The call account `i` makes in `workload`, given the post ids of the `posts` workload.
fn call(
	workload: Workload,
	i: usize,
	accounts: &[AccountId],
	posts: &[Option<u64>],
) -> Option<RuntimeCall> {
	use pallet_posts::{ContentInput, NewPostKind, Reaction};
	let n = accounts.len();
	let text = || Some(ContentInput::Text(post_text()));
	let post = |k: usize| posts[k % n];
	let address = |k: usize| MultiAddress::Id(accounts[k % n].clone());
	let call = match workload {
		Workload::Transfers => RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: address(i + 1),
			value: UNIT / 100,
		}),
		Workload::Posts => RuntimeCall::Posts(pallet_posts::Call::create_post {
			kind: NewPostKind::Root,
			content: text(),
		}),
		Workload::Replies => RuntimeCall::Posts(pallet_posts::Call::create_post {
			kind: NewPostKind::Reply { parent: post(i + 1)? },
			content: text(),
		}),
		Workload::Reactions => RuntimeCall::Posts(pallet_posts::Call::react {
			post_id: post(i + 1)?,
			reaction: Reaction::Like,
		}),
		Workload::Follows => {
			RuntimeCall::Follows(pallet_follows::Call::follow { who: address(i + 1) })
		},
		Workload::Tips => RuntimeCall::Tipping(pallet_tipping::Call::tip {
			target: pallet_tipping::TipTarget::Post(post(i + 1)?),
			amount: UNIT / 10,
			memo: Some(b"thanks".to_vec().try_into().expect("6 bytes fit a memo")),
		}),
		// 50% reactions, 20% posts, 15% replies, 10% follows, 5% tips, on other accounts than the
		// single workloads used (`i + 2`), so that none repeats an action that is done already.
		Workload::Mix => match i % 20 {
			0..=9 => return call(Workload::Reactions, i + 1, accounts, posts),
			10..=13 => return call(Workload::Posts, i, accounts, posts),
			14..=16 => return call(Workload::Replies, i + 1, accounts, posts),
			17..=18 => return call(Workload::Follows, i + 1, accounts, posts),
			_ => return call(Workload::Tips, i + 1, accounts, posts),
		},
	};
	Some(call)
}

/// Moves the node's folder `from` to `to` (replacing it), across file systems too.
fn keep_folder(from: &std::path::Path, to: &std::path::Path) {
	let _ = std::fs::remove_dir_all(to);
	if std::fs::rename(from, to).is_err() {
		let copied = std::process::Command::new("cp").arg("-a").arg(from).arg(to).status();
		assert!(
			copied.is_ok_and(|s| s.success()),
			"cp -a {} {} failed",
			from.display(),
			to.display()
		);
		let _ = std::fs::remove_dir_all(from);
	}
	eprintln!("the node's folder (its database under chains/) is in {}", to.display());
}

fn main() {
	let args = match parse_args(std::env::args().skip(1)) {
		Ok(args) => args,
		Err(message) => {
			eprintln!("kith-bench: {message}");
			std::process::exit(2);
		},
	};
	// The harness's chain specs and node start use this binary.
	std::env::set_var("KITH_NODE", &args.node);

	eprintln!("deriving {} accounts", args.accounts);
	let keys: Vec<sr25519::Pair> = load::parallel((0..args.accounts).collect(), key);
	let accounts: Vec<AccountId> = keys.iter().map(|k| AccountId::from(k.public())).collect();
	let spec = bench_spec(&accounts);
	let pool_limit = (5 * args.count).max(100_000).to_string();
	let mut node = Node::start(
		"bench",
		&[
			"--chain",
			spec.to_str().expect("a UTF-8 path"),
			"--alice",
			"--force-authoring",
			"--pool-limit",
			&pool_limit,
			"--pool-kbytes",
			"400000",
			"--tx-ban-seconds",
			"0",
			"--rpc-max-connections",
			"1000",
		],
	);
	let genesis = node.block_hash(0);
	eprintln!("node {} on 127.0.0.1:{} ({})", node.pid(), node.rpc_port, args.node.display());

	let mut bench = load::Bench::new(&node, &args, genesis);
	let mut posts: Vec<Option<u64>> = vec![None; args.accounts as usize];
	let mut reports = Vec::new();
	for &workload in &args.workloads {
		let count = args.count as usize;
		let txs: Vec<(usize, RuntimeCall)> =
			(0..count).filter_map(|i| Some((i, call(workload, i, &accounts, &posts)?))).collect();
		eprintln!("{}: signing {} transactions", workload.name(), txs.len());
		let result = bench.run(workload, txs, &keys);
		for (account, post) in &result.posts_created {
			posts[*account] = Some(*post);
		}
		let report = report::Report::from_run(workload, &result, &bench);
		eprintln!("{}", report::line(&report));
		reports.push(report);
	}
	drop(bench);
	if let Some(keep) = &args.keep {
		keep_folder(&node.stop_and_keep(), keep);
		// The chain the database belongs to, for `kith-node benchmark storage --chain`.
		std::fs::copy(&spec, keep.join("chain-spec.json")).expect("the chain spec is copied");
	}

	let machine = report::machine();
	println!("{}", report::tables(&reports, &machine, &args));
	if let Some(path) = &args.json {
		let value: Value = report::json(&reports, &machine, &args);
		std::fs::write(path, serde_json::to_vec_pretty(&value).expect("JSON"))
			.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
		eprintln!("wrote {}", path.display());
	}
}
