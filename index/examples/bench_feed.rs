//! The benchmark of the social read path (`scripts/bench-feed.sh` runs it with a release node):
//!
//! 1. starts `kith-node` on a new `dev` chain that nobody authors (it stays at genesis), on loopback,
//!    to learn the genesis hash and where the node keeps its social index, and stops it;
//! 2. fills that index with synthetic data, written straight into it through [`Index::import`] and
//!    [`Index::finalize`] (not through the chain): `--accounts` accounts with handles and profiles,
//!    `--posts` posts by random authors (roots, replies, reposts; some with a hashtag), every account
//!    following 5 others and a reader following `--follows` accounts; the last block it commits is
//!    the chain's genesis block, so that the node takes the index as its own;
//! 3. measures the index's cost per block of `--actions` social actions (posts, replies, reactions,
//!    follows, tips) on top of that data: importing the block into the overlay, and committing it when
//!    it is finalized;
//! 4. starts the node again and calls `social_homeFeed` of the reader `--calls` times over one
//!    WebSocket on loopback, one call after the other, after a warm-up: p50, p99 and max of the round
//!    trips, then the node's resident memory (VmRSS) and its peak (VmHWM).
//!
//! ```text
//! bench_feed --node target/release/kith-node [--accounts 100000] [--posts 1000000]
//!            [--follows 1000] [--actions 2000] [--calls 10000] [--limit 20]
//! ```

use std::{
	fs::File,
	io::Read,
	net::TcpStream,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

use kith_index::{BlockRef, Change, Hash, Index, ModerationView};
use kith_primitives::{
	index::{IndexedContent, IndexedProfile},
	PostKind,
};
use serde_json::{json, Value};
use sp_core::crypto::AccountId32;
use sp_runtime::traits::{BlakeTwo256, Hash as _};
use tungstenite::{stream::MaybeTlsStream, Message, WebSocket};

/// Every account follows this many others.
const FOLLOWS_EACH: u32 = 5;
/// Synthetic blocks of the fill hold about this many changes each.
const FILL_BLOCK: usize = 20_000;
/// Blocks of `--actions` actions measured.
const MEASURED_BLOCKS: u32 = 20;
/// Calls before the measured ones.
const WARM_UP: u32 = 500;

struct Args {
	node: PathBuf,
	accounts: u32,
	posts: u64,
	follows: u32,
	actions: u32,
	calls: u32,
	limit: u32,
}

fn parse_args() -> Result<Args, String> {
	let mut args = Args {
		node: PathBuf::new(),
		accounts: 100_000,
		posts: 1_000_000,
		follows: 1_000,
		actions: 2_000,
		calls: 10_000,
		limit: 20,
	};
	let mut argv = std::env::args().skip(1);
	while let Some(flag) = argv.next() {
		let value = argv.next().ok_or_else(|| format!("{flag} needs a value"))?;
		let number =
			|| value.parse::<u64>().map_err(|_| format!("{flag}: `{value}` is not a number"));
		match flag.as_str() {
			"--node" => args.node = PathBuf::from(&value),
			"--accounts" => args.accounts = number()? as u32,
			"--posts" => args.posts = number()?,
			"--follows" => args.follows = number()? as u32,
			"--actions" => args.actions = number()? as u32,
			"--calls" => args.calls = number()? as u32,
			"--limit" => args.limit = number()? as u32,
			_ => return Err(format!("unknown argument `{flag}`")),
		}
	}
	if args.node.as_os_str().is_empty() {
		return Err("--node <path of kith-node> is required".into());
	}
	if args.follows >= args.accounts || args.accounts < 2 {
		return Err(
			"--follows must be below --accounts, and there must be 2 accounts or more".into()
		);
	}
	Ok(args)
}

fn main() {
	let args = parse_args().unwrap_or_else(|e| {
		eprintln!("bench_feed: {e}");
		std::process::exit(2);
	});
	let base = tempfile::Builder::new().prefix("kith-bench-feed-").tempdir().unwrap();

	let mut node = RunningNode::start(&args.node, base.path());
	let genesis = node.call("chain_getBlockHash", json!([0]));
	let genesis = hex::decode(genesis.as_str().unwrap().trim_start_matches("0x")).unwrap();
	let genesis: Hash = genesis.try_into().expect("a 32-byte hash");
	node.stop();
	let index_path = find_index(base.path());
	std::fs::remove_dir_all(&index_path).unwrap();

	let index = Index::open(&index_path).unwrap();
	let mut data = Synthetic::new(&args, &index);
	let started = Instant::now();
	data.fill();
	println!(
		"filled the index: {} accounts, {} posts, {} follows in {:.1} s",
		args.accounts,
		args.posts,
		u64::from(args.accounts) * u64::from(FOLLOWS_EACH) + u64::from(args.follows),
		started.elapsed().as_secs_f64()
	);
	let (imports, commits) = data.measure_blocks();
	println!(
		"index cost of a block of {} social actions, over {MEASURED_BLOCKS} blocks: import into the \
		 overlay p50 {:.1} ms, max {:.1} ms; commit on finality p50 {:.1} ms, max {:.1} ms",
		args.actions,
		ms(percentile(&imports, 50.0)),
		ms(*imports.last().unwrap()),
		ms(percentile(&commits, 50.0)),
		ms(*commits.last().unwrap()),
	);
	data.end_at(genesis);
	let direct = timed(WARM_UP, || {
		let page = index
			.home_feed(genesis, &data.reader, None, args.limit, false, ModerationView::Flag, 0)
			.unwrap();
		assert_eq!(page.items.len(), args.limit as usize);
	});
	println!(
		"the same home feed read in the process, without RPC, {WARM_UP} calls after as many: p50 \
		 {:.2} ms, p99 {:.2} ms",
		ms(percentile(&direct, 50.0)),
		ms(percentile(&direct, 99.0)),
	);
	let reader = format!("0x{}", hex::encode(&data.reader));
	drop(data);
	drop(index);
	println!("index size on disk: {:.0} MiB", dir_size(&index_path) as f64 / (1 << 20) as f64);

	let node = RunningNode::start(&args.node, base.path());
	let mut socket = node.websocket();
	let params = json!([reader, null, args.limit]);
	let first = request(&mut socket, "social_homeFeed", &params);
	let items = first["items"].as_array().map_or(0, Vec::len);
	assert_eq!(items, args.limit as usize, "the reader's home feed is full: {first}");
	let latencies = timed(args.calls, || {
		request(&mut socket, "social_homeFeed", &params);
	});
	let baseline = timed(WARM_UP, || {
		request(&mut socket, "system_health", &json!([]));
	});
	println!(
		"the same socket's round trip of `system_health`, for comparison: p50 {:.2} ms, p99 {:.2} ms",
		ms(percentile(&baseline, 50.0)),
		ms(percentile(&baseline, 99.0)),
	);
	let (rss, peak) = node.memory();
	println!(
		"social_homeFeed (limit {}, {} followees) over WebSocket, {} calls: p50 {:.2} ms, p99 {:.2} \
		 ms, max {:.2} ms; node memory: VmRSS {} MiB, VmHWM {} MiB",
		args.limit,
		args.follows,
		args.calls,
		ms(percentile(&latencies, 50.0)),
		ms(percentile(&latencies, 99.0)),
		ms(*latencies.last().unwrap()),
		rss >> 10,
		peak >> 10,
	);
}

/// The synthetic social network and the index it is written to.
struct Synthetic<'a> {
	index: &'a Index,
	accounts: u32,
	posts: u64,
	follows: u32,
	actions: u32,
	reader: AccountId32,
	rng: u64,
	next_post: u64,
	/// The last block written: the next one's parent.
	parent: Hash,
	blocks: u64,
	pending: Vec<Change>,
}

