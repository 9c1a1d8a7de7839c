#!/usr/bin/env bash
# Runs Kith's whole test suite and the checks that keep the tree healthy, failing on the first that fails:
#   1. `cargo fmt --check`;
#   2. one build of the node, the wasm runtime and every test (debug);
#   3. `cargo clippy -D warnings` over the workspace, all targets, with the `runtime-benchmarks` and
#      `try-runtime` features on (a check: the wasm runtime is not built again);
#   4. every test with cargo-nextest, in a network namespace with only loopback: pallet and runtime tests
#      two at a time (CPU-bound), the end-to-end tests (real nodes) all at once, each in its own lane;
#   5. the pallets' benchmarks, once each against their mock runtimes.
# Sets up the machine first (scripts/setup.sh), so it works on a fresh one. Extra arguments go to
# `cargo nextest run` and skip steps 3 and 5 (e.g. `scripts/test.sh -E 'binary(posts)'`).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$KITH_ROOT"

setup
step cargo fmt --all --check
build_workspace
pallets=()
for dir in pallets/*/; do pallets+=(-p "pallet-$(basename "$dir")"); done
if [ $# -eq 0 ]; then
  # The features change most of FRAME, so this checks (and lints) a second configuration of the whole
  # tree without compiling it; SKIP_WASM_BUILD keeps the wasm runtime from being built a second time.
  SKIP_WASM_BUILD=1 step cargo clippy --locked --workspace --all-targets \
    --features kith-node/runtime-benchmarks,kith-node/try-runtime -- -D warnings
  step cargo test --locked --no-run -q "${pallets[@]}" --features runtime-benchmarks --lib
fi
loopback_only step cargo nextest run --locked --offline --workspace --no-tests fail "$@"
if [ $# -eq 0 ]; then
  # Kept working between the (slow, release) runs of scripts/bench.sh that generate the weights.
  loopback_only step cargo test --locked --offline -q "${pallets[@]}" --features runtime-benchmarks \
    --lib benchmarking
fi
