# Sourced by the bench scripts (set PORT first): the service under test on 127.0.0.1:$PORT, with its data in a fresh
# directory ($DATA/db) that is removed, and the service stopped, when the script exits — whatever happens.
# Rate limits stay on (their check is part of every request's cost) with buckets no harness can empty.
BASE="http://127.0.0.1:$PORT"
DATA=$(mktemp -d)
SERVICE_LOG=${SERVICE_LOG:-$DATA/service.log}
export RATE_LIMIT_API_CAPACITY=${RATE_LIMIT_API_CAPACITY:-1000000000000}
export RATE_LIMIT_AUTH_CAPACITY=${RATE_LIMIT_AUTH_CAPACITY:-1000000000000}
export RATE_LIMIT_STREAM_CAPACITY=${RATE_LIMIT_STREAM_CAPACITY:-1000000000000}

# service_pid -> the service's JVM, found by its port (Maven's run profile forks it)
service_pid() { ss -ltnpH "sport = :$PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }

stop_service() {
  local jvm
  jvm=$(service_pid)
  [ -n "$jvm" ] && kill "$jvm" 2>/dev/null
  [ -n "${SAMPLER:-}" ] && kill "$SAMPLER" 2>/dev/null # a background sampler the script started
  # The killed service's status is not the script's: under set -e it must not stop the clean-up.
  [ -n "${SERVICE:-}" ] && { kill "$SERVICE" 2>/dev/null; wait "$SERVICE" 2>/dev/null || true; }
  rm -rf "$DATA"
}
trap stop_service EXIT

# start_service [NAME=VALUE ...] -> launches the service with these settings and waits (2 min at most) until it is
# ready. SERVE=1 launches the packaged service with scripts/serve.sh (one JVM, as in production; JAVA_OPTS and
# AOT_CACHE pass through; SKIP_BUILD=1 skips its build) instead of through Maven's run profile.
start_service() {
  local launch=(./mvnw -B -q -ntp -Prun -DskipTests package)
  [ "${SERVE:-0}" = 1 ] && launch=(scripts/serve.sh)
  env PORT="$PORT" CONSULTAION_DATA_DIR="$DATA/db" LOG_LEVEL=WARN ACCESS_LOG_LEVEL=OFF "$@" "${launch[@]}" \
    > "$SERVICE_LOG" 2>&1 &
  SERVICE=$!
  for _ in $(seq 1 240); do curl -sf "$BASE/readyz" >/dev/null && return 0; sleep 0.5; done
  echo "service did not become ready" >&2
  tail -20 "$SERVICE_LOG" >&2
  exit 1
}
