# Shared by build.sh, serve.sh, test.sh and bench.sh (sourced, not run). Installs what the
# WebAssembly part needs when it is missing: the wasm32 target, wasm-bindgen-cli at the exact
# version the crate pins, Node.js and the npm packages of package-lock.json.

WASM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$WASM_DIR/.." && pwd)"
# A target folder of its own, so that building the module does not wait for (or invalidate)
# the host builds in target/.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/wasm}"
# Tools the project installs with `cargo install` live in the checkout (.tools/, ignored by git),
# so a fresh clone always runs their install step, even on a machine that has them elsewhere.
TOOLS_DIR="$ROOT/.tools"
export PATH="$TOOLS_DIR/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

log() { echo "== $*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "error: need root to run: $*" >&2
    return 1
  fi
}

APT_UPDATED=""
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: please install: $* (no apt-get on this machine)" >&2
    exit 1
  fi
  if [ -z "$APT_UPDATED" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

ensure_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    echo "error: Rust is needed (cargo not found); see https://rustup.rs" >&2
    exit 1
  fi
  if command -v rustup >/dev/null 2>&1; then
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
      log "adding the Rust target wasm32-unknown-unknown"
      rustup target add wasm32-unknown-unknown
    fi
  fi
}

# The version the crate pins with `wasm-bindgen = "=X.Y.Z"`; the CLI must be the same.
wasm_bindgen_version() {
  sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$WASM_DIR/Cargo.toml"
}

ensure_wasm_bindgen() {
  local want have
  want="$(wasm_bindgen_version)"
  have=""
  if [ -x "$TOOLS_DIR/bin/wasm-bindgen" ]; then
    have="$("$TOOLS_DIR/bin/wasm-bindgen" --version 2>/dev/null || true)"
    have="${have#wasm-bindgen }"
  fi
  if [ "$have" != "$want" ]; then
    log "installing wasm-bindgen-cli $want into $TOOLS_DIR (found: ${have:-none}); this takes a few minutes"
    cargo install --root "$TOOLS_DIR" wasm-bindgen-cli --version "$want"
  fi
}

ensure_node() {
  if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    log "installing Node.js and npm"
    apt_install nodejs npm
  fi
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 18 ]; then
    echo "error: Node.js 18 or newer is needed (found $(node --version))" >&2
    exit 1
  fi
}

ensure_npm_packages() {
  if [ ! -f "$WASM_DIR/node_modules/.package-lock.json" ] ||
    [ "$WASM_DIR/package-lock.json" -nt "$WASM_DIR/node_modules/.package-lock.json" ]; then
    log "installing npm packages (npm ci)"
    (cd "$WASM_DIR" && npm ci --no-audit --no-fund)
  fi
}

ensure_chromium() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    apt_install "${missing[@]}"
  fi
}
