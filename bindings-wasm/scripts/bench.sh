#!/usr/bin/env bash
# The re-assessment benchmark in headless Chromium: builds the app, opens web/dist/bench.html
# and prints the figures. With --write, also writes them into the "Browser (WebAssembly)"
# section of docs/performance.md.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

ensure_chromium
"$WASM_DIR/scripts/build.sh"
node "$WASM_DIR/scripts/bench.mjs" "$@"
