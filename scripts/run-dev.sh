#!/usr/bin/env bash
# Builds Kith and starts a single-validator development chain (Alice) with its JSON-RPC on
# ws://127.0.0.1:9944 and a temporary ParityDB database. It is reachable from this machine only: p2p
# listens on 127.0.0.1:30333, no mDNS, RPC on loopback. Extra arguments go to the node (e.g.
# `scripts/run-dev.sh --base-path /tmp/kith-dev` to keep the chain between runs).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$KITH_ROOT"

setup
build_workspace
exec "$KITH_NODE_BIN" --dev --rpc-port 9944 --listen-addr /ip4/127.0.0.1/tcp/30333 --no-mdns "$@"
