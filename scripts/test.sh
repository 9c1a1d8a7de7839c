#!/usr/bin/env bash
# Runs Kith's whole test suite: pallet and runtime tests, then end-to-end tests that start real nodes.
# Sets up the machine first (scripts/setup.sh), so it works on a fresh one. Extra arguments go to
# `cargo test` (e.g. `scripts/test.sh -p kith-runtime`).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$KITH_ROOT"

setup
build_workspace
step cargo test --locked --workspace "$@"
# The pallets' benchmarks, run once each against their mock runtimes, so that they keep working between
# the (slow, release) runs of scripts/bench.sh that generate the weights.
if [ $# -eq 0 ]; then
  pallets=()
  for dir in pallets/*/; do pallets+=(-p "pallet-$(basename "$dir")"); done
  step cargo test --locked "${pallets[@]}" --features runtime-benchmarks --lib benchmarking
fi
