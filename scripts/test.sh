#!/usr/bin/env bash
# Runs Kith's whole test suite and the checks that keep the tree healthy, and fails if any fails:
#   1. `cargo fmt --check`;
#   2. one build of the node, the wasm runtime and every test (debug), in which clippy-driver compiles
#      and lints Kith's own crates (`-D warnings`; scripts/lint-rustc.sh), so that linting costs no
#      pass of its own over the tree;
#   3. every test with cargo-nextest, in a network namespace with only loopback: pallet and runtime tests
#      two at a time (CPU-bound), the end-to-end tests (real nodes) all at once, each in its own lane;
#   4. from the start, beside steps 2 and 3, at the lowest CPU priority (it takes what the build's serial
#      stretches and the tests' waits on block times leave idle), in a target folder of its own (so that
#      cargo's lock never holds the build or the tests back): `cargo clippy
#      -D warnings` over the runtime and the pallets, all targets, with the `runtime-benchmarks` and
#      `try-runtime` features, the only code those features change (a check: the wasm runtime is not
#      built again);
#   5. the web client (scripts/web.sh): built after step 2, its unit tests and its browser test (a real
#      node, Debian's Chromium) run beside step 3.
# Sets up the machine first (scripts/setup.sh), so it works on a fresh one. Extra arguments go to
# `cargo nextest run` and skip steps 4 and 5 (e.g. `scripts/test.sh -E 'binary(posts)'`).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$KITH_ROOT"

setup
step cargo fmt --all --check
# Every package the lock names, also for features this build does not use: the test runs below are
# offline (no network in their namespace) and nextest reads the metadata of all features.
step cargo fetch --locked -q
# The features change FRAME and the code of the runtime and the pallets under them: a configuration
# of the tree that shares nothing with the main build below but the sources.
checks() {
  export CARGO_TARGET_DIR="$CARGO_TARGET_DIR/feature-checks"
  unset RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS
  local crates=(-p kith-runtime -p kith-primitives)
  for dir in pallets/*/; do crates+=(-p "pallet-$(basename "$dir")"); done
  SKIP_WASM_BUILD=1 step nice -n 19 cargo clippy --locked --offline --keep-going "${crates[@]}" \
    --all-targets --features kith-runtime/runtime-benchmarks,kith-runtime/try-runtime -- -D warnings
}
# The feature lint starts at once, at the lowest CPU priority: it soaks up what the main build leaves idle
# (its serial stretches: build scripts, the wasm runtime, linking).
if [ $# -eq 0 ]; then
  checks_log="$CARGO_TARGET_DIR/feature-checks.log"
  mkdir -p "$CARGO_TARGET_DIR"
  # In a process group of its own (job control), so that a failed build stops it with everything it runs.
  set -m
  checks >"$checks_log" 2>&1 &
  checks_pid=$!
  set +m
  trap 'kill -- -"$checks_pid" 2>/dev/null || true' EXIT
fi

# Cargo compiles the workspace's own crates with clippy-driver, for the build and for nextest's.
KITH_CLIPPY_DRIVER=$(rustup which clippy-driver)
export KITH_CLIPPY_DRIVER RUSTC_WORKSPACE_WRAPPER="$KITH_ROOT/scripts/lint-rustc.sh"
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
build_workspace
tests=(loopback_only cargo nextest run --locked --offline --workspace --no-tests fail)
if [ $# -gt 0 ]; then
  step "${tests[@]}" "$@"
  exit
fi

# The web client: built here (npm needs the registry, the descriptors need the runtime just built), then
# its unit and browser tests run beside the Rust tests (a node and Chromium, in a namespace of their own).
step "$KITH_ROOT/scripts/web.sh" build
web_log="$CARGO_TARGET_DIR/web-test.log"
"$KITH_ROOT/scripts/web.sh" test >"$web_log" 2>&1 &
web_pid=$!

tests_status=0
step "${tests[@]}" || tests_status=$?
web_status=0
wait "$web_pid" || web_status=$?
echo "==> web client: unit and browser tests (run beside the tests; log: $web_log)" >&2
cat "$web_log" >&2
checks_status=0
wait "$checks_pid" || checks_status=$?
echo "==> lint of the runtime-benchmarks and try-runtime code (run beside the build and the tests; log: $checks_log)" >&2
cat "$checks_log" >&2
if [ "$tests_status" -ne 0 ] || [ "$web_status" -ne 0 ] || [ "$checks_status" -ne 0 ]; then
  echo "test.sh: failed (tests: exit $tests_status, web: exit $web_status, checks: exit $checks_status)" >&2
  exit 1
fi
