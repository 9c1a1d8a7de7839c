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
# test runs and node starts reuse exactly these artifacts instead of building the runtime again.
build_workspace() {
  step cargo build --locked --workspace --all-targets
}

# Runs a command with no network but loopback: in a new network namespace that holds only `lo`, where
# this machine allows one (root, or unprivileged user namespaces). Elsewhere it runs as it is, and the
# nodes that tests and scripts start still bind 127.0.0.1 only.
loopback_only() {
  local unshare=()
  if [ "$(id -u)" -eq 0 ] && unshare -n true 2>/dev/null; then
    unshare=(unshare -n)
  elif unshare -rn true 2>/dev/null; then
    unshare=(unshare -rn)
  fi
  if [ ${#unshare[@]} -eq 0 ] || ! command -v ip >/dev/null; then
    echo "note: no network namespace here (unshare -n not permitted or ip missing); running without" >&2
    "$@"
    return
  fi
  # shellcheck disable=SC2016
  "${unshare[@]}" sh -c 'ip link set lo up && exec "$@"' loopback-only "$@"
}
