//! Chain specifications for tests: a built-in chain (`dev`, `local`), optionally with its genesis patched
//! (shorter sessions or eras), as a raw chain spec: the genesis storage itself, so that a node starts
//! without running the runtime to build it.
//!
//! Building one takes seconds of CPU in a debug node, so each is built once per node binary and patch
//! and kept in the [`cache_dir`], where every later test (and every other test process) finds it.

use std::{
	fs::File,
	hash::{DefaultHasher, Hash, Hasher},
	os::fd::AsRawFd,
	path::{Path, PathBuf},
	process::Command,
};

use serde_json::Value;

use crate::node_binary;

/// Where tests keep what is worth building once per node binary: raw chain specs, and wasmtime's cache
/// of the runtime compiled to machine code (`--wasm-cache-dir`). Beside the node binary, in the target
/// folder.
pub fn cache_dir() -> PathBuf {
	let dir = node_binary().parent().expect("the binary is in a folder").join("e2e-cache");
	std::fs::create_dir_all(&dir).expect("the e2e cache folder can be created");
	dir
}

/// An exclusive lock on a file of the [`cache_dir`], held until dropped: test processes that run at once
/// take turns at what would otherwise make them all do the same work together (building a spec that
/// none has yet, compiling the runtime at node start).
pub(crate) struct CacheLock {
	_file: File,
}

impl CacheLock {
	/// Waits for the lock called `name`.
	pub(crate) fn acquire(name: &str) -> CacheLock {
		let file = File::create(cache_dir().join(format!("{name}.lock"))).expect("a lock file");
		// SAFETY: `flock` on a descriptor this function owns; closing the file releases the lock.
		let locked = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) };
		assert_eq!(locked, 0, "flock: {}", std::io::Error::last_os_error());
		CacheLock { _file: file }
	}
}

/// The built-in chain `chain` (`dev` or `local`) with `patch` merged into its genesis patch (the
/// genesis configs' field names, camelCase: `{"validators": {"sessionLength": 5}}`), as a raw chain
/// spec file. `Value::Null` patches nothing.
pub fn chain_spec(chain: &str, patch: Value) -> PathBuf {
	let binary = node_binary();
	let mut key = DefaultHasher::new();
	// A rebuilt node (a changed runtime) gets specs of its own.
	let meta = std::fs::metadata(&binary).expect("the node binary exists");
	(meta.len(), meta.modified().ok(), chain, patch.to_string()).hash(&mut key);
	let path = cache_dir().join(format!("{chain}-{:016x}.json", key.finish()));
	let _building = CacheLock::acquire("spec");
	if path.exists() {
		return path;
	}

	let mut spec: Value = serde_json::from_slice(&export(&binary, chain, false)).expect("JSON");
	let genesis = spec
		.pointer_mut("/genesis/runtimeGenesis/patch")
		.unwrap_or_else(|| panic!("the {chain} spec has a genesis patch"));
	merge(genesis, patch);
	let plain = tempfile::NamedTempFile::new_in(cache_dir()).unwrap();
	std::fs::write(plain.path(), serde_json::to_vec(&spec).unwrap()).unwrap();
	let raw = export(&binary, plain.path().to_str().unwrap(), true);
	// Written whole, then renamed into place: a test killed meanwhile leaves no half-written spec.
	let partial = tempfile::NamedTempFile::new_in(cache_dir()).unwrap();
	std::fs::write(partial.path(), raw).unwrap();
	partial.persist(&path).expect("the spec is moved into the cache");
	path
}

/// `kith-node export-chain-spec --chain <chain> [--raw]`'s output.
fn export(binary: &Path, chain: &str, raw: bool) -> Vec<u8> {
	let mut command = Command::new(binary);
	command.args(["export-chain-spec", "--chain", chain]);
	if raw {
		command.arg("--raw");
	}
	let output = command.output().expect("kith-node export-chain-spec runs");
	assert!(
		output.status.success(),
		"export-chain-spec --chain {chain}: {}",
		String::from_utf8_lossy(&output.stderr)
	);
	output.stdout
}

/// Merges `patch` into `into` as JSON merge patches do: objects key by key, anything else replaced.
fn merge(into: &mut Value, patch: Value) {
	match (into, patch) {
		(_, Value::Null) => {},
		(Value::Object(into), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(into.entry(key).or_insert(Value::Null), value);
			}
		},
		(into, patch) => *into = patch,
	}
}
