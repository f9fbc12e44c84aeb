#!/usr/bin/env bash
# Runs every test of the project, installing what it needs on a fresh machine.
# Each part has its own script; see README.md. A part that is missing or not executable is an
# error, never skipped. Prints how long each part took.
set -euo pipefail
cd "$(dirname "$0")/.."
parts=(
  scripts/tests/setup.sh # the set-up helpers themselves (seconds; first, so a broken install path shows early)
  scripts/test-rust.sh
  scripts/test-ruleset-2.sh
  server/scripts/test.sh
  bindings-python/scripts/test.sh
  bindings-wasm/scripts/test.sh
)
for part in "${parts[@]}"; do
  if [ ! -f "$part" ]; then
    echo "error: test part $part is missing" >&2
    exit 1
  fi
  if [ ! -x "$part" ]; then
    echo "error: test part $part is not executable (chmod +x $part, and commit the mode)" >&2
    exit 1
  fi
done
# How long each part took, printed at the end (CI's budget for a full run is 40 minutes).
times=()
for part in "${parts[@]}"; do
  start=$SECONDS
  "./$part"
  times+=("$(printf '%5d s  %s' $((SECONDS - start)) "$part")")
done
echo "== all tests passed in $SECONDS s:"
printf '%s\n' "${times[@]}"
