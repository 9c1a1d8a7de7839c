//! Signing, submitting and following a workload on the node: WebSockets that submit JSON-RPC batches,
//! one that records when each block was first seen as best and as finalized, and the blocks read back
//! (extrinsics, events, weight, timestamp) to see what each transaction became.

use std::{
	collections::{BTreeMap, HashMap},
	net::TcpStream,
	sync::{mpsc, Arc, Mutex},
	time::{Duration, Instant},
};

use codec::{Compact, Encode};
use frame_support::{
	dispatch::{DispatchClass, PerDispatchClass},
	weights::Weight,
};
use kith_e2e::{decode_hex, hex, Node};
use kith_runtime::{AccountId, Balance, Nonce, Runtime, RuntimeCall, RuntimeError, RuntimeEvent};
use pallet_posts::{PostId, PostKind};
use serde_json::{json, Value};
use sp_core::{sr25519, Pair, H256};
use sp_crypto_hashing::{blake2_256, twox_128};
use sp_runtime::{DigestItem, DispatchError};
use tungstenite::{stream::MaybeTlsStream, Message, WebSocket};

use crate::Args;

/// A kind of load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workload {
	Transfers,
	Posts,
	Replies,
	Reactions,
	Follows,
	Tips,
	Mix,
}

impl Workload {
	pub const ALL: [Workload; 7] = [
		Workload::Transfers,
		Workload::Posts,
		Workload::Replies,
		Workload::Reactions,
		Workload::Follows,
		Workload::Tips,
		Workload::Mix,
	];

	pub fn name(self) -> &'static str {
		match self {
			Workload::Transfers => "transfers",
			Workload::Posts => "posts",
			Workload::Replies => "replies",
			Workload::Reactions => "reactions",
			Workload::Follows => "follows",
			Workload::Tips => "tips",
			Workload::Mix => "mix",
		}
	}

	pub fn parse(name: &str) -> Result<Workload, String> {
		Workload::ALL.into_iter().find(|w| w.name() == name).ok_or(format!(
			"unknown workload {name} (transfers, posts, replies, reactions, follows, tips, mix)"
		))
	}

	/// Whether it acts on the posts that the `posts` workload created.
	pub fn needs_posts(self) -> bool {
		matches!(self, Workload::Replies | Workload::Reactions | Workload::Tips | Workload::Mix)
	}
}

/// `f` over `items` on every core, in order.
pub fn parallel<I: Send, O: Send>(items: Vec<I>, f: impl Fn(I) -> O + Sync) -> Vec<O> {
	let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
	let chunk = items.len().div_ceil(threads).max(1);
	let mut items = items.into_iter();
	let chunks: Vec<Vec<I>> = std::iter::from_fn(|| {
		let chunk: Vec<I> = items.by_ref().take(chunk).collect();
		(!chunk.is_empty()).then_some(chunk)
	})
	.collect();
	std::thread::scope(|scope| {
		let handles: Vec<_> = chunks
			.into_iter()
			.map(|chunk| scope.spawn(|| chunk.into_iter().map(&f).collect::<Vec<O>>()))
			.collect();
		handles.into_iter().flat_map(|h| h.join().expect("a worker thread")).collect()
	})
}

type Socket = WebSocket<MaybeTlsStream<TcpStream>>;

/// A WebSocket to the node on loopback.
fn connect(port: u16) -> Socket {
	let (socket, _) = tungstenite::connect(format!("ws://127.0.0.1:{port}"))
		.unwrap_or_else(|e| panic!("no WebSocket on 127.0.0.1:{port}: {e}"));
	if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
		stream.set_nodelay(true).expect("TCP_NODELAY");
	}
	socket
}

/// The next text message; `None` once the node closed the WebSocket (it stopped).
fn read_json(socket: &mut Socket) -> Option<Value> {
	loop {
		match socket.read().ok()? {
			Message::Text(text) => {
				return Some(serde_json::from_str(&text).expect("JSON from the node"))
			},
			Message::Close(_) => return None,
			_ => {},
		}
	}
}

