#!/usr/bin/env bash
# Runs Kith's whole test suite: pallet and runtime tests, then end-to-end tests that start real nodes.
# Sets up the machine first (scripts/setup.sh), so it works on a fresh one. Extra arguments go to
# `cargo test` (e.g. `scripts/test.sh -p kith-runtime`).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$KITH_ROOT"

"$KITH_ROOT/scripts/setup.sh"
build_workspace
step cargo test --locked --workspace "$@"
