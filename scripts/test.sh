#!/usr/bin/env bash
# Runs Kith's whole test suite and the checks that keep the tree healthy, and fails if any fails:
#   1. `cargo fmt --check`;
#   2. one build of the node, the wasm runtime and every test (debug);
#   3. every test with cargo-nextest, in a network namespace with only loopback: pallet and runtime tests
#      two at a time (CPU-bound), the end-to-end tests (real nodes) all at once, each in its own lane;
#   4. meanwhile, at the lowest CPU priority (the end-to-end tests mostly wait on block times), in a
#      target folder of their own (so that cargo's lock never holds the tests back):
#      `cargo clippy -D warnings` over the workspace, all targets, with the `runtime-benchmarks` and
#      `try-runtime` features (checks only: the wasm runtime is not built again), then the pallets'
#      benchmarks, once each against their mock runtimes.
# Sets up the machine first (scripts/setup.sh), so it works on a fresh one. Extra arguments go to
# `cargo nextest run` and skip step 4 (e.g. `scripts/test.sh -E 'binary(posts)'`).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$KITH_ROOT"

setup
step cargo fmt --all --check
# Every package the lock names, also for features this build does not use: the test runs below are
# offline (no network in their namespace) and nextest reads the metadata of all features.
step cargo fetch --locked -q
build_workspace
tests=(loopback_only cargo nextest run --locked --offline --workspace --no-tests fail)
if [ $# -gt 0 ]; then
  step "${tests[@]}" "$@"
  exit
fi

# The features change most of FRAME, so these build other configurations of the tree: they share
# nothing with the build above but the sources.
checks() {
  export CARGO_TARGET_DIR="$CARGO_TARGET_DIR/feature-checks"
  local pallets=()
  for dir in pallets/*/; do pallets+=(-p "pallet-$(basename "$dir")"); done
  SKIP_WASM_BUILD=1 step nice -n 19 cargo clippy --locked --offline --keep-going --workspace \
    --all-targets --features kith-node/runtime-benchmarks,kith-node/try-runtime -- -D warnings
  # Kept working between the (slow, release) runs of scripts/bench.sh that generate the weights.
  step loopback_only nice -n 19 cargo test --locked --offline -q "${pallets[@]}" \
    --features runtime-benchmarks --lib benchmarking
}
checks_log="$CARGO_TARGET_DIR/feature-checks.log"
mkdir -p "$CARGO_TARGET_DIR"
checks >"$checks_log" 2>&1 &
checks_pid=$!

tests_status=0
step "${tests[@]}" || tests_status=$?
checks_status=0
wait "$checks_pid" || checks_status=$?
echo "==> lint, feature checks and benchmark tests (run beside the tests; log: $checks_log)" >&2
cat "$checks_log" >&2
if [ "$tests_status" -ne 0 ] || [ "$checks_status" -ne 0 ]; then
  echo "test.sh: failed (tests: exit $tests_status, checks: exit $checks_status)" >&2
  exit 1
fi
