# shellcheck shell=bash
# Shared by build.sh, serve.sh, test.sh and bench.sh (sourced, not run): the set-up helpers of
# scripts/lib.sh plus what the WebAssembly part needs: the wasm32 target and wasm-bindgen-cli at
# the exact version the crate pins (installed into .tools/ in the checkout).

WASM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../../scripts/lib.sh
source "$WASM_DIR/../scripts/lib.sh"
# A target folder of its own, so that building the module does not wait for (or invalidate)
# the host builds in target/.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/wasm}"

ensure_wasm_target() { ensure_rust_target wasm32-unknown-unknown; }

# The version the crate pins with `wasm-bindgen = "=X.Y.Z"`; the CLI must be the same.
wasm_bindgen_version() {
  sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$WASM_DIR/Cargo.toml"
}

# wasm-bindgen and wasm-bindgen-test-runner, from wasm-bindgen-cli at the pinned version.
# Built unoptimised (--debug): CI compiles it on every run (a fresh clone has no .tools/), and that
# takes less than half the CPU time of a release build (3 against 7 min); processing the module
# then takes 1 s instead of 0.2 s, with byte-identical output.
ensure_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  [ -n "$want" ] ||
    die "bindings-wasm/Cargo.toml does not pin wasm-bindgen (wasm-bindgen = \"=X.Y.Z\"); the CLI must match it exactly"
  ensure_cargo_tool wasm-bindgen wasm-bindgen-cli "$want" --debug
}
