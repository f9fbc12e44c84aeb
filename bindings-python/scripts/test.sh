#!/usr/bin/env bash
# The Python package's tests: builds the wheel with maturin, installs it into a virtualenv
# (bindings-python/.venv, created and kept up to date here), and runs the pytest suite against the
# installed wheel, mypy --strict on the examples and tests, and stubtest against the built module.
# Needs only Rust, Python >= 3.9 with venv and pip, and network access to PyPI and crates.io.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target/py}"
export MYPY_CACHE_DIR="$CARGO_TARGET_DIR/mypy-cache"
venv="$here/.venv"
py="$venv/bin/python"

echo "== python: virtualenv ($venv)"
if [ ! -x "$py" ]; then
  # `venv` needs ensurepip, which some system Pythons leave out; virtualenv (from PyPI) does not.
  if ! "${PYTHON:-python3}" -m venv "$venv"; then
    rm -rf "$venv"
    "${PYTHON:-python3}" -m pip install --quiet --user virtualenv
    "${PYTHON:-python3}" -m virtualenv --quiet "$venv"
  fi
fi
if ! cmp -s "$here/requirements-dev.txt" "$venv/.requirements-dev.txt"; then
  "$py" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$py" -m pip install --quiet --disable-pip-version-check -r "$here/requirements-dev.txt"
  cp "$here/requirements-dev.txt" "$venv/.requirements-dev.txt"
fi

echo "== python: wheel"
wheels="$CARGO_TARGET_DIR/wheels"
rm -f "$wheels"/sociale_bril-*.whl
(cd "$here" && "$venv/bin/maturin" build --release --locked --quiet --interpreter "$py" --out "$wheels")
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