/// When blocks were first seen, by number, as best and as finalized.
#[derive(Default)]
pub struct Heads {
	best: BTreeMap<u32, Instant>,
	finalized: BTreeMap<u32, Instant>,
}

impl Heads {
	fn best_number(&self) -> u32 {
		self.best.keys().next_back().copied().unwrap_or_default()
	}

	fn finalized_number(&self) -> u32 {
		self.finalized.keys().next_back().copied().unwrap_or_default()
	}

	/// Records `number` and every block below it not seen yet as seen now.
	fn see(seen: &mut BTreeMap<u32, Instant>, number: u32) {
		let from = seen.keys().next_back().map_or(number, |last| last + 1);
		let now = Instant::now();
		for n in from..=number {
			seen.entry(n).or_insert(now);
		}
	}
}

/// Follows new best and finalized heads on a WebSocket of its own, for as long as the process runs.
fn watch_heads(port: u16) -> Arc<Mutex<Heads>> {
	let heads = Arc::new(Mutex::new(Heads::default()));
	let mut socket = connect(port);
	let subscribe =
		|id, method| json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": [] });
	for request in
		[subscribe(1, "chain_subscribeNewHeads"), subscribe(2, "chain_subscribeFinalizedHeads")]
	{
		socket.send(Message::Text(request.to_string().into())).expect("a subscription");
	}
	let writer = heads.clone();
	std::thread::spawn(move || {
		let mut finalized_subscription = None;
		while let Some(message) = read_json(&mut socket) {
			if message["id"] == json!(2) {
				finalized_subscription = Some(message["result"].clone());
				continue;
			}
			let params = &message["params"];
			let Some(number) = params["result"]["number"].as_str() else { continue };
			let number = u32::from_str_radix(number.trim_start_matches("0x"), 16).expect("hex");
			let mut heads = writer.lock().unwrap();
			if Some(&params["subscription"]) == finalized_subscription.as_ref() {
				Heads::see(&mut heads.finalized, number);
			} else {
				Heads::see(&mut heads.best, number);
			}
		}
	});
	heads
}

/// What a submitter learned about one transaction.
struct Submitted {
	tx: usize,
	at: Instant,
	result: Result<(), String>,
}

/// Submits `txs` (index, hex) in batches on one WebSocket, reporting each answer on `results`.
fn submit(port: u16, txs: Vec<(usize, String)>, batch: usize, results: mpsc::Sender<Submitted>) {
	let mut socket = connect(port);
	for chunk in txs.chunks(batch) {
		let requests: Vec<Value> = chunk
			.iter()
			.map(|(tx, hex)| {
				json!({ "jsonrpc": "2.0", "id": tx, "method": "author_submitExtrinsic", "params": [hex] })
			})
			.collect();
		let at = Instant::now();
		socket
			.send(Message::Text(Value::Array(requests).to_string().into()))
			.expect("a batch goes out");
		let answers = read_json(&mut socket).expect("the node answers while the benchmark runs");
		let answers: Vec<(usize, Result<(), String>)> = match answers.as_array() {
			Some(answers) => answers
				.iter()
				.map(|answer| {
					let tx =
						answer["id"].as_u64().expect("an answer has its request's id") as usize;
					(tx, answer.get("error").map_or(Ok(()), |error| Err(error_message(error))))
				})
				.collect(),
			// The whole batch refused (too large, say): one error for all.
			None => {
				chunk.iter().map(|(tx, _)| (*tx, Err(error_message(&answers["error"])))).collect()
			},
		};
		for (tx, result) in answers {
			if results.send(Submitted { tx, at, result }).is_err() {
				return;
			}
		}
	}
}

/// A JSON-RPC error object as one line: its message, and its data if any.
fn error_message(error: &Value) -> String {
	let message = error["message"].as_str().unwrap_or("no message");
	match &error["data"] {
		Value::Null => message.to_string(),
		Value::String(data) => format!("{message}: {data}"),
		data => format!("{message}: {data}"),
	}
}

