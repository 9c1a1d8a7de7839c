# Sourced by the other scripts: shared paths and the build environment. Not meant to run on its own.
# shellcheck shell=bash

KITH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Builds live outside the work tree so that they survive a fresh clone on the same machine.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/kith/target}
export PATH="$HOME/.cargo/bin:$PATH"
KITH_NODE_BIN="$CARGO_TARGET_DIR/debug/kith-node"
# The toolchain `scripts/setup.sh` registers with rustup when rustup itself cannot build wasm.
KITH_WASM_TOOLCHAIN=kith-wasm

# Installs what is missing (scripts/setup.sh), then points substrate-wasm-builder at the toolchain that
# builds wasm here: rustup's own if it has a wasm target, else the one setup.sh registered.
setup() {
  "$KITH_ROOT/scripts/setup.sh"
  if ! "$KITH_ROOT/scripts/setup.sh" --rustup-has-wasm; then
    export WASM_BUILD_TOOLCHAIN=$KITH_WASM_TOOLCHAIN
  fi
}

# Prints a line and runs a command, so that logs show what each step was.
step() { printf '==> %s\n' "$*" >&2; "$@"; }

# Builds the node (and with it the wasm runtime) and every test, in one cargo invocation, so that later
# `cargo test` runs and node starts reuse exactly these artifacts instead of building the runtime again.
build_workspace() {
  step cargo build --locked --workspace --all-targets
}
