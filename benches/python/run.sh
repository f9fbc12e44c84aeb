#!/usr/bin/env bash
# The Python benchmark: builds and installs the wheel into bindings-python/.venv (as
# bindings-python/scripts/test.sh does), installs the peer engines, and runs benchmark.py once, writing its table
# into the "## Python" section of docs/performance.md. Arguments go to benchmark.py
# (e.g. --proposals 2000 --repeat 1; --no-write to leave the docs alone).
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../../scripts/lib.sh
source "$bench/../../scripts/lib.sh"
repo="$ROOT"
here="$repo/bindings-python"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target/py}"
venv="$here/.venv"
py="$venv/bin/python"
ensure_rust
ensure_python_venv "$venv" "$here/requirements-dev.txt"
# A peer that cannot be installed is reported as such in the table.
"$py" -m pip install --quiet --disable-pip-version-check -r "$bench/requirements.txt" \
  || echo "note: a peer engine could not be installed; the table will say so"
wheels="$CARGO_TARGET_DIR/wheels"
rm -f "$wheels"/sociale_bril-*.whl
(cd "$here" && "$py" -m maturin build --release --locked --quiet --interpreter "$py" --out "$wheels")
"$py" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheels"/sociale_bril-*.whl
write=(--write "$repo/docs/performance.md")
args=()
for a in "$@"; do
  if [ "$a" = "--no-write" ]; then write=(); else args+=("$a"); fi
done
exec "$py" "$bench/benchmark.py" "${write[@]}" "${args[@]}"
