#!/usr/bin/env bash
# SSE fan-out harness: starts the real service on 127.0.0.1 (local model at 2 s per call, so each debate runs for
# about 12 s), then SseFanoutBenchmark opens SUBSCRIBERS streams over DEBATES debates and measures commit-to-client
# delay of live events, and the service's RSS before and with the streams open. Bounded by TIMEOUT seconds.
# Usage: bench/sse-bench.sh [SUBSCRIBERS] [DEBATES]   (SERVICE_LOG=/path keeps the service's log; LATENCY_MS
# sets the local model's latency, default 2000: raise it with many subscribers so debates outlast the connection storm)
# REPEAT=n: run the harness n times on the same service (run 1 is cold: the JIT compiles while it runs)
# READERS: threads of the raw NIO reader that reads the streams (default 2)
# HEAP_AT=seconds: also weigh the service's live heap (jcmd GC.class_histogram, a full GC: it pauses the service,
# so latencies of such a run are not comparable) before the streams and that many seconds after they begin opening
set -euo pipefail
cd "$(dirname "$0")/.."
SUBSCRIBERS=${1:-1000}
DEBATES=${2:-10}
TIMEOUT=${TIMEOUT:-120}
PORT=${BENCH_PORT:-8182}
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
# The harness is one user opening many streams and starting several debates at once: the user is moved to the
# internal plan below. SERVE=1 launches through scripts/serve.sh (bench/service.sh).
source bench/service.sh
source bench/accounts.sh
echo "building and starting the service on $BASE"
start_service $UNLIMITED_FREE_PLAN LOCAL_MODEL_LATENCY_MS="${LATENCY_MS:-2000}" \
  SSE_MAX_STREAMS_PER_IDENTITY=1000000
ADMIN=$(admin_token sse-bench-admin@example.com)
KEY=$(load_account sse-bench@example.com)
JVM=$(service_pid)
rss() { ps -o rss= -p "$JVM" | awk '{printf "%.0f", $1/1024}'; }
echo "service RSS before: $(rss) MiB"
cpu() { ps -o times= -p "$JVM" | tr -d ' '; }
CPU_BEFORE=$(cpu)
(sleep 8; echo "service RSS with streams open: $(rss) MiB") &
if [ -n "${HEAP_AT:-}" ]; then
  JCMD=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
  live_heap() { "$JCMD" "$JVM" GC.class_histogram 2>/dev/null | awk '/^Total/ {printf "%.1f", $3/1048576}'; }
  open_streams() { curl -s -H "Authorization: Bearer $ADMIN" "$BASE/admin/ops/streams" | grep -o '"open_streams":[0-9]*' | cut -d: -f2; }
  echo "live heap before: $(live_heap) MiB"
  (sleep "$HEAP_AT"; n=$(open_streams); echo "at $HEAP_AT s: $n streams open, live heap $(live_heap) MiB, RSS $(rss) MiB") &
fi
for run in $(seq 1 "${REPEAT:-1}"); do
  [ "${REPEAT:-1}" -gt 1 ] && echo "== run $run of $REPEAT on this service$([ "$run" = 1 ] && echo ' (cold: includes JIT warm-up)')"
  ./mvnw -B -q -ntp -pl benchmarks -am -DskipTests -Pbench package \
    -Dbench.main=com.consultaion.benchmarks.SseFanoutBenchmark \
    -Dbench.args="base=$BASE key=$KEY subscribers=$SUBSCRIBERS debates=$DEBATES timeout=$TIMEOUT readers=${READERS:-2}"
done
echo "service CPU time during the runs: $(( $(cpu) - CPU_BEFORE )) s (user + system, all threads)"
