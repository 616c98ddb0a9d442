#!/usr/bin/env bash
# The floor under bench/debates-bench.sh: how many debates' writes the service's own PostgreSQL can take on this
# machine with no service in the way. Starts the service (only for its embedded PostgreSQL, with the service's
# durability: fsync and synchronous commit on), then pgbench (C, prepared statements) replays bench/db-floor.sql —
# one debate's writes, the shape DB_STATS=1 bench/debates-bench.sh measures: 13 write transactions, 45 rows —
# from CLIENTS connections for SECONDS each. Prints debates/s, write transactions/s and WAL per debate.
# Needs pgbench (Debian: apt-get install -y postgresql-client). Bounded: each run stops after SECONDS.
# Usage: bench/db-floor-bench.sh [SECONDS] [CLIENTS...]   (PAY=bytes of each reply, 600; SERVE as in serve.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-20}
shift || true
CLIENTS=${*:-2 8 20}
command -v pgbench >/dev/null || { echo "pgbench is needed (apt-get install -y postgresql-client)" >&2; exit 1; }
PORT=${BENCH_PORT:-8187}
SERVE=1 # the packaged service, launched as in production
source bench/service.sh
echo "starting the service on $BASE for its embedded PostgreSQL"
start_service WORKER_ENABLED=false
export PGHOST=127.0.0.1 PGPORT=$(sed -n 4p "$DATA/db/postgres/postmaster.pid") PGUSER=postgres PGDATABASE=postgres
psql -qAt -c "
  CREATE TABLE floor_rows (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, debate_id UUID NOT NULL,
    kind TEXT NOT NULL, payload TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now());
  CREATE INDEX floor_rows_debate_idx ON floor_rows (debate_id);
  CREATE TABLE floor_counters (account INTEGER PRIMARY KEY, n BIGINT NOT NULL);
  INSERT INTO floor_counters SELECT g, 0 FROM generate_series(1, 10) g;"
lsn() { psql -qAt -c "select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint"; }
for c in $CLIENTS; do
  before=$(lsn)
  out=$(pgbench -n -M prepared -c "$c" -j "$(( c < 2 ? 1 : 2 ))" -T "$SECONDS_EACH" -D pay="${PAY:-600}" \
    -f bench/db-floor.sql 2>&1) || { echo "$out" >&2; exit 1; }
  after=$(lsn)
  debates=$(grep -oP 'number of transactions actually processed: \K[0-9]+' <<< "$out")
  failed=$(grep -oP 'number of failed transactions: \K[0-9]+' <<< "$out" || echo 0)
  latency=$(grep -oP 'latency average = \K[0-9.]+' <<< "$out")
  python3 -c "
d, s, c, w = $debates, $SECONDS_EACH, $c, $after - $before
print('clients %3d: %d debates in %d s = %.0f debates/s (%.0f write transactions/s, %.0f rows/s), %.1f ms per debate'
      ' per client, WAL %.1f KiB per debate, failed %s' % (c, d, s, d / s, 13 * d / s, 45 * d / s, $latency, w / 1024 / max(d, 1), '$failed'))"
done
