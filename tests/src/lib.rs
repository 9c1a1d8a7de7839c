//! The harness of Kith's end-to-end tests: it starts real `kith-node` processes on loopback with
//! temporary databases, talks JSON-RPC to them over HTTP, and always stops them. Waiting is done by
//! polling a condition against a deadline, never by sleeping blindly.
//!
//! - Nodes listen on 127.0.0.1 only (p2p `--listen-addr /ip4/127.0.0.1/tcp/..`, RPC on loopback, no
//!   mDNS, no Prometheus, no telemetry), on ports the node picks itself (port 0) and reports back, so
//!   that two tests never race for a port.
//! - A node dies with the test process, also when that process is killed (`PR_SET_PDEATHSIG`).
//! - When a test fails, every node it started keeps its folder (log and database) and prints where it
//!   is, with the last lines of its log.
//! - [`Node::submit`] signs and sends an extrinsic with the `kith` client's library (the CLI's own
//!   code), waits until it is in a block and fails the test at once with the pallet's error
//!   (`posts.TextTooLong: ...`) if it failed ([`tx`]).
//! - [`chain_spec`] gives a built-in chain, its genesis patched if a test wants shorter sessions or eras,
//!   as a raw chain spec built once and cached; with the shared wasmtime cache (`--wasm-cache-dir`) a
//!   node starts in about a second instead of compiling and running the runtime to build its genesis.

use std::{
	fs::File,
	os::unix::process::CommandExt,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	sync::Mutex,
	time::{Duration, Instant},
};

use codec::Decode;
use serde_json::{json, Value};
use sp_core::H256;

mod spec;
pub mod tx;

pub use spec::{cache_dir, chain_spec};
pub use tx::Included;

/// How long a test waits for a condition that a healthy chain reaches in a few blocks.
pub const DEADLINE: Duration = Duration::from_secs(120);

/// How many lines of a node's log a failure prints.
const LOG_TAIL_LINES: usize = 40;

/// The node binary: `KITH_NODE` if set, else `kith-node` in the cargo target folder this test was built
/// in. The end-to-end tests are integration tests of the `kith-node` package (see `node/Cargo.toml`), so
/// cargo builds that binary from the current tree before it runs them.
pub fn node_binary() -> PathBuf {
	if let Some(path) = std::env::var_os("KITH_NODE") {
		return PathBuf::from(path);
	}
	// Test executables live in `<target>/<profile>/deps/`; the node binary in `<target>/<profile>/`.
	let exe = std::env::current_exe().expect("the test knows its own path");
	let bin = exe.parent().and_then(Path::parent).expect("deps/ has a parent").join("kith-node");
	assert!(bin.exists(), "{} is missing: build it first (scripts/test.sh does)", bin.display());
	bin
}

/// An error the node answered a JSON-RPC request with.
#[derive(Debug, Clone, PartialEq)]
pub struct RpcError {
	/// The JSON-RPC error code (0: the request did not get an answer).
	pub code: i64,
	/// The message.
	pub message: String,
}

/// A running `kith-node` process.
pub struct Node {
	/// A name for logs: `alice`, `bob`, ...
	pub name: String,
	child: Mutex<Option<Child>>,
	args: Vec<String>,
	/// The client library's connection ([`tx`]), made at first use.
	chain: Mutex<Option<std::sync::Arc<tx::Chain>>>,
	/// The temporary base path; `None` once kept after a failure.
	dir: Option<tempfile::TempDir>,
	base_path: PathBuf,
	/// The RPC port (HTTP and WebSocket) on 127.0.0.1.
	pub rpc_port: u16,
	/// The p2p port on 127.0.0.1.
	pub p2p_port: u16,
}

