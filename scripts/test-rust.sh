#!/usr/bin/env bash
# Rust checks and tests: formatting, clippy, the workspace tests (core, CLI, rule tests,
# conformance suite, schema freshness) and the doc tests.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
source scripts/lib.sh
ensure_rust_components rustfmt clippy
echo "== rust: fmt"
cargo fmt --all --check
echo "== rust: clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== rust: tests"
cargo test --workspace --locked
