#!/usr/bin/env bash
# Measures how many user-signed actions per second one Kith node includes and finalizes, social actions
# against transfers in one run (tests/src/bin/kith-bench/main.rs says how): builds the production node
# (scripts/release.sh's profile) and the load tool (a debug build: it signs before the clock starts and is
# nearly idle while the node works), funds 20,000 accounts in a dev chain spec, starts the node on
# loopback with the pool limits raised, and runs the workloads one after the other (transfers, posts,
# replies, reactions, follows, tips, a mix). Prints the tables and draws the plot.
# Runs in a network namespace with only loopback where the machine allows one.
#
#   scripts/bench-tps.sh                                  the README's figures: docs/throughput.{md,json,png}
#   scripts/bench-tps.sh --accounts 2000 --workloads transfers,posts
#                                                         smaller, into $CARGO_TARGET_DIR/throughput.*
set -euo pipefail
export KITH_SETUP=bench
source "$(dirname "$0")/common.sh"
cd "$KITH_ROOT"

setup
step cargo build --locked --profile production -p kith-node
step cargo build --locked -p kith-e2e --bin kith-bench
bin="$CARGO_TARGET_DIR/production"
out="$CARGO_TARGET_DIR/throughput"
keep=()
# The README's run also leaves the node's database for `scripts/bench.sh --base` (ParityDB's costs).
[ $# -eq 0 ] && out=docs/throughput && mkdir -p docs && keep=(--keep-db "$CARGO_TARGET_DIR/bench-db")
loopback_only "$CARGO_TARGET_DIR/debug/kith-bench" --node "$bin/kith-node" --json "$out.json" "${keep[@]}" "$@" \
  | tee "$out.md"
# Debian's matplotlib (setup.sh) is for Debian's python, which another python3 on PATH may shadow.
python=python3
"$python" -c 'import matplotlib' 2>/dev/null || python=/usr/bin/python3
step "$python" scripts/plot-tps.py "$out.json" "$out.png"
echo "bench-tps.sh: $out.md, $out.json, $out.png"
