#!/usr/bin/env bash
# Runs the core benchmarks and writes their figures into docs/performance.md ("Core (Rust)").
# Benchmarks, not tests: run on a quiet machine. Takes about 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
source scripts/lib.sh
ensure_rust
cargo build --release --locked -p sociale-bril-cli
cargo bench --locked -p sociale-bril-benches --bench core
cargo run --release --locked -q -p sociale-bril-benches --bin batch_scaling -- target/release/sociale-bril target/bench-scaling.json
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || echo unknown)
machine="$(date -u +%Y-%m-%d), ${cpu:-unknown CPU}, $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(rustc --version)"
cargo run --release --locked -q -p sociale-bril-benches --bin perf_report -- "$machine"
