#!/usr/bin/env bash
# Makes an AOT cache for scripts/serve.sh (JDK 25 or newer; JEP 483/515): builds the service, runs it once on a
# scratch database with the offline model while a short training load goes through the API (accounts, debates
# of every mode, reads, the leaderboard, a replayed event stream), stops it, and leaves the classes it loaded and
# linked, and the methods' profiles, in FILE (default consultaion.aot). Rebuild the cache after every build: it
# belongs to those exact jars and that JDK. Bounded: every wait has a limit. Usage: scripts/aot-cache.sh [FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$(realpath -m "${1:-consultaion.aot}")
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
version=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
[ "${version%%.*}" -ge 25 ] 2>/dev/null || { echo "an AOT cache needs JDK 25 or newer (this is $version)" >&2; exit 1; }
./mvnw -B -q -ntp -DskipTests -pl bootstrap -am package
PORT=${AOT_TRAINING_PORT:-8189}
BASE="http://127.0.0.1:$PORT"
DATA=$(mktemp -d)
JVM=
trap '[ -n "$JVM" ] && kill "$JVM" 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"' EXIT
rm -f "$OUT"
echo "training run on $BASE"
# The training load must not meet the rate limits or the plan's quotas (the free plan is raised by settings).
source bench/accounts.sh
# shellcheck disable=SC2086 # the plan's settings are separate words
env RATE_LIMIT_API_CAPACITY=1000000 RATE_LIMIT_AUTH_CAPACITY=1000000 RATE_LIMIT_STREAM_CAPACITY=1000000 \
$UNLIMITED_FREE_PLAN PORT=$PORT CONSULTAION_DATA_DIR=$DATA/db LOG_LEVEL=WARN \
  AOT_CACHE= SKIP_BUILD=1 JAVA_OPTS="-XX:AOTCacheOutput=$OUT" scripts/serve.sh > "$DATA/service.log" 2>&1 &
JVM=$! # serve.sh execs the JVM
for _ in $(seq 1 600); do curl -sf "$BASE/readyz" > /dev/null && break; sleep 0.1; done
curl -sf "$BASE/readyz" > /dev/null || { echo "the training run did not become ready" >&2; tail -20 "$DATA/service.log" >&2; exit 1; }
KEY=$(load_account aot-training@example.com)
ids=()
for mode in debate parliament conversation debate parliament conversation; do
  for _ in 1 2 3; do
    id=$(curl -sf -X POST "$BASE/debates" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
      -d "{\"prompt\":\"Should a small team adopt trunk-based development?\",\"mode\":\"$mode\"}" | json "['id']") \
      || { echo "a training debate was refused" >&2; tail -5 "$DATA/service.log" >&2; exit 1; }
    ids+=("$id")
  done
done
for id in "${ids[@]}"; do
  for _ in $(seq 1 300); do
    curl -sf "$BASE/debates/$id" -H "X-API-Key: $KEY" | grep -q '"status":"\(completed\|completed_with_warnings\|failed\|cancelled\)"' && break
    sleep 0.1
  done
  curl -sf -N --max-time 5 "$BASE/debates/$id/stream" -H "X-API-Key: $KEY" > /dev/null || true
done
for _ in 1 2 3; do
  curl -sf "$BASE/debates" -H "X-API-Key: $KEY" > /dev/null
  curl -sf "$BASE/leaderboard" > /dev/null
  curl -sf "$BASE/models" > /dev/null || true
done
kill "$JVM"
wait "$JVM" 2>/dev/null || true
JVM=
[ -s "$OUT" ] || { echo "no cache was written" >&2; tail -20 "$DATA/service.log" >&2; exit 1; }
echo "AOT cache: $OUT ($(du -m "$OUT" | cut -f1) MiB); run with: AOT_CACHE=$OUT SKIP_BUILD=1 scripts/serve.sh"
