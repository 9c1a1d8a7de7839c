#!/usr/bin/env bash
# The web client (web/): build it, test it, serve it.
#
#   scripts/web.sh build   npm ci (from package-lock.json), PAPI descriptors generated from the runtime
#                          wasm this workspace builds ($KITH_RUNTIME_WASM), type check, vite build -> web/dist
#   scripts/web.sh test    unit tests (vitest), then the browser test: a real dev node ($KITH_NODE_BIN),
#                          the built app, Debian's Chromium (/usr/bin/chromium) driven by playwright-core;
#                          builds first if web/dist is missing
#   scripts/web.sh serve   serves web/dist on http://127.0.0.1:8080 (open it with ?rpc=ws://127.0.0.1:PORT
#                          for a node that is not on ws://127.0.0.1:9944)
#
# Defaults: KITH_RUNTIME_WASM=$CARGO_TARGET_DIR/debug/wbuild/kith-runtime/kith_runtime.wasm and
# KITH_NODE_BIN=$CARGO_TARGET_DIR/debug/kith-node, with CARGO_TARGET_DIR=~/.cache/kith/target (where
# scripts/test.sh builds them). Needs node >= 20.19 and npm; the browser test needs chromium.
set -euo pipefail
given_node_bin=${KITH_NODE_BIN:-}
source "$(dirname "$0")/common.sh"
WEB="$KITH_ROOT/web"
export KITH_RUNTIME_WASM=${KITH_RUNTIME_WASM:-$CARGO_TARGET_DIR/debug/wbuild/kith-runtime/kith_runtime.wasm}
export KITH_NODE_BIN=${given_node_bin:-$KITH_NODE_BIN}
cd "$WEB"

# Node 20 has WebSocket only behind a flag (the browser test talks to the node from Node too).
node_ws() {
  if node -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)'; then
    node "$@"
  else
    node --experimental-websocket "$@"
  fi
}

build() {
  for tool in node npm; do
    command -v "$tool" >/dev/null || { echo "web.sh: $tool is missing (apt-get install nodejs npm)" >&2; exit 1; }
  done
  step npm ci --prefer-offline --no-audit --no-fund
  step node scripts/descriptors.mjs
  step npx tsc --noEmit
  step npx vite build
}

case "${1:-}" in
  build)
    build
    ;;
  test)
    [ -f dist/index.html ] && [ -d node_modules ] && [ -d .papi/descriptors/dist ] || build
    step npx vitest run
    [ -x "$KITH_NODE_BIN" ] || { echo "web.sh: no node binary at $KITH_NODE_BIN (set KITH_NODE_BIN)" >&2; exit 1; }
    # The browser test talks to 127.0.0.1 only; where it can, it runs in a loopback-only namespace.
    loopback_only bash -c "$(declare -f node_ws); node_ws test/browser.mjs"
    ;;
  serve)
    [ -f dist/index.html ] || build
    exec node_modules/.bin/vite preview --host 127.0.0.1 --port 8080 --strictPort
    ;;
  *)
    echo "usage: scripts/web.sh build|test|serve" >&2
    exit 2
    ;;
esac
