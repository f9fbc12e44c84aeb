#!/usr/bin/env bash
# Builds the checklist app and serves it on http://127.0.0.1:8080/ (PORT=… to change).
# Installs what it needs on a fresh machine (see build.sh).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

"$WASM_DIR/scripts/build.sh"
exec node "$WASM_DIR/scripts/serve.mjs" "$@"
