#!/usr/bin/env bash
# Builds the WebAssembly module (bindings-wasm/pkg) and the checklist app (bindings-wasm/web/dist),
# installing what is missing on a fresh machine.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

ensure_wasm_target
ensure_wasm_bindgen
ensure_node
ensure_npm_packages "$WASM_DIR"

log "building the WebAssembly module (profile wasm-release)"
(cd "$ROOT" && cargo build -p sociale-bril-wasm --target wasm32-unknown-unknown --profile wasm-release)
wasm-bindgen --target web --remove-name-section --remove-producers-section \
  --out-dir "$WASM_DIR/pkg" \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/sociale_bril_wasm.wasm"

log "bundling the checklist app"
node "$WASM_DIR/web/build.mjs"