impl<'a> Synthetic<'a> {
	fn new(args: &Args, index: &'a Index) -> Self {
		Synthetic {
			index,
			accounts: args.accounts,
			posts: args.posts,
			follows: args.follows,
			actions: args.actions,
			reader: account(u32::MAX),
			rng: 0x4b17_4b17,
			next_post: 0,
			parent: [0; 32],
			blocks: 0,
			pending: Vec::new(),
		}
	}

	/// splitmix64: deterministic, so every run builds the same network.
	fn random(&mut self, below: u64) -> u64 {
		self.rng = self.rng.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = self.rng;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		(z ^ (z >> 31)) % below
	}

	fn random_account(&mut self) -> AccountId32 {
		account(self.random(self.accounts.into()) as u32)
	}

	fn fill(&mut self) {
		for i in 0..self.accounts {
			let handle = format!("user{i}").into_bytes();
			let profile = IndexedProfile {
				display_name: format!("User {i}").into_bytes(),
				bio: b"Posting about #kith and everything else".to_vec(),
				handle: Some(handle),
				avatar: None,
			};
			self.push(Change::Profile { who: account(i), profile: Some(profile) });
			for _ in 0..FOLLOWS_EACH {
				let followee = self.random_account();
				self.push(Change::Followed { follower: account(i), followee });
			}
		}
		// The reader follows `follows` distinct accounts: every `accounts / follows`-th one.
		let step = self.accounts / self.follows;
		for n in 0..self.follows {
			let followee = account(n * step);
			self.push(Change::Followed { follower: self.reader.clone(), followee });
		}
		while self.next_post < self.posts {
			let change = self.random_post();
			self.push(change);
		}
		self.flush();
	}

