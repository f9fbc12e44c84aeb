#!/usr/bin/env bash
# The team server's benchmark (issue 15; not part of CI, it takes about 8 minutes):
#   1. 200 simulated editors for 60 s (each reads, changes an answer and saves about every 2 s,
#      ~100 saves/s, ~10 % conflicts that are retried) against SQLite, PostgreSQL, and two
#      server processes on one PostgreSQL: saves/s, p50/p99 of saves, server RSS at 10 s and
#      60 s, and a replay of the log that proves zero lost updates;
#   2. the highest rate at which the p99 of saves stays under 50 ms (20 s steps, +25 % each).
# Release builds; PostgreSQL at $SOCIALE_BRIL_PG_URL (default postgres://postgres@127.0.0.1/test),
# a database per run, dropped afterwards. Results: target/bench/server.jsonl and a table.
#   benches/server/run.sh [--quick]     (--quick: 10 s runs, for a smoke test of the harness)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
seconds=60 step_seconds=20
if [ "${1:-}" = "--quick" ]; then seconds=10 step_seconds=5; fi
PG_URL="${SOCIALE_BRIL_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
out="$repo/target/bench"
mkdir -p "$out"
results="$out/server.jsonl"
: > "$results"

echo "== building (release)" >&2
cargo build --release --locked --quiet -p sociale-bril-cli -p sociale-bril-benches --bin sociale-bril --bin server_load
bin="$repo/target/release/sociale-bril"
load="$repo/target/release/server_load"
work="$(mktemp -d)"
pids=()
dbs=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for d in "${dbs[@]}"; do psql "$PG_URL" -Atqc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

start() { # PORT DATABASE -> prints the pid
  # Its output goes to a file: a command substitution around start() waits for every writer.
  (cd "$work" && RUST_LOG=warn exec "$bin" serve --listen "127.0.0.1:$1" --database "$2" --rate-limit 0 \
    >>"$work/server.log" 2>&1) &
  local pid=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$1/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
  echo "$pid"
}
stop() { kill "$@" 2>/dev/null || true; for p in "$@"; do wait "$p" 2>/dev/null || true; done; }
new_pg() { local d="sb_bench_$$_$1"; psql "$PG_URL" -Atqc "CREATE DATABASE $d" >/dev/null; dbs+=("$d"); echo "${PG_URL%/*}/$d"; }
pg_ok() { command -v psql >/dev/null && psql "$PG_URL" -Atqc 'select 1' >/dev/null 2>&1; }

run() { # NAME URLS PIDS [load args...]
  local name="$1" urls="$2" ps="$3"; shift 3
  echo "== $name" >&2
  local line
  line="$("$load" --url "$urls" --pid "$ps" "$@")" || { echo "$line" >&2; echo "error: $name failed" >&2; exit 1; }
  echo "{\"run\":\"$name\",\"result\":$line}" >> "$results"
  echo "$line" >&2
}

p=$(start 18401 "$work/bench.db"); pids+=("$p")
run "sqlite" "http://127.0.0.1:18401" "$p" --seconds "$seconds"
stop "$p"
if pg_ok; then
  url=$(new_pg one); p=$(start 18402 "$url"); pids+=("$p")
  run "postgres" "http://127.0.0.1:18402" "$p" --seconds "$seconds"
  stop "$p"
  url=$(new_pg two); a=$(start 18403 "$url"); b=$(start 18404 "$url"); pids+=("$a" "$b")
  run "postgres-2-processes" "http://127.0.0.1:18403,http://127.0.0.1:18404" "$a,$b" --seconds "$seconds"
  stop "$a" "$b"
else
  echo "== PostgreSQL runs skipped: nothing answers at $PG_URL" >&2
fi

# The highest rate with p99 < 50 ms: the interval shrinks by a fifth each step (the rate grows
# by a quarter); the
# think time stays a tenth of it, so the share of conflicts stays about the same.
search() { # NAME DATABASE
  local interval=2000 n=0
  while [ "$interval" -ge 60 ]; do
    n=$((n + 1))
    local db="$2"; [ "$db" = "sqlite" ] && db="$work/step$n.db"; [ "$db" = "postgres" ] && db=$(new_pg "step$n")
    local pid; pid=$(start 18410 "$db"); pids+=("$pid")
    local line
    line="$("$load" --url http://127.0.0.1:18410 --pid "$pid" --seconds "$step_seconds" --interval-ms "$interval" --think-ms $((interval / 10)))" || true
    stop "$pid"
    echo "{\"run\":\"$1-rate\",\"interval_ms\":$interval,\"result\":$line}" >> "$results"
    echo "$1 interval ${interval} ms: $line" >&2
    local p99; p99=$(echo "$line" | python3 -c 'import json,sys; print(json.load(sys.stdin)["p99_ms"])' 2>/dev/null || echo 1e9)
    python3 -c "import sys; sys.exit(0 if float('$p99') < 50 else 1)" || break
    interval=$((interval * 4 / 5))
  done
}
search sqlite sqlite
if pg_ok; then search postgres postgres; fi

python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"{'run':<24} {'saves/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'conflicts':>9} {'RSS 10s':>9} {'RSS end':>9}  replay")
for r in rows:
    x = r["result"]
    name = r["run"] + (f" @{r['interval_ms']}ms" if "interval_ms" in r else "")
    rep = x["replay"]
    rep = f"{rep['versions_checked']} versions, 0 lost" if "versions_checked" in rep else rep.get("error")
    print(f"{name:<24} {x['saves_per_second']:>8.1f} {x['p50_ms']:>7.1f} {x['p99_ms']:>7.1f} {x['conflict_percent']:>8.1f}% "
          f"{x['rss_10s_kib']/1024:>7.1f}MB {x['rss_end_kib']/1024:>7.1f}MB  {rep}")
PY
