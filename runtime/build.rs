fn main() {
	#[cfg(feature = "std")]
	{
		// substrate-wasm-builder looks for the workspace's Cargo.lock upward from the build folder, which
		// lives outside the work tree here (scripts/common.sh); point it at this workspace so the wasm
		// runtime is built with exactly the locked dependencies. Set here, not globally, so that other
		// crates' wasm builds (frame-benchmarking-cli's test runtime) look in their own place.
		if std::env::var_os("WASM_BUILD_WORKSPACE_HINT").is_none() {
			let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it");
			let workspace = std::path::Path::new(&manifest_dir).join("..");
			std::env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
		}
		// scripts/test.sh compiles the workspace's crates with clippy-driver of the host toolchain, which
		// cannot build for the wasm toolchain: the wasm build uses rustc itself.
		std::env::remove_var("RUSTC_WORKSPACE_WRAPPER");
		substrate_wasm_builder::WasmBuilder::build_using_defaults();
	}
}
