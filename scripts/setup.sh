#!/usr/bin/env bash
# Installs everything that building and testing Kith needs on a fresh Debian machine, and nothing that is
# already in place. Idempotent and quiet when there is nothing to do.
#
# System packages (Debian's): a C toolchain, make, perl and pkg-config for the crates that build C code,
# OpenSSL's headers (litep2p's WebRTC), protoc (litep2p's protobuf definitions), iproute2 (tests run in a
# loopback-only network namespace), git; Node.js and Chromium for the web client. Rust tools: rustfmt and
# clippy (rustup components) and cargo-nextest (from crates.io). Where a package is missing and cannot be
# installed (not Debian, no root and no sudo), it says which and exits non-zero.
#
# The wasm runtime needs a Rust compiler that can target wasm. If rustup has `wasm32v1-none`, or
# `wasm32-unknown-unknown` with `rust-src`, that is used as is. Otherwise (rustup without a wasm target and no
# way to download one) Debian's `rustc-web` is made into a wasm toolchain: its `core`/`alloc` are built for
# `wasm32v1-none` from `rust-web-src`, installed as that target's library, `lld` serves as `rust-lld`, and the
# result is registered with rustup as `kith-wasm` for substrate-wasm-builder (`WASM_BUILD_TOOLCHAIN`).
#
# `setup.sh --rustup-has-wasm` only answers (exit 0 or 1) whether rustup can already build wasm.
# `setup.sh --build-only` (or KITH_SETUP=build-only, for the scripts that call it) installs what building
# the node needs and nothing the tests need: for a release build or a container image. KITH_SETUP=bench
# (scripts/bench-tps.sh) adds the network namespace's tools and matplotlib for the plot.
set -euo pipefail

rustup_has_wasm() {
  local installed components
  installed=$(rustup target list --installed 2>/dev/null || true)
  grep -qx 'wasm32v1-none' <<<"$installed" && return 0
  components=$(rustup component list --installed 2>/dev/null || true)
  grep -qx 'wasm32-unknown-unknown' <<<"$installed" && grep -q '^rust-src' <<<"$components"
}
if [ "${1:-}" = "--rustup-has-wasm" ]; then rustup_has_wasm; exit; fi

[ "${1:-}" = "--build-only" ] && KITH_SETUP=build-only
build_only() { [ "${KITH_SETUP:-}" = build-only ] || [ "${KITH_SETUP:-}" = bench ]; }

export PATH="$HOME/.cargo/bin:$PATH"
WASM_TOOLCHAIN=kith-wasm
DEB_RUSTC=/usr/bin/rustc
DEB_CARGO=/usr/bin/cargo

# Installs the Debian packages given that are not installed yet.
apt_install() {
  local missing=()
  if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    echo "setup: not a Debian system: install the equivalents of these packages yourself, then run again: $*" >&2
    exit 1
  fi
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
      echo "setup: missing Debian packages and no root or sudo to install them: ${missing[*]}" >&2
      exit 1
    fi
    sudo=sudo
  fi
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if ! command -v cargo >/dev/null || ! command -v rustup >/dev/null; then
  echo "setup: rustup and cargo are needed (https://rustup.rs); none found on PATH" >&2
  exit 1
fi

apt_install build-essential pkg-config make perl libssl-dev protobuf-compiler git ca-certificates
if [ "${KITH_SETUP:-}" = bench ]; then
  apt_install iproute2 python3-matplotlib
fi

if ! build_only; then
apt_install iproute2

# Formatting and lints are part of the test command. rustup installs its components only from its own
# servers; where it cannot reach them, say so plainly.
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    echo "setup: adding the rustup component $component" >&2
    rustup component add "$component" >/dev/null || {
      echo "setup: rustup could not install $component; install it for $(rustc --version)" >&2
      exit 1
    }
  fi
done
if ! cargo nextest --version >/dev/null 2>&1; then
  echo "setup: installing cargo-nextest from crates.io" >&2
  cargo install --quiet --locked cargo-nextest
fi

# The web client (web/, scripts/web.sh): Node.js >= 20.19 with npm (Vite 8), and Debian's Chromium for its
# browser test (playwright-core downloads no browser), with a colour emoji font for its screenshots.
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "setup: the web client needs Node.js >= 20.19; this machine has $(node --version)" >&2
  exit 1
fi
apt_install chromium fonts-noto-color-emoji
fi

rustup_has_wasm && exit 0

apt_install rustc-web cargo-web rust-web-src lld-19

sysroot=$($DEB_RUSTC --print sysroot)
libdir="$sysroot/lib/rustlib/wasm32v1-none/lib"
stamp="$libdir/.kith-stamp"
want_stamp=$($DEB_RUSTC -vV)

if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want_stamp" ]; then
  echo "setup: building core and alloc for wasm32v1-none with $($DEB_RUSTC --version)" >&2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/src"
  printf '[package]\nname = "kith-wasm-sysroot"\nversion = "0.0.0"\nedition = "2021"\n[lib]\npath = "src/lib.rs"\n[profile.release]\npanic = "abort"\n' >"$work/Cargo.toml"
  printf '#![no_std]\n' >"$work/src/lib.rs"
  # The runtime's release profile uses LTO, which needs bitcode in every rlib it links.
  (cd "$work" && RUSTC=$DEB_RUSTC RUSTC_BOOTSTRAP=1 RUSTFLAGS="-C embed-bitcode=yes" CARGO_TARGET_DIR="$work/target" \
    $DEB_CARGO build -q --release -Z build-std=core,alloc --target wasm32v1-none)
  rm -rf "$libdir"
  mkdir -p "$libdir"
  find "$work/target/wasm32v1-none/release/deps" -name '*.rlib' ! -name 'libkith_wasm_sysroot-*' -exec cp {} "$libdir/" \;
  printf '%s' "$want_stamp" >"$stamp"
fi

# rustc links wasm with `rust-lld -flavor wasm`, looked up in the host's rustlib bin folder.
host=$($DEB_RUSTC -vV | sed -n 's/^host: //p')
lld_link="$sysroot/lib/rustlib/$host/bin/rust-lld"
if [ ! -e "$lld_link" ]; then
  mkdir -p "$(dirname "$lld_link")"
  ln -sf /usr/lib/llvm-19/bin/lld "$lld_link"
fi

if ! rustup toolchain list | grep -q "^$WASM_TOOLCHAIN"; then
  rustup toolchain link "$WASM_TOOLCHAIN" "$sysroot"
fi
