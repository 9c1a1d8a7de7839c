#!/usr/bin/env bash
# Runs Kith's whole test suite and the checks that keep the tree healthy, failing on the first that fails:
#   1. `cargo fmt --check`;
#   2. one build of the node, the wasm runtime and every test (debug);
#   3. `cargo clippy -D warnings` over the workspace, all targets, with the `runtime-benchmarks` feature,
#      and a check of the runtime with `try-runtime` (checks only: the wasm runtime is not built again);
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
# Every package the lock names, also for features this build does not use: the test runs below are
# offline (no network in their namespace) and nextest reads the metadata of all features.
step cargo fetch --locked -q
build_workspace
pallets=()
for dir in pallets/*/; do pallets+=(-p "pallet-$(basename "$dir")"); done
if [ $# -eq 0 ]; then
  # The features change most of FRAME, so these check (and lint) other configurations of the tree
  # without compiling them; SKIP_WASM_BUILD keeps the wasm runtime from being built again. The two
  # features are checked apart: together they break upstream crates that only the benchmarking CLI
  # pulls in (pallet-staking gets pallet-session's `try-runtime` items without its own).
  SKIP_WASM_BUILD=1 step cargo clippy --locked --keep-going --workspace --all-targets \
    --features kith-node/runtime-benchmarks -- -D warnings
  SKIP_WASM_BUILD=1 step cargo check --locked -p kith-runtime --features try-runtime
  step cargo test --locked --no-run -q "${pallets[@]}" --features runtime-benchmarks --lib
fi
step loopback_only cargo nextest run --locked --offline --workspace --no-tests fail "$@"
if [ $# -eq 0 ]; then
  # Kept working between the (slow, release) runs of scripts/bench.sh that generate the weights.
  step loopback_only cargo test --locked --offline -q "${pallets[@]}" --features runtime-benchmarks \
    --lib benchmarking
fi
