#!/usr/bin/env bash
# Concurrent debates: starts the real service on 127.0.0.1 (embedded PostgreSQL with the service's durability,
# local model at LATENCY_MS per call), creates ACCOUNTS users on the internal plan, then DebateLoadBenchmark
# starts DEBATES default debates at once through POST /debates and waits for all of them (bounded by TIMEOUT s).
# Prints wall time / critical path (4·L) percentiles, start response times, the service's peak RSS and the
# database pool's acquisition time (from /prometheus). Usage: bench/debates-bench.sh [DEBATES] [LATENCY_MS] [ACCOUNTS]
# (REPEAT=n runs the batch n times on the same service; RSS and pool figures then cover all of them;
# WARMUP=n first runs n debates at once that are not counted, so the JIT has compiled the paths being measured;
# DB_STATS=1 also prints what the debates did to the database: statements, write transactions, rows, WAL, per debate)
set -euo pipefail
cd "$(dirname "$0")/.."
DEBATES=${1:-1000}
LATENCY=${2:-200}
ACCOUNTS=${3:-10}
TIMEOUT=${TIMEOUT:-300}
PORT=${BENCH_PORT:-8183}
# SERVE=1 launches the packaged service with scripts/serve.sh (with AOT_CACHE=FILE it starts from that cache)
# instead of through Maven's run profile (bench/service.sh).
source bench/service.sh
source bench/accounts.sh
echo "building and starting the service on $BASE (L = $LATENCY ms)"
start_service $UNLIMITED_FREE_PLAN LOCAL_MODEL_LATENCY_MS="$LATENCY" \
  DB_STATEMENT_STATS="$([ "${DB_STATS:-0}" = 1 ] && echo true || echo false)"
ADMIN=$(admin_token load-admin@example.com)
KEYS=""
for a in $(seq 1 "$ACCOUNTS"); do
  KEYS="$KEYS${KEYS:+,}$(load_account "load-$a@example.com" "$ADMIN")"
done
JVM=$(service_pid)
echo "service RSS before: $(ps -o rss= -p "$JVM" | awk '{printf "%.0f", $1/1024}') MiB"
# Peak RSS while the load runs: sampled every 200 ms into a file.
( while kill -0 "$JVM" 2>/dev/null; do ps -o rss= -p "$JVM" >> "$DATA/rss"; sleep 0.2; done ) &
SAMPLER=$!
pool() {
  # /prometheus is admin-only, and an admin is an operator's grant (ADMIN_EMAILS naming an account that existed when
  # the service started), which this fresh service has none of: without it the pool figures are left out.
  curl -sf "$BASE/prometheus" -H "Authorization: Bearer $ADMIN" \
    | grep -E '^hikaricp_connections_(acquire_seconds_(count|sum|max|bucket)|timeout_total)' || true
}
pool > "$DATA/pool-before"
# DB_STATS=1 (needs psql): what the run did to the embedded PostgreSQL — statements (the service runs with
# DB_STATEMENT_STATS=true then), write transactions (transaction ids assigned), WAL bytes, rows per table — in all
# and per debate. Exact counts, not PostgreSQL's statistics views
# (a backend publishes those up to seconds later).
db_stats() {
  local port
  port=$(sed -n 4p "$DATA/db/postgres/postmaster.pid")
  psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -AtF' ' -c "
    select 'xids', txid_snapshot_xmax(txid_current_snapshot())
    union all select 'wal_bytes', pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint
    union all select 'statements', coalesce(sum(calls), 0)::bigint from pg_stat_statements
      where query not like '%txid_current_snapshot%' and query not like '%pg_stat_statements%'
    union all select 'rows:' || relname, (xpath('/row/c/text()',
      query_to_xml('select count(*) as c from ' || quote_ident(schemaname) || '.' || quote_ident(relname),
                   false, true, '')))[1]::text::bigint
    from pg_stat_user_tables where relname <> 'flyway_schema_history'"
}
if [ "${DB_STATS:-0}" = 1 ]; then
  psql -h 127.0.0.1 -p "$(sed -n 4p "$DATA/db/postgres/postmaster.pid")" -U postgres -d postgres -qAt \
    -c "select pg_stat_statements_reset()" > /dev/null # the statements' times below are then the run's own
  db_stats > "$DATA/db-before"
fi
./mvnw -B -q -ntp -pl benchmarks -am -DskipTests -Pbench package \
  -Dbench.main=com.consultaion.benchmarks.DebateLoadBenchmark \
  -Dbench.args="base=$BASE keys=$KEYS debates=$DEBATES latency=$LATENCY timeout=$TIMEOUT repeat=${REPEAT:-1} warmup=${WARMUP:-0}"
