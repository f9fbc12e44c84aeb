#!/usr/bin/env bash
# The Python package's tests: builds the wheel with maturin, installs it into a virtualenv
# (bindings-python/.venv, created and kept up to date here), and runs the pytest suite against the
# installed wheel, mypy --strict on the examples and tests, and stubtest against the built module.
# Needs only Rust, Python >= 3.9 and network access to PyPI and crates.io (see ensure_python_venv in
# scripts/lib.sh for what it installs where venv does not work).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=../../scripts/lib.sh
source "$here/../scripts/lib.sh"
repo="$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target/py}"
export MYPY_CACHE_DIR="$CARGO_TARGET_DIR/mypy-cache"
venv="$here/.venv"
py="$venv/bin/python"

echo "== python: virtualenv ($venv)"
ensure_rust
ensure_python_venv "$venv" "$here/requirements-dev.txt"

echo "== python: wheel"
wheels="$CARGO_TARGET_DIR/wheels"
rm -f "$wheels"/sociale_bril-*.whl
(cd "$here" && "$py" -m maturin build --release --locked --quiet --interpreter "$py" --out "$wheels")
"$py" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheels"/sociale_bril-*.whl

echo "== python: the CLI, to compare with"
(cd "$repo" && cargo build --release --locked --quiet -p sociale-bril-cli)

echo "== python: pytest (against the installed wheel)"
(cd "$here/tests" && SOCIALE_BRIL_CLI="$CARGO_TARGET_DIR/release/sociale-bril" SOCIALE_BRIL_EXPECT_INSTALLED=1 \
  "$py" -m pytest -q -p no:cacheprovider)

echo "== python: mypy --strict"
(cd "$here" && "$py" -m mypy --strict examples tests)

echo "== python: stubtest"
(cd "$here" && "$py" -m mypy.stubtest sociale_bril --allowlist stubtest-allowlist.txt)

echo "== python: ok"
