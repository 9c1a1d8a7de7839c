//! The harness of Kith's end-to-end tests: it starts real `kith-node` processes on free loopback ports with
//! temporary databases, talks JSON-RPC to them over HTTP, and always stops them (on drop, so also when a
//! test panics). Waiting is done by polling a condition against a deadline, never by sleeping blindly.

use std::{
	fs::File,
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	sync::Mutex,
	time::{Duration, Instant},
};

use codec::{Decode, Encode};
use serde_json::{json, Value};
use sp_core::{sr25519, H256};

/// How long a test waits for a condition that a healthy chain reaches in a few blocks.
pub const DEADLINE: Duration = Duration::from_secs(120);

/// The node binary: `KITH_NODE` if set, else `kith-node` in the cargo target folder this test was built in.
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

/// A loopback TCP port that nothing listens on right now.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

/// An error the node answered a JSON-RPC request with.
#[derive(Debug, Clone, PartialEq)]
pub struct RpcError {
	/// The JSON-RPC error code.
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
	base_path: PathBuf,
	/// Owns the temporary folder, so that it is deleted when the node is dropped.
	_dir: Option<tempfile::TempDir>,
	/// The RPC port (HTTP and WebSocket).
	pub rpc_port: u16,
	/// The p2p port.
	pub p2p_port: u16,
}

impl Node {
	/// Starts a node with the given arguments, in a temporary base path, on free ports.
	pub fn start(name: &str, args: &[&str]) -> Node {
		let dir = tempfile::Builder::new().prefix(&format!("kith-e2e-{name}-")).tempdir().unwrap();
		let base_path = dir.path().to_path_buf();
		let mut node = Node {
			name: name.into(),
			child: Mutex::new(None),
			args: args.iter().map(|s| s.to_string()).collect(),
			base_path,
			_dir: Some(dir),
			rpc_port: free_port(),
			p2p_port: free_port(),
		};
		node.spawn();
		node
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
		let log = File::options()
			.create(true)
			.append(true)
			.open(self.base_path.join("node.log"))
			.expect("a log file");
		let child = Command::new(node_binary())
			.args(&self.args)
			.args(["--node-key-file", node_key.to_str().unwrap()])
			.args(["--base-path", self.base_path.to_str().unwrap()])
			.args(["--rpc-port", &self.rpc_port.to_string()])
			.args(["--port", &self.p2p_port.to_string()])
			.args(["--no-prometheus", "--no-telemetry", "--no-mdns", "--name", &self.name])
			.stdout(Stdio::null())
			.stderr(log)
			.spawn()
			.expect("kith-node starts");
		*self.child.lock().unwrap() = Some(child);
		self.wait_for("its RPC to answer", || self.try_rpc("system_health", json!([])).ok());
	}

	/// Kills the process at once (SIGKILL), leaving its database as a crash would.
	pub fn kill(&mut self) {
		if let Some(mut child) = self.child.lock().unwrap().take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}

	/// Starts the process again on the same database, ports and arguments.
	pub fn restart(&mut self) {
		assert!(self.child.lock().unwrap().is_none(), "{} is still running", self.name);
		self.spawn();
	}

	/// The node's log so far (its stderr), for failure messages.
	pub fn log_tail(&self) -> String {
		let log = std::fs::read_to_string(self.base_path.join("node.log")).unwrap_or_default();
		let lines: Vec<&str> = log.lines().collect();
		lines[lines.len().saturating_sub(40)..].join("\n")
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
			return Err(RpcError {
				code: error["code"].as_i64().unwrap_or_default(),
				message: error["message"].as_str().unwrap_or_default().to_string(),
			});
		}
		Ok(response["result"].clone())
	}

	/// Sends a JSON-RPC request that must succeed.
	pub fn rpc(&self, method: &str, params: Value) -> Value {
		self.try_rpc(method, params).unwrap_or_else(|e| {
			panic!("{}: {method} failed: {e:?}\n{}", self.name, self.log_tail())
		})
	}

	/// Polls `check` until it returns `Some`, or fails the test after [`DEADLINE`] or as soon as the
	/// node process has exited.
	pub fn wait_for<T>(&self, what: &str, check: impl FnMut() -> Option<T>) -> T {
		self.wait_within(DEADLINE, what, check)
	}

	/// [`Node::wait_for`] with another deadline, for conditions that take several sessions.
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
				panic!(
					"{}: exited ({status}) while waiting for {what}\n{}",
					self.name,
					self.log_tail()
				);
			}
			if start.elapsed() > deadline {
				panic!("{}: no {what} within {deadline:?}\n{}", self.name, self.log_tail());
			}
			std::thread::sleep(Duration::from_millis(250));
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
	pub fn wait_finalized(&self, number: u32) -> u32 {
		self.wait_for(&format!("finalized block #{number}"), || {
			Some(self.finalized_number()).filter(|n| *n >= number)
		})
	}

	/// Waits until the best block number reaches `number`; returns it.
	pub fn wait_best(&self, number: u32) -> u32 {
		self.wait_for(&format!("best block #{number}"), || {
			Some(self.best_number()).filter(|n| *n >= number)
		})
	}

	/// The node's libp2p peer id.
	pub fn peer_id(&self) -> String {
		self.rpc("system_localPeerId", json!([])).as_str().unwrap().to_string()
	}

	/// The multiaddress other nodes can dial this one at.
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
	pub fn runtime_call<R: Decode>(&self, method: &str, args: impl Encode) -> R {
		decode_hex_as(&self.rpc("state_call", json!([method, hex(&args.encode())])))
	}

	/// `call` signed by `signer` with the account's next nonce (as the node sees it).
	fn signed(
		&self,
		signer: &sr25519::Pair,
		call: kith_runtime::RuntimeCall,
	) -> kith_runtime::UncheckedExtrinsic {
		let who = kith_runtime::AccountId::from(sp_core::Pair::public(signer));
		let nonce = self.rpc("system_accountNextIndex", json!([who.to_string()])).as_u64().unwrap();
		kith_runtime::signing::sign(call, signer, nonce as u32, self.block_hash(0))
	}

	/// Signs `call` as `signer` with the account's next nonce (as the node sees it) and submits it.
	pub fn submit(&self, signer: &sr25519::Pair, call: kith_runtime::RuntimeCall) -> H256 {
		let xt = self.signed(signer, call);
		decode_hex_as(&self.rpc("author_submitExtrinsic", json!([hex(&xt.encode())])))
	}

	/// The fee `signer` pays for `call` (weight, length and base fee, as `TransactionPaymentApi`
	/// computes it at the best block).
	pub fn fee(
		&self,
		signer: &sr25519::Pair,
		call: kith_runtime::RuntimeCall,
	) -> kith_runtime::Balance {
		let xt = self.signed(signer, call);
		let len = xt.encoded_size() as u32;
		let info: pallet_transaction_payment::RuntimeDispatchInfo<kith_runtime::Balance> =
			self.runtime_call("TransactionPaymentApi_query_info", (xt, len));
		info.partial_fee
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		self.kill();
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
