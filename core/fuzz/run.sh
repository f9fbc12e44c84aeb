#!/usr/bin/env bash
# Runs one fuzz target (or all) for a while with cargo-fuzz (nightly toolchain).
#   core/fuzz/run.sh proposal 600      # one target, 600 seconds
#   core/fuzz/run.sh all 60            # every target, 60 seconds each (a smoke run)
# Needs a nightly Rust toolchain (rustup toolchain install nightly --profile minimal): installs
# it with rustup when missing, or stops saying so. cargo-fuzz goes into .tools/ in the checkout.
# Findings land in core/fuzz/artifacts/<target>/; keep each as a regression test
# (core/tests/fuzz_regressions.rs) after fixing it.
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=../../scripts/lib.sh
source ../../scripts/lib.sh
target=${1:-all}
secs=${2:-60}
targets=(ruleset_toml expression proposal)
case "$target" in
  all) ;;
  ruleset_toml | expression | proposal) targets=("$target") ;;
  *) die "unknown fuzz target '$target'; one of: ${targets[*]} or all" ;;
esac
ensure_rust
# The toolchain first: where it cannot be had, installing cargo-fuzz would be time lost.
ensure_rust_toolchain nightly "cargo-fuzz (libFuzzer's sanitizer flags)"
ensure_cargo_tool cargo-fuzz cargo-fuzz "" --locked
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "== fuzz $t for ${secs}s"
  cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 2>&1 | tail -25
done