/// A block that included transactions of the workload.
pub struct BlockInfo {
	pub number: u32,
	/// The workload's transactions in it.
	pub ours: usize,
	/// Other transactions in it (not the workload's, not the timestamp inherent).
	pub others: usize,
	/// The weight of its normal class (`System::BlockWeight`), in picoseconds of reference time.
	pub normal_weight: u64,
	/// `Timestamp::Now`, ms.
	pub timestamp: u64,
	pub seen: Instant,
	pub finalized: Option<Instant>,
	/// How long the node took to build it and why it stopped adding transactions (its log).
	pub built: Option<(u64, String)>,
	/// How long executing it again on its parent's state took, ms ([`Bench::import_ms`]).
	pub import_ms: Option<u64>,
	/// Its parent, and the block as a node executes it on import: the header without the author's
	/// seal, then the extrinsics.
	unsealed: (H256, Vec<u8>),
}

/// What became of a workload.
pub struct RunResult {
	pub submitted: usize,
	pub accepted: usize,
	/// Pool refusals by reason.
	pub rejected: BTreeMap<String, usize>,
	pub included: usize,
	/// Included but failed, by error.
	pub failed: BTreeMap<String, usize>,
	/// Sent but never included (accepted, or never answered).
	pub missing: usize,
	/// Submit → first seen in a best block, per included transaction.
	pub to_block: Vec<Duration>,
	/// Submit → its block first seen finalized.
	pub to_final: Vec<Duration>,
	pub blocks: Vec<BlockInfo>,
	/// The timestamp of the block before the workload's first (one slot before it after genesis).
	pub start_timestamp: u64,
	/// When the first batch went out.
	pub started: Instant,
	/// (account, post) of every root post created.
	pub posts_created: Vec<(usize, PostId)>,
	/// The node's CPU time over the workload's wall time (1.0 = one core busy).
	pub cpu_cores: f64,
	/// The node's resident memory at the end and its peak so far, KiB.
	pub rss_kib: (u64, u64),
}

/// The node under load and what the tool keeps across workloads.
pub struct Bench<'a> {
	pub node: &'a Node,
	port: u16,
	genesis: H256,
	connections: usize,
	batch: usize,
	stall: Duration,
	heads: Arc<Mutex<Heads>>,
	nonces: Vec<u32>,
	/// The largest normal-class weight of a block, reference time.
	pub max_normal: u64,
}

type EventRecord = frame_system::EventRecord<RuntimeEvent, H256>;
type AccountInfo = frame_system::AccountInfo<Nonce, pallet_balances::AccountData<Balance>>;

fn storage_key(pallet: &str, item: &str) -> Vec<u8> {
	[twox_128(pallet.as_bytes()), twox_128(item.as_bytes())].concat()
}

