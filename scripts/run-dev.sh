#!/usr/bin/env bash
# Builds Kith and its web client, then starts a single-validator development chain (Alice) with its
# JSON-RPC on ws://127.0.0.1:9944 and a temporary ParityDB database, and serves the web app on
# http://127.0.0.1:8080. Both are reachable from this machine only: p2p listens on 127.0.0.1:30333, no
# mDNS, RPC and the web server on loopback. Ctrl-C stops both. Extra arguments go to the node (e.g.
# `scripts/run-dev.sh --base-path /tmp/kith-dev` to keep the chain between runs).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$KITH_ROOT"

setup
build_workspace
"$KITH_ROOT/scripts/web.sh" build

"$KITH_NODE_BIN" --dev --rpc-port 9944 --listen-addr /ip4/127.0.0.1/tcp/30333 --no-mdns "$@" &
node_pid=$!
"$KITH_ROOT/scripts/web.sh" serve >/dev/null &
web_pid=$!
trap 'kill "$node_pid" "$web_pid" 2>/dev/null || true' EXIT INT TERM
cat >&2 <<MSG

==> Kith dev chain: ws://127.0.0.1:9944 (polkadot.js apps: https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:9944)
==> Kith web app:   http://127.0.0.1:8080
==> kith CLI:       $CARGO_TARGET_DIR/debug/kith --help
    Ctrl-C stops both.

MSG
# Whichever stops first stops the other.
wait -n "$node_pid" "$web_pid"
