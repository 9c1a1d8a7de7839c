#!/bin/sh
# The compiler of the workspace's own crates in scripts/test.sh (cargo's RUSTC_WORKSPACE_WRAPPER):
# clippy-driver, which compiles a crate exactly as rustc does and lints it on the way, so that linting
# the workspace costs no separate `cargo clippy` pass over the whole tree. Cargo calls it with rustc's
# path first. (The runtime's build scripts drop the wrapper for the wasm build, which may use another
# toolchain.)
rustc=$1
shift
exec "$KITH_CLIPPY_DRIVER" "$rustc" "$@"
