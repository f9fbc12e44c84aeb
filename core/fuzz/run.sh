#!/usr/bin/env bash
# Runs one fuzz target (or all) for a while with cargo-fuzz (nightly toolchain).
#   core/fuzz/run.sh proposal 600      # one target, 600 seconds
#   core/fuzz/run.sh all 60            # every target, 60 seconds each (the CI smoke)
# Findings land in core/fuzz/artifacts/<target>/; keep each as a regression test
# (core/tests/fuzz_regressions.rs) after fixing it.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:-all}
secs=${2:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
targets=(ruleset_toml expression proposal)
[ "$target" = all ] || targets=("$target")
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "== fuzz $t for ${secs}s"
  cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 2>&1 | tail -25
done
