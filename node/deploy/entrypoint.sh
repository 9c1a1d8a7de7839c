#!/bin/sh
# The container's entry point: makes the node's network key on the first start (a validator needs a
# stable peer id), then runs a validator with its data in /data, p2p on every interface, JSON-RPC inside
# the container with safe methods only, and Prometheus for a scraper on a private network. Arguments
# (--chain, --name, ...) are passed on.
set -eu
[ -f /data/node-key ] || kith-node key generate-node-key --file /data/node-key
exec kith-node --base-path /data --node-key-file /data/node-key --validator \
  --listen-addr /ip4/0.0.0.0/tcp/30333 --rpc-methods safe \
  --prometheus-external --prometheus-port 9615 "$@"