	/// A post by a random author: mostly roots, some replies and reposts of earlier posts.
	fn random_post(&mut self) -> Change {
		let post_id = self.next_post;
		self.next_post += 1;
		let author = self.random_account();
		let kind = match (post_id, self.random(100)) {
			(0, _) | (_, 0..80) => PostKind::Root,
			(_, 80..95) => {
				let parent = self.random(post_id);
				PostKind::Reply { parent, root: parent }
			},
			_ => PostKind::Repost { of: self.random(post_id) },
		};
		let content = match kind {
			PostKind::Repost { .. } => IndexedContent::None,
			_ if post_id.is_multiple_of(10) => IndexedContent::Text(
				format!("Post {post_id}, about #topic{}", post_id % 1000).into(),
			),
			_ => IndexedContent::Text(
				format!(
					"Post {post_id}: a hundred bytes of text or so, as people write them here."
				)
				.into(),
			),
		};
		Change::PostCreated { post_id, author, kind, content }
	}

	/// One social action of a busy block.
	fn random_action(&mut self) -> Change {
		let who = self.random_account();
		match self.random(10) {
			0..5 => self.random_post(),
			5..8 => Change::Reacted {
				post_id: self.random(self.next_post),
				who,
				reaction: self.random(6) as u8,
				previous: None,
			},
			8 => Change::Followed { follower: who, followee: self.random_account() },
			_ => Change::Tipped {
				from: who,
				to: self.random_account(),
				post_id: Some(self.random(self.next_post)),
				amount: 1_000_000_000_000,
				memo: Some(b"thanks".to_vec()),
			},
		}
	}

	fn push(&mut self, change: Change) {
		self.pending.push(change);
		if self.pending.len() >= FILL_BLOCK {
			self.flush();
		}
	}

	/// Imports and finalizes the pending changes as one block.
	fn flush(&mut self) {
		let changes = std::mem::take(&mut self.pending);
		let hash = self.block_hash();
		self.block(hash, &changes);
		self.index.finalize(hash).unwrap();
	}

	fn block_hash(&mut self) -> Hash {
		self.blocks += 1;
		blake2_256(&self.blocks.to_le_bytes())
	}

	/// Imports `changes` as block `hash`, on the last block.
	fn block(&mut self, hash: Hash, changes: &[Change]) -> Duration {
		// Every synthetic block is numbered 0: the node's genesis block ends the fill.
		let block = BlockRef { hash, parent: self.parent, number: 0 };
		let start = Instant::now();
		self.index.import(block, changes).unwrap();
		self.parent = hash;
		start.elapsed()
	}

	/// Import and commit times of blocks of `actions` actions, each sorted.
	fn measure_blocks(&mut self) -> (Vec<Duration>, Vec<Duration>) {
		let (mut imports, mut commits) = (Vec::new(), Vec::new());
		for _ in 0..MEASURED_BLOCKS {
			let changes: Vec<Change> = (0..self.actions).map(|_| self.random_action()).collect();
			let hash = self.block_hash();
			imports.push(self.block(hash, &changes));
			let start = Instant::now();
			self.index.finalize(hash).unwrap();
			commits.push(start.elapsed());
		}
		imports.sort();
		commits.sort();
		(imports, commits)
	}

	/// Ends the synthetic chain with the node's genesis block: the index's watermark.
	fn end_at(&mut self, genesis: Hash) {
		self.block(genesis, &[]);
		self.index.finalize(genesis).unwrap();
		assert_eq!(self.index.watermark(), Some((0, genesis)));
	}
}

/// The synthetic account `n`.
fn account(n: u32) -> AccountId32 {
	AccountId32::new(blake2_256(&n.to_le_bytes()))
}

/// A `kith-node` on the `dev` chain, on loopback, authoring nothing.
struct RunningNode {
	child: Child,
	rpc_port: u16,
}

