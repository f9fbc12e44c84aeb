#!/usr/bin/env bash
# The team server's tests on both databases, as a user would run it:
#   - the API tests (server/tests) and the process tests (cli/tests/serve.rs: start with no
#     configuration, SIGKILL during saves, login through a real OpenID Connect provider) on
#     SQLite and PostgreSQL;
#   - Schemathesis against the running server and its own /openapi.json.
# PostgreSQL: started when installed but stopped; each run gets databases of its own, created
# and dropped. Without a reachable PostgreSQL the PostgreSQL part is skipped with the reason,
# except under CI (CI=true), where it is required.
# Installs what it needs: npm's oidc-provider (server/tests/oidc) and Schemathesis (PyPI, in
# server/.venv).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/.." && pwd)"
# The shared helpers (log, apt_install, ensure_node); they set a target folder for the wasm
# build, which this script does not want.
had_target="${CARGO_TARGET_DIR-}"
# shellcheck source=../../bindings-wasm/scripts/lib.sh
source "$repo/bindings-wasm/scripts/lib.sh"
if [ -n "$had_target" ]; then export CARGO_TARGET_DIR="$had_target"; else unset CARGO_TARGET_DIR; fi
target="${CARGO_TARGET_DIR:-$repo/target}"

# ---- PostgreSQL ------------------------------------------------------------------------------
PG_URL="${SOCIALE_BRIL_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
pg_ready() { command -v psql >/dev/null 2>&1 && psql "$PG_URL" -Atqc 'select 1' >/dev/null 2>&1; }
pg_reason=""
if ! pg_ready && command -v pg_lsclusters >/dev/null 2>&1; then
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)"
  if [ -n "$version" ]; then
    log "server: starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do pg_ready && break; sleep 0.5; done
  fi
fi
run_db=""
if pg_ready; then
  prefix="sbt_$$"
  run_db="${prefix}_run"
  psql "$PG_URL" -Atqc "CREATE DATABASE $run_db" >/dev/null
  base="${PG_URL%/*}"
  export SOCIALE_BRIL_TEST_POSTGRES="$base/$run_db"
  export SOCIALE_BRIL_TEST_PG_PREFIX="$prefix"
  cleanup_pg() {
    for db in $(psql "$PG_URL" -Atqc "SELECT datname FROM pg_database WHERE datname LIKE '${prefix}\\_%'"); do
      psql "$PG_URL" -Atqc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true
    done
  }
  trap cleanup_pg EXIT
  log "server: PostgreSQL at ${PG_URL%%@*}@…; this run's databases: ${prefix}_*"
else
  if command -v psql >/dev/null 2>&1; then
    pg_reason="no PostgreSQL answers at $PG_URL"
  else
    pg_reason="PostgreSQL is not installed (psql not found)"
  fi
  if [ "${CI:-}" = "true" ]; then
    echo "error: the server's PostgreSQL tests need a PostgreSQL server under CI: $pg_reason" >&2
    exit 1
  fi
  echo "== server: SKIPPING the PostgreSQL part: $pg_reason" >&2
  unset SOCIALE_BRIL_TEST_POSTGRES
fi

# ---- the OpenID Connect provider for the login test -------------------------------------------
ensure_node
oidc="$here/tests/oidc"
if [ ! -f "$oidc/node_modules/.package-lock.json" ] || [ "$oidc/package-lock.json" -nt "$oidc/node_modules/.package-lock.json" ]; then
  log "server: installing oidc-provider (npm ci)"
  (cd "$oidc" && npm ci --no-audit --no-fund --silent)
fi

# ---- Rust tests ------------------------------------------------------------------------------
log "server: API, authorization, kill-and-restart and login tests"
(cd "$repo" && SOCIALE_BRIL_TEST_OIDC=1 cargo test --locked -p sociale-bril-server -p sociale-bril-cli --test api --test authz --test serve)

# ---- Schemathesis ----------------------------------------------------------------------------
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
  log "server: virtualenv for Schemathesis ($venv)"
  python3 -m venv "$venv" || { apt_install python3-venv && python3 -m venv "$venv"; }
fi
if ! cmp -s "$here/requirements-test.txt" "$venv/.requirements-test.txt"; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements-test.txt"
  cp "$here/requirements-test.txt" "$venv/.requirements-test.txt"
fi
(cd "$repo" && cargo build --locked --quiet -p sociale-bril-cli)
schema_run() { # NAME DATABASE
  local name="$1" db="$2" work port pid csrf
  work="$(mktemp -d)"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  (cd "$work" && RUST_LOG=warn exec "$target/debug/sociale-bril" serve --listen "127.0.0.1:$port" \
    --database "$db" --rate-limit 0) &
  pid=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
  csrf="$(curl -fsS "http://127.0.0.1:$port/api/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')"
  log "server: Schemathesis against the running server ($name)"
  local status=0
  "$venv/bin/st" run "http://127.0.0.1:$port/openapi.json" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --header "X-CSRF-Token: $csrf" --max-examples "${SCHEMATHESIS_EXAMPLES:-15}" --workers 1 \
    --seed 1 --no-color || status=$?
  kill "$pid" && wait "$pid" || true
  rm -rf "$work"
  return "$status"
}
schema_run SQLite "schemathesis.db"
if [ -n "$run_db" ]; then
  schema_run PostgreSQL "$SOCIALE_BRIL_TEST_POSTGRES"
fi
echo "== server: ok${pg_reason:+ (PostgreSQL part skipped: $pg_reason)}"
