#!/usr/bin/env bash
# Load harness for the HTTP API: starts the real service on 127.0.0.1 (embedded PostgreSQL, local model at
# zero latency), signs a user in, then drives it with wrk (Debian package "wrk"). Bounded: every wrk run stops by
# itself after DURATION; the service is stopped at the end. Usage: bench/api-bench.sh [DURATION] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15s}
CONNECTIONS=${2:-32}
PORT=${BENCH_PORT:-8181}
REPEATS=${REPEATS:-3}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
source bench/service.sh
source bench/accounts.sh
# RATE_LIMIT_STORE=memory|postgres and RATE_LIMIT_ENABLED=false compare the rate-limit check's cost.
echo "building and starting the service on $BASE (data in $DATA; rate limits: enabled=${RATE_LIMIT_ENABLED:-true}, store=${RATE_LIMIT_STORE:-postgres})"
start_service $UNLIMITED_FREE_PLAN LOCAL_MODEL_LATENCY_MS=0

ADMIN=$(admin_token bench-admin@example.com)
KEY=$(load_account bench@example.com)
TOKEN=$(login bench@example.com)
ID=$(curl -sf -X POST "$BASE/debates" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
  -d '{"prompt":"Should a team of five adopt trunk-based development?"}' | json "['id']")
for _ in $(seq 1 100); do
  curl -sf "$BASE/debates/$ID" -H "X-API-Key: $KEY" | grep -q '"status":"completed"' && break; sleep 0.2
done

cat > "$DATA/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"prompt": "Should a team of five adopt trunk-based development?"}'
wrk.headers["Content-Type"] = "application/json"
LUA

run() { # name, wrk args...
  local name=$1; shift
  for r in $(seq 1 "$REPEATS"); do
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1=="50%" {print $2}')
    p99=$(echo "$out" | awk '$1=="99%" {print $2}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
    echo "$name run $r: $rps req/s  p50 $p50  p99 $p99  non-2xx ${non2xx:-0}$(progress "$name")"
  done
}
# After a run of starts: how many debates were started and finished so far. Every started debate also runs on
# the same cores, so a start rate is only a capacity if the finished count keeps up (a growing difference is a
# backlog the service has accepted but not done).
progress() {
  case $1 in POST*) ;; *) return ;; esac
  local prom started finished
  prom=$(curl -s -H "Authorization: Bearer $ADMIN" "$BASE/prometheus")
  started=$(echo "$prom" | awk '/^consultaion_debates_started_total/ {s += $2} END {printf "%d", s}')
  finished=$(echo "$prom" | awk '/^consultaion_debates_finished_seconds_count/ {s += $2} END {printf "%d", s}')
  echo "; debates started $started, finished $finished, unfinished $((started - finished))"
}
echo "machine: $(nproc) cores; wrk -t2 -c$CONNECTIONS -d$DURATION; $REPEATS runs each"
run "GET /debates/{id} (API key)" -H "X-API-Key: $KEY" "$BASE/debates/$ID"
run "GET /debates/{id} (JWT)    " -H "Authorization: Bearer $TOKEN" "$BASE/debates/$ID"
run "GET /healthz               " "$BASE/healthz"
run "GET /leaderboard           " -H "X-API-Key: $KEY" "$BASE/leaderboard"
run "POST /debates (L=0)        " -s "$DATA/post.lua" -H "X-API-Key: $KEY" "$BASE/debates"

# The same load spread over 32 accounts (each on the internal plan): one account's starts are decided one at a
# time (its quota check holds the account's lock until commit), different accounts' in parallel.
ACCOUNTS=${ACCOUNTS:-32}
echo "creating $ACCOUNTS accounts"
LUA_KEYS=""
for n in $(seq 1 "$ACCOUNTS"); do
  LUA_KEYS="$LUA_KEYS\"$(load_account "bench$n@example.com")\","
done
cat > "$DATA/post-many.lua" <<LUA
local keys = {$LUA_KEYS}
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/debates", {["Content-Type"] = "application/json", ["X-API-Key"] = keys[(i % #keys) + 1]},
    '{"prompt": "Should a team of five adopt trunk-based development?"}')
end
LUA
run "POST /debates, $ACCOUNTS accounts" -s "$DATA/post-many.lua" "$BASE/debates"
