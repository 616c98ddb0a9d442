#!/usr/bin/env bash
# Start-up harness: builds the service once, then starts it RUNS times on a fresh data directory (initdb and
# migrations) and RUNS times on the directory the first run left, each time measuring the time from launching the
# JVM to /readyz answering (polled every 50 ms) and, 5 s after ready, the RSS of the JVM and of the embedded
# PostgreSQL processes (summed; shared memory counted once per process). Every loop is bounded.
# Usage: bench/startup-bench.sh [RUNS]   (default 2; the service is launched by scripts/serve.sh, so AOT_CACHE and JAVA_OPTS apply)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-2}
PORT=${BENCH_PORT:-8183}
echo "building the service"
./mvnw -B -q -ntp -DskipTests -pl bootstrap -am package > /dev/null
DATA=$(mktemp -d)
JVM=
trap '[ -n "$JVM" ] && kill "$JVM" 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"' EXIT

once() {
  local label=$1 start ready ms
  start=$(date +%s%N)
  PORT=$PORT CONSULTAION_DATA_DIR=$DATA LOG_LEVEL=WARN SKIP_BUILD=1 scripts/serve.sh > "$DATA.log" 2>&1 &
  JVM=$! # serve.sh execs the JVM
  for _ in $(seq 1 1200); do
    curl -sf "http://127.0.0.1:$PORT/readyz" > /dev/null 2>&1 && break
    sleep 0.05
  done
  ready=$(date +%s%N)
  curl -sf "http://127.0.0.1:$PORT/readyz" > /dev/null || { echo "$label: not ready after 60 s"; tail -5 "$DATA.log"; exit 1; }
  ms=$(( (ready - start) / 1000000 ))
  sleep 5
  local jvm_rss pg_rss
  jvm_rss=$(ps -o rss= -p "$JVM" | awk '{printf "%.0f", $1/1024}')
  # The postmaster is the postgres process started with the data directory; its workers are its children.
  local pg
  pg=$(ps -eo pid=,args= | awk -v d="$DATA" 'index($0, d) && /postgres/ && !/awk/ {print $1; exit}')
  pg_rss=$( { ps -o rss= -p "$pg"; ps -o rss= --ppid "$pg"; } 2>/dev/null | awk '{s += $1} END {printf "%.0f", s/1024}')
  printf '%s: ready after %d ms; RSS JVM %s MiB, postgres processes %s MiB\n' "$label" "$ms" "$jvm_rss" "$pg_rss"
  kill "$JVM"; wait "$JVM" 2>/dev/null || true; JVM=
}

for r in $(seq 1 "$RUNS"); do
  rm -rf "$DATA"; mkdir -p "$DATA"
  once "fresh data directory, run $r"
done
for r in $(seq 1 "$RUNS"); do
  once "existing data directory, run $r"
done