impl<'a> Bench<'a> {
	pub fn new(node: &'a Node, args: &Args, genesis: H256) -> Bench<'a> {
		let max_normal = kith_runtime::configs::RuntimeBlockWeights::get()
			.get(DispatchClass::Normal)
			.max_total
			.expect("a normal-class limit")
			.ref_time();
		Bench {
			node,
			port: node.rpc_port,
			genesis,
			connections: args.connections,
			batch: args.batch,
			stall: args.stall,
			heads: watch_heads(node.rpc_port),
			nonces: vec![0; args.accounts as usize],
			max_normal,
		}
	}

	fn timestamp(&self, at: H256) -> u64 {
		self.node.storage_at(&storage_key("Timestamp", "Now"), at).unwrap_or_default()
	}

	/// The node's user and system CPU time so far.
	fn cpu_time(&self) -> Duration {
		let stat =
			std::fs::read_to_string(format!("/proc/{}/stat", self.node.pid())).unwrap_or_default();
		// Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
		let fields: Vec<&str> =
			stat.rsplit(')').next().unwrap_or_default().split_whitespace().collect();
		let ticks: u64 =
			fields.get(11..13).into_iter().flatten().filter_map(|f| f.parse::<u64>().ok()).sum();
		// SAFETY: sysconf has no preconditions.
		let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
		Duration::from_secs_f64(ticks as f64 / per_second)
	}

	/// VmRSS and VmHWM of the node, KiB.
	fn memory(&self) -> (u64, u64) {
		let status = std::fs::read_to_string(format!("/proc/{}/status", self.node.pid()))
			.unwrap_or_default();
		let field = |name: &str| {
			status
				.lines()
				.find(|l| l.starts_with(name))
				.and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
		};
		(field("VmRSS:").unwrap_or_default(), field("VmHWM:").unwrap_or_default())
	}

	/// Signs, submits and follows one workload; `calls` are (account, call).
	pub fn run(
		&mut self,
		workload: Workload,
		calls: Vec<(usize, RuntimeCall)>,
		keys: &[sr25519::Pair],
	) -> RunResult {
		let genesis = self.genesis;
		let nonces = &self.nonces;
		let signing = Instant::now();
		let signed: Vec<(usize, Vec<u8>)> = parallel(calls, |(account, call)| {
			let xt = kith_runtime::signing::sign(call, &keys[account], nonces[account], genesis);
			(account, xt.encode())
		});
		let hashes: HashMap<H256, usize> = signed
			.iter()
			.enumerate()
			.map(|(tx, (_, bytes))| (blake2_256(bytes).into(), tx))
			.collect();

		let start_number = self.node.best_number();
		let (results, answers) = mpsc::channel();
		let mut shares: Vec<Vec<(usize, String)>> = vec![Vec::new(); self.connections];
		for (tx, (_, bytes)) in signed.iter().enumerate() {
			shares[(tx / self.batch) % self.connections].push((tx, hex(bytes)));
		}
		eprintln!(
			"{}: signed in {:.1} s; submitting {} on {} connections",
			workload.name(),
			signing.elapsed().as_secs_f64(),
			signed.len(),
			self.connections
		);
		let (cpu_start, started) = (self.cpu_time(), Instant::now());
		for share in shares {
			let (port, batch, results) = (self.port, self.batch, results.clone());
			std::thread::spawn(move || submit(port, share, batch, results));
		}
		drop(results);

		let mut result = RunResult {
			submitted: signed.len(),
			accepted: 0,
			rejected: BTreeMap::new(),
			included: 0,
			failed: BTreeMap::new(),
			missing: 0,
			to_block: Vec::new(),
			to_final: Vec::new(),
			blocks: Vec::new(),
			start_timestamp: 0,
			started,
			posts_created: Vec::new(),
			cpu_cores: 0.0,
			rss_kib: (0, 0),
		};
		let mut submitted_at: Vec<Option<Instant>> = vec![None; signed.len()];
		let mut accepted = vec![false; signed.len()];
		// Transaction → the block (index into `result.blocks`) that included it.
		let mut included_in: Vec<Option<usize>> = vec![None; signed.len()];
		// Accepted by the pool and not in a block yet.
		let mut outstanding = 0usize;
		let mut submitting = true;
		let mut next = start_number + 1;
		let mut progress = Instant::now();
		// The node's CPU time and the wall time when the last of the workload was finalized.
		let end: (Duration, Instant);
		loop {
			while submitting {
				match answers.try_recv() {
					Ok(Submitted { tx, at, result: answer }) => {
						submitted_at[tx] = Some(at);
						match answer {
							Ok(()) => {
								result.accepted += 1;
								accepted[tx] = true;
								outstanding += usize::from(included_in[tx].is_none());
							},
							Err(reason) => *result.rejected.entry(reason).or_default() += 1,
						}
					},
					Err(mpsc::TryRecvError::Empty) => break,
					Err(mpsc::TryRecvError::Disconnected) => {
						submitting = false;
						progress = Instant::now();
					},
				}
			}
			let best = self.heads.lock().unwrap().best_number();
			while next <= best {
				if let Some(block) =
					self.read_block(next, &hashes, &signed, &mut included_in, &mut result)
				{
					progress = Instant::now();
					result.blocks.push(block);
					let index = result.blocks.len() - 1;
					let now_in = included_in.iter().enumerate().filter(|(_, b)| **b == Some(index));
					outstanding -= now_in.filter(|(tx, _)| accepted[*tx]).count();
				}
				next += 1;
			}
			let last = result.blocks.last().map_or(0, |b| b.number);
			if !submitting
				&& outstanding == 0
				&& self.heads.lock().unwrap().finalized_number() >= last
			{
				end = (self.cpu_time(), Instant::now());
				break;
			}
			if !submitting && progress.elapsed() > self.stall {
				eprintln!(
					"{}: no new block for {:?}; giving up on the rest",
					workload.name(),
					self.stall
				);
				end = (self.cpu_time(), progress);
				break;
			}
			std::thread::sleep(Duration::from_millis(50));
		}
		result.cpu_cores = end.0.saturating_sub(cpu_start).as_secs_f64()
			/ end.1.duration_since(started).as_secs_f64();
		result.rss_kib = self.memory();
		if let Some(first) = result.blocks.first() {
			// Genesis has no timestamp: the slot before the first block's then.
			result.start_timestamp = match self.timestamp(self.node.block_hash(first.number - 1)) {
				0 => first.timestamp.saturating_sub(kith_runtime::MILLI_SECS_PER_BLOCK),
				timestamp => timestamp,
			};
		}

		// When each block was seen finalized; the latencies; how long the node took to build each.
		let built = built_blocks(&self.node.log());
		{
			let heads = self.heads.lock().unwrap();
			for block in &mut result.blocks {
				block.finalized = heads.finalized.get(&block.number).copied();
				block.built = built.get(&block.number).cloned();
			}
		}
		for block in &mut result.blocks {
			block.import_ms = self.import_ms(block);
		}
		for (tx, block) in included_in.iter().enumerate() {
			let (Some(block), Some(at)) = (block, submitted_at[tx]) else { continue };
			let block = &result.blocks[*block];
			result.to_block.push(block.seen.saturating_duration_since(at));
			if let Some(finalized) = block.finalized {
				result.to_final.push(finalized.saturating_duration_since(at));
			}
		}
		// Nonces: one more for every included transaction (failed calls too); the chain's word for
		// accounts whose transaction is not in a block.
		for (tx, (account, _)) in signed.iter().enumerate() {
			if included_in[tx].is_some() {
				self.nonces[*account] += 1;
				continue;
			}
			let refused = submitted_at[tx].is_some() && !accepted[tx];
			result.missing += usize::from(!refused);
			let key = frame_system::Account::<Runtime>::hashed_key_for(AccountId::from(
				keys[*account].public(),
			));
			let info: Option<AccountInfo> = self.node.storage(&key);
			self.nonces[*account] = info.map_or(0, |info| info.nonce);
		}
		result
	}

	/// How long importing `block` takes the node, ms: its runtime executes the block again on its
	/// parent's state (`Core_execute_block` through `state_call`), as a node that imports it does:
	/// every extrinsic checked (signatures too) and applied, the state root computed and compared with
	/// the header's. Not counted: the database commit and the check of the author's seal; counted: one
	/// JSON-RPC round trip on loopback with the block in it. `None` (and a line on stderr) if the node
	/// refuses the call.
	fn import_ms(&self, block: &BlockInfo) -> Option<u64> {
		let (parent, unsealed) = &block.unsealed;
		let params = json!(["Core_execute_block", hex(unsealed), parent]);
		let started = Instant::now();
		match self.node.try_rpc("state_call", params) {
			Ok(_) => Some(started.elapsed().as_millis() as u64),
			Err(e) => {
				eprintln!("block #{} could not be executed again: {e:?}", block.number);
				None
			},
		}
	}

	/// Reads block `number`: which of `hashes` it includes and what became of them. `None` if it holds
	/// none of them.
	fn read_block(
		&self,
		number: u32,
		hashes: &HashMap<H256, usize>,
		signed: &[(usize, Vec<u8>)],
		included_in: &mut [Option<usize>],
		result: &mut RunResult,
	) -> Option<BlockInfo> {
		let seen =
			self.heads.lock().unwrap().best.get(&number).copied().unwrap_or_else(Instant::now);
		let hash = self.node.block_hash(number);
		let block = self.node.rpc("chain_getBlock", json!([hash]));
		let extrinsics: Vec<Vec<u8>> = block["block"]["extrinsics"]
			.as_array()
			.expect("extrinsics")
			.iter()
			.map(decode_hex)
			.collect();
		let ours: Vec<(u32, usize)> = extrinsics
			.iter()
			.enumerate()
			.filter_map(|(i, xt)| Some((i as u32, *hashes.get(&H256::from(blake2_256(xt)))?)))
			.collect();
		if ours.is_empty() {
			return None;
		}
		let mut header: kith_runtime::Header =
			serde_json::from_value(block["block"]["header"].clone()).expect("a header");
		// The seal is the author's signature over the block without it: an importing node takes it
		// off before it executes the block.
		if matches!(header.digest.logs.last(), Some(DigestItem::Seal(..))) {
			header.digest.pop();
		}
		let mut unsealed = header.encode();
		Compact(extrinsics.len() as u32).encode_to(&mut unsealed);
		unsealed.extend(extrinsics.concat());
		let events: Vec<EventRecord> =
			self.node.storage_at(&storage_key("System", "Events"), hash).unwrap_or_default();
		let weight: PerDispatchClass<Weight> =
			self.node.storage_at(&storage_key("System", "BlockWeight"), hash).unwrap_or_default();
		let index = result.blocks.len();
		let by_extrinsic: HashMap<u32, usize> = ours.iter().copied().collect();
		for (_, tx) in &ours {
			included_in[*tx] = Some(index);
		}
		result.included += ours.len();
		for record in events {
			let frame_system::Phase::ApplyExtrinsic(i) = record.phase else { continue };
			let Some(&tx) = by_extrinsic.get(&i) else { continue };
			match record.event {
				RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
					dispatch_error,
					..
				}) => {
					*result.failed.entry(error_name(dispatch_error)).or_default() += 1;
				},
				RuntimeEvent::Posts(pallet_posts::Event::PostCreated {
					post_id,
					kind: PostKind::Root,
					..
				}) => {
					result.posts_created.push((signed[tx].0, post_id));
				},
				_ => {},
			}
		}
		Some(BlockInfo {
			number,
			ours: ours.len(),
			others: extrinsics.len().saturating_sub(ours.len() + 1),
			normal_weight: weight.get(DispatchClass::Normal).ref_time(),
			timestamp: self.timestamp(hash),
			seen,
			finalized: None,
			built: None,
			import_ms: None,
			unsealed: (header.parent_hash, unsealed),
		})
	}
}

/// A pallet's error as `Posts(AlreadyReacted)`, or the error as it prints when it is not a pallet's.
fn error_name(error: DispatchError) -> String {
	match RuntimeError::from_dispatch_error(error) {
		Some(error) => format!("{error:?}"),
		None => format!("{error:?}"),
	}
}

/// Block number → (ms to build, end reason), from the node's `Prepared block for proposing at N (M ms)
/// …; end: R; …` log lines.
fn built_blocks(log: &str) -> BTreeMap<u32, (u64, String)> {
	log.lines()
		.filter_map(|line| {
			let rest = line.split("Prepared block for proposing at ").nth(1)?;
			let (number, rest) = rest.split_once(" (")?;
			let (ms, rest) = rest.split_once(" ms)")?;
			let end = rest.split("end: ").nth(1)?.split(';').next()?.to_string();
			Some((number.parse().ok()?, (ms.parse().ok()?, end)))
		})
		.collect()
}
