//! `metadata/kith.scale`, from which subxt generates the client's types, is the metadata of the runtime
//! in this tree: a change to a call, an event or a storage item that the file misses fails here, so the
//! client can never drift from the chain it talks to.

use std::path::Path;

/// The metadata version the file holds: V15 (what the client's codegen reads).
const VERSION: u32 = 15;

#[test]
fn the_metadata_file_is_the_runtimes() {
	let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("metadata/kith.scale");
	// Building the metadata reads storage defaults: it needs externalities, empty ones will do.
	let metadata = sp_io::TestExternalities::new_empty()
		.execute_with(|| kith_runtime::Runtime::metadata_at_version(VERSION))
		.expect("the runtime offers V15 metadata");
	let runtime: &[u8] = &metadata;
	if std::env::var_os("KITH_UPDATE_METADATA").is_some() {
		std::fs::write(&file, runtime).expect("metadata/kith.scale is writable");
	}
	let kept = std::fs::read(&file).unwrap_or_default();
	assert!(
		kept == runtime,
		"{} is not the runtime's metadata: regenerate it with \
		 `KITH_UPDATE_METADATA=1 cargo test -p kith-cli --test metadata`",
		file.display()
	);
}
