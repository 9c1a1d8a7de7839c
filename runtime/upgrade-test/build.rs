fn main() {
	#[cfg(feature = "std")]
	{
		// As in the runtime's build.rs: build the wasm with this workspace's Cargo.lock.
		if std::env::var_os("WASM_BUILD_WORKSPACE_HINT").is_none() {
			let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it");
			let workspace = std::path::Path::new(&manifest_dir).join("../..");
			std::env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
		}
		// scripts/test.sh compiles the workspace's crates with clippy-driver of the host toolchain, which
		// cannot build for the wasm toolchain: the wasm build uses rustc itself.
		std::env::remove_var("RUSTC_WORKSPACE_WRAPPER");
		substrate_wasm_builder::WasmBuilder::build_using_defaults();
	}
}