pool > "$DATA/pool-after"
if [ "${DB_STATS:-0}" = 1 ]; then
  db_stats > "$DATA/db-after"
  echo "the statements that took PostgreSQL the most time (per debate: calls, execution time incl. lock waits):"
  psql -h 127.0.0.1 -p "$(sed -n 4p "$DATA/db/postgres/postmaster.pid")" -U postgres -d postgres -AtF' | ' -c "
    select to_char(calls / $(( DEBATES * ${REPEAT:-1} + ${WARMUP:-0} )).0, 'FM990.00'),
      to_char(1000 * total_exec_time / $(( DEBATES * ${REPEAT:-1} + ${WARMUP:-0} )), 'FM9999990.0') || ' us',
      left(regexp_replace(query, '\s+', ' ', 'g'), 110)
    from pg_stat_statements
    where query not like '%txid_current_snapshot%' and query not like '%pg_stat_statements%'
    order by total_exec_time desc limit 12" | sed 's/^/  /'
  python3 - "$DATA/db-before" "$DATA/db-after" "$DEBATES" "${REPEAT:-1}" "${WARMUP:-0}" <<'PY'
import sys
read = lambda p: {k: float(v) for k, v in (l.split(' ', 1) for l in open(p) if l.strip())}
b, a = read(sys.argv[1]), read(sys.argv[2])
debates = int(sys.argv[3]) * int(sys.argv[4]) + int(sys.argv[5])
d = {k: a[k] - b.get(k, 0) for k in a}
print("database, %d debates: %d statements (%.1f per debate), %d write transactions (%.1f per debate), "
      "%.1f MiB WAL (%.1f KiB per debate)" % (debates, d['statements'], d['statements'] / debates, d['xids'],
                                              d['xids'] / debates, d['wal_bytes'] / 2**20, d['wal_bytes'] / 1024 / debates))
rows = {k[5:]: v for k, v in d.items() if k.startswith('rows:') and v}
print("rows added per debate (net of deletes): %.1f (%s)" % (sum(rows.values()) / debates, ", ".join(
    "%s %.1f" % (t, n / debates) for t, n in sorted(rows.items(), key=lambda x: -x[1]))))
PY
fi
echo "service peak RSS: $(sort -n "$DATA/rss" | tail -1 | awk '{printf "%.0f", $1/1024}') MiB"
python3 - "$DATA/pool-before" "$DATA/pool-after" <<'PY'
import re, sys
# Prometheus text lines: name{labels} value. Buckets are keyed by their upper bound (le, in seconds).
LINE = re.compile(r'^(\w+)(?:\{([^}]*)\})? (\S+)$')
def read(p):
    d, buckets = {}, {}
    for line in open(p):
        m = LINE.match(line.strip())
        if not m:
            continue
        name, labels, value = m.group(1), m.group(2) or '', float(m.group(3))
        le = re.search(r'le="([^"]+)"', labels)
        if name.endswith('_bucket') and le:
            buckets[float(le.group(1))] = value
        else:
            d[name] = value
    return d, buckets
(b, bb), (a, ab) = read(sys.argv[1]), read(sys.argv[2])
if 'hikaricp_connections_acquire_seconds_count' not in a:
    print("pool acquisitions during the run: not available (/prometheus needs an admin)")
    sys.exit(0)
n = a['hikaricp_connections_acquire_seconds_count'] - b['hikaricp_connections_acquire_seconds_count']
s = a['hikaricp_connections_acquire_seconds_sum'] - b['hikaricp_connections_acquire_seconds_sum']
def quantile(q):
    # The upper bound of the first bucket holding the q-th acquisition of the run (cumulative counts).
    for bound in sorted(ab):
        if ab[bound] - bb.get(bound, 0) >= q * n:
            return bound
    return float('inf')
p = ("p50 <= %.2f ms, p99 <= %.2f ms" % (1000 * quantile(0.5), 1000 * quantile(0.99))) if ab and n else "no buckets"
print("pool acquisitions during the run: %d, mean wait %.2f ms, %s, max wait (last window) %.1f ms, timeouts %d"
      % (n, 1000 * s / max(n, 1), p, 1000 * a['hikaricp_connections_acquire_seconds_max'],
         a.get('hikaricp_connections_timeout_total', 0) - b.get('hikaricp_connections_timeout_total', 0)))
PY
