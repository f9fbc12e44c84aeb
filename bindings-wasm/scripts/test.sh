#!/usr/bin/env bash
# Every test of the WebAssembly binding and the checklist app, on a fresh machine too: installs
# Debian's chromium and chromium-driver if missing (as root, with apt-get), the wasm32 target,
# wasm-bindgen-cli at the pinned version and the npm packages; builds the module and the app;
# then runs
#   1. tsc --noEmit --strict over the TypeScript declarations (types/usage.ts) and the app;
#   2. the conformance suite (tests/conformance) through the module, byte for byte;
#   3. the wasm-bindgen tests of the binding in headless Chromium;
#   4. the browser tests of the app (playwright-core driving headless Chromium), with the
#      desktop (1366×768) and phone (390×844) screenshots of issue 14;
#   5. the size guard: the module, default ruleset included, at most WASM_GZIP_LIMIT_KB
#      (default 215) KiB gzipped; issue 5's target of 150 KB is not met (README "Size").
# Screenshots and exported files go to test-artifacts/ at the repository root.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

ensure_chromium
"$WASM_DIR/scripts/build.sh"

log "wasm: TypeScript declarations and app (tsc --noEmit --strict)"
(cd "$WASM_DIR" && npx --no-install tsc --noEmit --strict -p tsconfig.json)

log "wasm: conformance suite (tests/conformance) through the module in Node"
(cd "$WASM_DIR" && node --test --test-reporter=dot tests/conformance.mjs)

log "wasm: wasm-bindgen tests in headless Chromium"
(
  cd "$ROOT"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test -p sociale-bril-wasm --target wasm32-unknown-unknown
)

log "wasm: building the CLI to compare scores with"
(cd "$ROOT" && cargo build -q -p sociale-bril-cli)
export SOCIALE_BRIL_CLI="$CARGO_TARGET_DIR/debug/sociale-bril"

log "wasm: browser tests of the checklist app (playwright-core, headless Chromium)"
# app.test.mjs: the checklist end to end; officer.test.mjs: issue 14 (layout at 1366×768 and
# 390×844, import, undo, print, …). One at a time: both drive a browser on a small machine.
(cd "$WASM_DIR" && node --test --test-concurrency=1 --test-reporter=spec tests/browser/app.test.mjs tests/browser/officer.test.mjs)

log "wasm: module size"
# Issue 5's target is 150 KB gzipped, default ruleset included. The module does not meet it
# (about 213 KiB; see "Size" in bindings-wasm/README.md), so this check is a regression guard:
# it fails when the module grows past WASM_GZIP_LIMIT_KB (default 215 KiB, the measured size
# plus a small margin) and reports how far the module is from the target on every run.
module="$WASM_DIR/pkg/sociale_bril_wasm_bg.wasm"
raw=$(wc -c <"$module")
gz=$(gzip -9 -c "$module" | wc -c)
target=150000
limit_kb="${WASM_GZIP_LIMIT_KB:-215}"
limit=$((limit_kb * 1024))
echo "sociale_bril_wasm_bg.wasm: $raw bytes, $gz bytes gzipped (-9); guard $limit bytes ($limit_kb KiB)"
if [ "$gz" -gt "$target" ]; then
  echo "note: $((gz - target)) bytes over issue 5's target of $target bytes gzipped (not met)"
fi
if [ "$gz" -gt "$limit" ]; then
  echo "error: the WebAssembly module is $gz bytes gzipped, over the guard of $limit bytes" >&2
  exit 1
fi
echo "== wasm: all tests passed"