impl RunningNode {
	fn start(binary: &Path, base: &Path) -> RunningNode {
		let log_path = base.join("node.log");
		let log = File::options().create(true).append(true).open(&log_path).unwrap();
		let from = log.metadata().unwrap().len() as usize;
		let child = Command::new(binary)
			.args(["--chain", "dev", "--base-path"])
			.arg(base)
			.args(["--listen-addr", "/ip4/127.0.0.1/tcp/0", "--rpc-port", "0", "--no-mdns"])
			.args(["--no-prometheus", "--no-telemetry", "--name", "bench-feed"])
			.stdout(Stdio::null())
			.stderr(log)
			.spawn()
			.expect("kith-node starts");
		let deadline = Instant::now() + Duration::from_secs(300);
		let rpc_port = loop {
			assert!(
				Instant::now() < deadline,
				"the node did not start: see {}",
				log_path.display()
			);
			std::thread::sleep(Duration::from_millis(200));
			let text = std::fs::read_to_string(&log_path).unwrap_or_default();
			let port = text.get(from..).and_then(|log| {
				let line = log.lines().find(|l| l.contains("Running JSON-RPC server: addr="))?;
				line.split("addr=")
					.nth(1)?
					.split(',')
					.find_map(|a| a.trim().strip_prefix("127.0.0.1:")?.parse::<u16>().ok())
			});
			if let Some(port) = port {
				break port;
			}
		};
		RunningNode { child, rpc_port }
	}

	fn websocket(&self) -> WebSocket<MaybeTlsStream<TcpStream>> {
		let url = format!("ws://127.0.0.1:{}", self.rpc_port);
		let deadline = Instant::now() + Duration::from_secs(60);
		loop {
			match tungstenite::connect(&url) {
				Ok((socket, _)) => {
					// Small requests go out at once, not after the peer's delayed acknowledgement.
					if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
						stream.set_nodelay(true).unwrap();
					}
					return socket;
				},
				Err(e) if Instant::now() > deadline => panic!("no WebSocket at {url}: {e}"),
				Err(_) => std::thread::sleep(Duration::from_millis(200)),
			}
		}
	}

	fn call(&self, method: &str, params: Value) -> Value {
		request(&mut self.websocket(), method, &params)
	}

	/// The node's resident memory and its peak, in KiB.
	fn memory(&self) -> (u64, u64) {
		let mut status = String::new();
		File::open(format!("/proc/{}/status", self.child.id()))
			.and_then(|mut f| f.read_to_string(&mut status))
			.unwrap();
		let field = |name: &str| {
			let line = status.lines().find(|l| l.starts_with(name)).unwrap();
			line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap()
		};
		(field("VmRSS:"), field("VmHWM:"))
	}

	/// Stops the node the way an operator does (SIGTERM), so that its databases close cleanly.
	fn stop(&mut self) {
		let pid = self.child.id().to_string();
		let sent = Command::new("kill").args(["-TERM", &pid]).status();
		assert!(sent.is_ok_and(|status| status.success()), "kill -TERM {pid}");
		self.child.wait().unwrap();
	}
}

impl Drop for RunningNode {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

/// One JSON-RPC call over `socket`: its result.
fn request(
	socket: &mut WebSocket<MaybeTlsStream<TcpStream>>,
	method: &str,
	params: &Value,
) -> Value {
	let call = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
	socket.send(Message::Text(call.to_string().into())).unwrap();
	loop {
		if let Message::Text(text) = socket.read().unwrap() {
			let mut answer: Value = serde_json::from_str(&text).unwrap();
			match answer.get_mut("result") {
				Some(result) => return result.take(),
				None => panic!("{method} failed: {answer}"),
			}
		}
	}
}

/// The node's social index folder under `base` (`chains/<id>/social-index`).
fn find_index(base: &Path) -> PathBuf {
	let chains = std::fs::read_dir(base.join("chains")).expect("the node made its chain folder");
	chains
		.filter_map(|entry| Some(entry.ok()?.path().join("social-index")))
		.find(|path| path.is_dir())
		.expect("the node made its social index")
}

fn dir_size(path: &Path) -> u64 {
	std::fs::read_dir(path)
		.unwrap()
		.filter_map(|entry| entry.ok()?.metadata().ok())
		.map(|meta| meta.len())
		.sum()
}

/// The times of `count` calls of `call`, after [`WARM_UP`] calls not timed, sorted.
fn timed(count: u32, mut call: impl FnMut()) -> Vec<Duration> {
	for _ in 0..WARM_UP {
		call();
	}
	let mut times: Vec<Duration> = (0..count)
		.map(|_| {
			let start = Instant::now();
			call();
			start.elapsed()
		})
		.collect();
	times.sort();
	times
}

fn percentile(sorted: &[Duration], percent: f64) -> Duration {
	let rank = ((percent / 100.0) * sorted.len() as f64).ceil() as usize;
	sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(duration: Duration) -> f64 {
	duration.as_secs_f64() * 1e3
}

fn blake2_256(bytes: &[u8]) -> Hash {
	BlakeTwo256::hash(bytes).0
}
