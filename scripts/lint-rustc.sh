#!/bin/sh
# The compiler of the workspace's own crates in scripts/test.sh (cargo's RUSTC_WORKSPACE_WRAPPER):
# clippy-driver, which compiles a crate exactly as rustc does and lints it on the way, so that linting
# the workspace costs no separate `cargo clippy` pass over the whole tree. Cargo calls it with rustc's
# path first. The wasm runtime's crates, built by substrate-wasm-builder for a wasm target (with
# another toolchain where rustup has none), get rustc itself.
rustc=$1
shift
case " $* " in
  *" --target wasm32"* | *" --target=wasm32"*) exec "$rustc" "$@" ;;
esac
exec "$KITH_CLIPPY_DRIVER" "$rustc" "$@"
