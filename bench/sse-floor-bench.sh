#!/usr/bin/env bash
# The floor under bench/sse-bench.sh: the same harness (SseFanoutBenchmark, raw NIO readers) against a bare Netty
# HTTP server (NettyFloorServer: no Micronaut, no database, no debate) that, once all SUBSCRIBERS streams are open,
# writes one event of SIZE bytes to every open stream every INTERVAL_MS, BURSTS times, then ends them. What it measures is what the machine, loopback TCP,
# Netty's chunked HTTP and the harness cost before the service adds anything. Bounded: the server stops after its
# last burst, the harness after every stream ended or its timeout.
# Usage: bench/sse-floor-bench.sh [SUBSCRIBERS] [DEBATES]   (INTERVAL_MS=2000 BURSTS=40 SIZE=800; BATCH=true gives
# each event loop one task per burst instead of one per stream; READERS as for sse-bench.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
SUBSCRIBERS=${1:-10000}
DEBATES=${2:-10}
PORT=${BENCH_PORT:-8186}
INTERVAL=${INTERVAL_MS:-2000}
BURSTS=${BURSTS:-40}
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
LOG=$(mktemp)
echo "building and starting the floor server on 127.0.0.1:$PORT"
./mvnw -B -q -ntp -pl benchmarks -am -DskipTests -Pbench package \
  -Dbench.main=com.consultaion.benchmarks.NettyFloorServer \
  -Dbench.args="port=$PORT subscribers=$SUBSCRIBERS interval=$INTERVAL bursts=$BURSTS size=${SIZE:-800} batch=${BATCH:-false}" > "$LOG" 2>&1 &
SERVER=$!
jvm() { ss -ltnpH "sport = :$PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
stop() {
  local pid
  pid=$(jvm)
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -f "$LOG"
}
trap stop EXIT
# Ready once it has warmed up its write path on streams of its own (a few seconds after it listens).
for _ in $(seq 1 240); do grep -q "floor server ready" "$LOG" && break; sleep 0.5; done
grep -q "floor server ready" "$LOG" || { echo "the floor server did not start" >&2; cat "$LOG" >&2; exit 1; }
./mvnw -B -q -ntp -pl benchmarks -am -DskipTests -Pbench package \
  -Dbench.main=com.consultaion.benchmarks.SseFanoutBenchmark \
  -Dbench.args="base=http://127.0.0.1:$PORT key=none subscribers=$SUBSCRIBERS debates=$DEBATES timeout=$(( INTERVAL * BURSTS / 1000 + 60 )) readers=${READERS:-2}"
wait $SERVER 2>/dev/null || true # the server ends after its last burst and prints its CPU time
cat "$LOG"
