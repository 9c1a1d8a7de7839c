#!/usr/bin/env bash
# Builds the node that operators run: `kith-node` with the `production` profile (link-time optimisation
# across all crates, one codegen unit; the wasm runtime built the same way) into
# $CARGO_TARGET_DIR/production/kith-node, and prints how long it took. Slow: the whole program is
# optimised at once. Installs only what the build needs (setup.sh --build-only).
set -euo pipefail
export KITH_SETUP=build-only
source "$(dirname "$0")/common.sh"
cd "$KITH_ROOT"

setup
start=$SECONDS
step cargo build --locked --profile production -p kith-node
took=$((SECONDS - start))
bin="$CARGO_TARGET_DIR/production/kith-node"
echo "release.sh: built $bin in $((took / 60)) min $((took % 60)) s ($("$bin" --version))"
