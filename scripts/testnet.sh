#!/usr/bin/env bash
# Starts a three-validator local testnet (`--chain local`: Alice, Bob and Charlie) on this machine, prints
# their RPC endpoints, and stops them all on Ctrl-C. `--dave` also starts Dave: a `--validator` node that
# is not in the set until Dave rotates keys, sets them and registers (README: "Running a validator").
# Uses the node built by scripts/run-dev.sh or scripts/test.sh (builds it if missing). Chain data lives
# in $KITH_TESTNET_DIR (default ~/.cache/kith/testnet); `--purge` starts from genesis.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$KITH_ROOT"

dir=${KITH_TESTNET_DIR:-$HOME/.cache/kith/testnet}
names=(alice bob charlie)
for arg in "$@"; do
  case "$arg" in
    --purge) rm -rf "$dir" ;;
    --dave) names+=(dave) ;;
    *) echo "testnet.sh: unknown argument '$arg' (--purge, --dave)" >&2; exit 2 ;;
  esac
done
[ -x "$KITH_NODE_BIN" ] || { setup; build_workspace; }
mkdir -p "$dir"

pids=()
stop() {
  trap - INT TERM EXIT
  echo "stopping the testnet" >&2
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

# Each node needs a network key; they are kept, so peer ids (Alice's is the others' boot node) stay the
# same across runs.
for name in "${names[@]}"; do
  if [ ! -f "$dir/$name/node-key" ]; then
    mkdir -p "$dir/$name"
    "$KITH_NODE_BIN" key generate-node-key --file "$dir/$name/node-key" 2>/dev/null
  fi
done
alice_peer=$("$KITH_NODE_BIN" key inspect-node-key --file "$dir/alice/node-key")
bootnode="/ip4/127.0.0.1/tcp/30333/p2p/$alice_peer"

i=0
for name in "${names[@]}"; do
  # Dave's node validates with the session keys it makes itself; the others use the dev keys.
  role=("--$name")
  [ "$name" = dave ] && role=(--validator --name Dave)
  # Loopback only: p2p on 127.0.0.1 (never a bare --port, which listens on every interface), no mDNS;
  # RPC and Prometheus stay on 127.0.0.1, their default.
  args=(--chain local "${role[@]}" --base-path "$dir/$name" --listen-addr "/ip4/127.0.0.1/tcp/$((30333 + i))"
        --rpc-port $((9944 + i)) --prometheus-port $((9615 + i)) --no-mdns --node-key-file "$dir/$name/node-key")
  [ "$name" = alice ] || args+=(--bootnodes "$bootnode")
  "$KITH_NODE_BIN" "${args[@]}" >"$dir/$name.log" 2>&1 &
  pids+=($!)
  echo "$name: ws://127.0.0.1:$((9944 + i))  (log: $dir/$name.log)"
  i=$((i + 1))
done
echo "Ctrl-C stops them all."
wait -n "${pids[@]}" || true
echo "a node exited; see its log" >&2
exit 1
