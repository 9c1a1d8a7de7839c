#!/usr/bin/env bash
# Benchmarks Kith's social read path with a release node (index/examples/bench_feed.rs says how):
# fills a new dev node's social index with synthetic data (1,000,000 posts by 100,000 accounts, a
# reader following 1,000 of them), measures the index's cost per block of 2,000 social actions, then
# calls `social_homeFeed` 10,000 times over a WebSocket on loopback: p50, p99, max and the node's
# resident memory. Runs in a network namespace with only loopback where the machine allows one.
#
#   scripts/bench-feed.sh                              the figures in the README
#   scripts/bench-feed.sh --posts 100000 --calls 1000  smaller (flags: see bench_feed.rs)
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$KITH_ROOT"

setup
step cargo build --locked --release -p kith-node --bin kith-node -p kith-index --example bench_feed
step loopback_only "$CARGO_TARGET_DIR/release/examples/bench_feed" \
  --node "$CARGO_TARGET_DIR/release/kith-node" "$@"