thread_local! {
	/// Whether this thread holds the start lock for a group of nodes (`start_together`).
	static STARTING_TOGETHER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keeps other tests from starting nodes until it drops, so that the nodes this thread starts meanwhile
/// come up one right after the other: a network of validators, which would otherwise wait behind every
/// other test's nodes while its first validator authors alone.
pub struct StartTogether {
	_lock: spec::CacheLock,
}

/// Holds the node start lock until the returned guard drops; see [`StartTogether`].
pub fn start_together() -> StartTogether {
	let lock = spec::CacheLock::acquire("start");
	STARTING_TOGETHER.set(true);
	StartTogether { _lock: lock }
}

impl Drop for StartTogether {
	fn drop(&mut self) {
		STARTING_TOGETHER.set(false);
	}
}

impl Node {
	/// Starts a single-validator development node: the `dev` chain (from its cached raw spec), Alice
	/// authoring and finalizing alone. What `--dev` does, without building the genesis at every start.
	pub fn dev(name: &str) -> Node {
		let spec = chain_spec("dev", Value::Null);
		Node::start(name, &["--chain", spec.to_str().unwrap(), "--alice", "--force-authoring"])
	}

	/// Starts a node with the given arguments, in a temporary base path, on ports it picks itself.
	pub fn start(name: &str, args: &[&str]) -> Node {
		Node::start_prepared(name, args, |_| {})
	}

	/// [`Node::start`], after `prepare` has run on the empty base path (to put keys in its key store
	/// with `kith-node key insert`, say).
	pub fn start_prepared(name: &str, args: &[&str], prepare: impl FnOnce(&Path)) -> Node {
		let dir = tempfile::Builder::new().prefix(&format!("kith-e2e-{name}-")).tempdir().unwrap();
		prepare(dir.path());
		let mut node = Node {
			name: name.into(),
			child: Mutex::new(None),
			chain: Mutex::new(None),
			args: args.iter().map(|s| s.to_string()).collect(),
			base_path: dir.path().to_path_buf(),
			dir: Some(dir),
			rpc_port: 0,
			p2p_port: 0,
		};
		node.spawn();
		node
	}

	fn log_path(&self) -> PathBuf {
		self.base_path.join("node.log")
	}

	fn spawn(&mut self) {
		// A node of a non-development chain needs a network key of its own; keep it across restarts so
		// that the node's peer id stays the same.
		let node_key = self.base_path.join("node-key");
		if !node_key.exists() {
			let status = Command::new(node_binary())
				.args(["key", "generate-node-key", "--file", node_key.to_str().unwrap()])
				.stdout(Stdio::null())
				.stderr(Stdio::null())
				.status()
				.expect("kith-node key generate-node-key runs");
			assert!(status.success(), "generate-node-key failed");
		}
		// Nodes start one at a time across all tests: a start compiles the runtime (once, then wasmtime's
		// cache has it) and opens a database, and a dozen at once on two cores would each take minutes.
		// Within `start_together`, this thread holds the lock already.
		let _starting = (!STARTING_TOGETHER.get()).then(|| spec::CacheLock::acquire("start"));
		let log_start = std::fs::metadata(self.log_path()).map(|m| m.len()).unwrap_or(0);
		let log = File::options().create(true).append(true).open(self.log_path()).expect("a log");
		let mut command = Command::new(node_binary());
		command
			.args(&self.args)
			.args(["--node-key-file", node_key.to_str().unwrap()])
			.args(["--base-path", self.base_path.to_str().unwrap()])
			// Loopback only: p2p and RPC on 127.0.0.1, no mDNS multicast, nothing sent elsewhere.
			.args(["--listen-addr", &format!("/ip4/127.0.0.1/tcp/{}", self.p2p_port)])
			.args(["--rpc-port", &self.rpc_port.to_string()])
			.args(["--no-mdns", "--no-prometheus", "--no-telemetry", "--name", &self.name])
			.arg("--wasm-cache-dir")
			.arg(cache_dir().join("wasmtime"))
			.stdout(Stdio::null())
			.stderr(log);
		// SAFETY: `prctl` is async-signal-safe; the closure allocates nothing.
		unsafe {
			command.pre_exec(|| {
				// The node gets SIGKILL when the test that started it dies, however it dies.
				if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
					return Err(std::io::Error::last_os_error());
				}
				Ok(())
			});
		}
		*self.child.lock().unwrap() = Some(command.spawn().expect("kith-node starts"));

		// The ports the node bound: RPC from its log line, p2p from its own listen addresses.
		self.rpc_port = self.wait_for("its JSON-RPC server", || self.logged_rpc_port(log_start));
		self.wait_for("its RPC to answer", || self.try_rpc("system_health", json!([])).ok());
		self.p2p_port = self.wait_for("its p2p listener", || {
			self.listen_addresses().iter().find_map(|a| {
				a.strip_prefix("/ip4/127.0.0.1/tcp/")?.split('/').next()?.parse().ok()
			})
		});
	}

	/// The RPC port in the `Running JSON-RPC server: addr=127.0.0.1:PORT,...` line that the node logged
	/// after byte `from` of its log.
	fn logged_rpc_port(&self, from: u64) -> Option<u16> {
		let log = std::fs::read(self.log_path()).ok()?;
		let log = String::from_utf8_lossy(log.get(from as usize..)?);
		let line = log.lines().find(|l| l.contains("Running JSON-RPC server: addr="))?;
		let addrs = line.split("addr=").nth(1)?;
		addrs.split(',').find_map(|a| a.trim().strip_prefix("127.0.0.1:")?.parse().ok())
	}

	/// The multiaddresses the node's p2p layer listens on (`system_localListenAddresses`).
	pub fn listen_addresses(&self) -> Vec<String> {
		let addrs = self.rpc("system_localListenAddresses", json!([]));
		addrs
			.as_array()
			.into_iter()
			.flatten()
			.filter_map(|a| a.as_str().map(String::from))
			.collect()
	}

	/// Every multiaddress the node's network state mentions (`system_unstable_networkState`): its
	/// listeners and external addresses, and the addresses of its peers and of their connections.
	pub fn network_addresses(&self) -> Vec<String> {
		fn collect(value: &Value, into: &mut Vec<String>) {
			match value {
				Value::String(s)
					if s.starts_with("/ip4/")
						|| s.starts_with("/ip6/")
						|| s.starts_with("/dns") =>
				{
					into.push(s.clone())
				},
				Value::Array(items) => items.iter().for_each(|v| collect(v, into)),
				Value::Object(map) => map.values().for_each(|v| collect(v, into)),
				_ => {},
			}
		}
		let mut addresses = Vec::new();
		collect(&self.rpc("system_unstable_networkState", json!([])), &mut addresses);
		addresses
	}

	/// The node process's id (panics if it is not running).
	pub fn pid(&self) -> u32 {
		self.child.lock().unwrap().as_ref().expect("the node runs").id()
	}

	/// Kills the process at once (SIGKILL), leaving its database as a crash would.
	pub fn kill(&mut self) {
		self.chain.lock().unwrap().take();
		if let Some(mut child) = self.child.lock().unwrap().take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}

	/// Stops the node and keeps its folder (database, key store, log) instead of deleting it; returns
	/// where it is.
	pub fn stop_and_keep(&mut self) -> PathBuf {
		self.kill();
		self.dir.take().map_or_else(|| self.base_path.clone(), |dir| dir.keep())
	}

	/// Starts the process again on the same database, ports and arguments.
	pub fn restart(&mut self) {
		assert!(self.child.lock().unwrap().is_none(), "{} is still running", self.name);
		self.spawn();
	}

	/// Starts the process again on the same database and ports, with `args` added to its arguments.
	pub fn restart_with(&mut self, args: &[&str]) {
		self.args.extend(args.iter().map(|arg| arg.to_string()));
		self.restart();
	}

	/// The node's log so far (its stderr).
	pub fn log(&self) -> String {
		std::fs::read_to_string(self.log_path()).unwrap_or_default()
	}

	/// The last lines of the node's log so far, for failure messages.
	pub fn log_tail(&self) -> String {
		let log = self.log();
		let lines: Vec<&str> = log.lines().collect();
		lines[lines.len().saturating_sub(LOG_TAIL_LINES)..].join("\n")
	}

	/// Fails the test with `message`, the node's folder and the end of its log.
	#[track_caller]
	pub fn fail(&self, message: &str) -> ! {
		panic!(
			"{}: {message}\nlast {LOG_TAIL_LINES} lines of {}:\n{}",
			self.name,
			self.log_path().display(),
			self.log_tail()
		)
	}

	/// Sends a JSON-RPC request and returns its result or the node's error.
	pub fn try_rpc(&self, method: &str, params: Value) -> Result<Value, RpcError> {
		let request = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
		let response: Value = ureq::post(&format!("http://127.0.0.1:{}", self.rpc_port))
			.timeout(Duration::from_secs(30))
			.send_json(request)
			.map_err(|e| RpcError { code: 0, message: format!("transport: {e}") })?
			.into_json()
			.map_err(|e| RpcError { code: 0, message: format!("not JSON: {e}") })?;
		if let Some(error) = response.get("error") {
			let data = error.get("data").map(|d| format!(" ({d})")).unwrap_or_default();
			return Err(RpcError {
				code: error["code"].as_i64().unwrap_or_default(),
				message: format!("{}{data}", error["message"].as_str().unwrap_or_default()),
			});
		}
		Ok(response["result"].clone())
	}

	/// Sends a JSON-RPC request that must succeed.
	#[track_caller]
	pub fn rpc(&self, method: &str, params: Value) -> Value {
		self.try_rpc(method, params)
			.unwrap_or_else(|e| self.fail(&format!("{method} failed: {e:?}")))
	}

	/// Polls `check` until it returns `Some`, or fails the test after [`DEADLINE`] or as soon as the
	/// node process has exited.
	#[track_caller]
	pub fn wait_for<T>(&self, what: &str, check: impl FnMut() -> Option<T>) -> T {
		self.wait_within(DEADLINE, what, check)
	}

	/// [`Node::wait_for`] with another deadline, for conditions that take several sessions.
	#[track_caller]
	pub fn wait_within<T>(
		&self,
		deadline: Duration,
		what: &str,
		mut check: impl FnMut() -> Option<T>,
	) -> T {
		let start = Instant::now();
		loop {
			if let Some(value) = check() {
				return value;
			}
			let exited =
				self.child.lock().unwrap().as_mut().and_then(|c| c.try_wait().ok().flatten());
			if let Some(status) = exited {
				self.fail(&format!("exited ({status}) while waiting for {what}"));
			}
			if start.elapsed() > deadline {
				self.fail(&format!("no {what} within {deadline:?}"));
			}
			std::thread::sleep(Duration::from_millis(100));
		}
	}

	/// The number of a block header returned by `chain_getHeader`.
	fn header_number(header: &Value) -> u32 {
		let hex = header["number"].as_str().expect("a header has a number");
		u32::from_str_radix(hex.trim_start_matches("0x"), 16).expect("a hex block number")
	}

	/// The number of the best block.
	pub fn best_number(&self) -> u32 {
		Self::header_number(&self.rpc("chain_getHeader", json!([])))
	}

	/// The number of the last finalized block.
	pub fn finalized_number(&self) -> u32 {
		let hash = self.rpc("chain_getFinalizedHead", json!([]));
		Self::header_number(&self.rpc("chain_getHeader", json!([hash])))
	}

	/// The hash of block `number` on the best chain.
	pub fn block_hash(&self, number: u32) -> H256 {
		decode_hex_as(&self.rpc("chain_getBlockHash", json!([number])))
	}

	/// Waits until the finalized block number reaches `number`; returns it.
	#[track_caller]
	pub fn wait_finalized(&self, number: u32) -> u32 {
		self.wait_for(&format!("finalized block #{number}"), || {
			Some(self.finalized_number()).filter(|n| *n >= number)
		})
	}

	/// Waits until the best block number reaches `number`; returns it.
	#[track_caller]
	pub fn wait_best(&self, number: u32) -> u32 {
		self.wait_for(&format!("best block #{number}"), || {
			Some(self.best_number()).filter(|n| *n >= number)
		})
	}

	/// The node's libp2p peer id.
	pub fn peer_id(&self) -> String {
		self.rpc("system_localPeerId", json!([])).as_str().unwrap().to_string()
	}

	/// The multiaddress other nodes can dial this one at: its loopback listener.
	pub fn multiaddr(&self) -> String {
		format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", self.p2p_port, self.peer_id())
	}

	/// Reads a storage value at the best block and decodes it.
	pub fn storage<T: Decode>(&self, key: &[u8]) -> Option<T> {
		let value = self.rpc("state_getStorage", json!([hex(key)]));
		value.as_str().map(|_| decode_hex_as(&value))
	}

	/// Reads a storage value at block `at` and decodes it.
	pub fn storage_at<T: Decode>(&self, key: &[u8], at: H256) -> Option<T> {
		let value = self.rpc("state_getStorage", json!([hex(key), at]));
		value.as_str().map(|_| decode_hex_as(&value))
	}

	/// The digest items of block `at`'s header.
	pub fn digest(&self, at: H256) -> Vec<sp_runtime::DigestItem> {
		let header = self.rpc("chain_getHeader", json!([at]));
		header["digest"]["logs"]
			.as_array()
			.expect("a header has logs")
			.iter()
			.map(decode_hex_as)
			.collect()
	}

	/// The free balance of an account, read from `System::Account`.
	pub fn free_balance(&self, who: &kith_runtime::AccountId) -> kith_runtime::Balance {
		type AccountInfo = frame_system::AccountInfo<
			kith_runtime::Nonce,
			pallet_balances::AccountData<kith_runtime::Balance>,
		>;
		let key = frame_system::Account::<kith_runtime::Runtime>::hashed_key_for(who);
		self.storage::<AccountInfo>(&key).map(|info| info.data.free).unwrap_or_default()
	}

	/// Calls runtime API `method` (e.g. `SocialGraphApi_profile`) at the best block with SCALE-encoded
	/// `args`, and decodes its result.
	///
	/// The node resolves "best" before it reads the state, so when a reorg and the finality that
	/// follows it prune the fork that was best in between (two halves of a network meeting), the
	/// call fails with "State already discarded"; it is asked again then, at the new best block.
	#[track_caller]
	pub fn runtime_call<R: Decode>(&self, method: &str, args: impl codec::Encode) -> R {
		let params = json!([method, hex(&args.encode())]);
		let mut attempts = 0;
		loop {
			match self.try_rpc("state_call", params.clone()) {
				Ok(result) => return decode_hex_as(&result),
				Err(e) if e.message.contains("State already discarded") && attempts < 3 => {
					attempts += 1
				},
				Err(e) => self.fail(&format!("state_call {method} failed: {e:?}")),
			}
		}
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		self.kill();
		// A failing test keeps every node's folder (log and database) for a post-mortem.
		if std::thread::panicking() {
			if let Some(dir) = self.dir.take() {
				let kept = dir.keep();
				eprintln!(
					"[{}] kept {} (log: node.log); last {LOG_TAIL_LINES} lines:\n{}\n",
					self.name,
					kept.display(),
					self.log_tail()
				);
			}
		}
	}
}

/// `0x`-prefixed hex of bytes, in full (`HexDisplay` would abbreviate anything over 1 KiB).
pub fn hex(bytes: &[u8]) -> String {
	sp_core::bytes::to_hex(bytes, false)
}

/// Decodes a `0x` hex string returned by the node into bytes.
pub fn decode_hex(value: &Value) -> Vec<u8> {
	let s = value.as_str().unwrap_or_else(|| panic!("a hex string, not {value}"));
	sp_core::bytes::from_hex(s).expect("valid hex")
}

/// Decodes a `0x` hex string returned by the node as a SCALE value.
pub fn decode_hex_as<T: Decode>(value: &Value) -> T {
	T::decode(&mut &decode_hex(value)[..]).expect("SCALE decodes")
}
