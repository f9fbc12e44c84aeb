#!/usr/bin/env bash
# Runs every test of the project, installing what it needs on a fresh machine.
# Each part has its own script; see README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/test-rust.sh
for part in server/scripts/test.sh bindings-python/scripts/test.sh bindings-wasm/scripts/test.sh; do
  if [ -x "$part" ]; then
    "$part"
  fi
done
echo "== all tests passed"
