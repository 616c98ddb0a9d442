-- One debate's writes, as pgbench replays them for bench/db-floor-bench.sh: the shape the service's own run
-- measured with `DB_STATS=1 bench/debates-bench.sh` — 13 write transactions, 45 rows, about 34 KiB of WAL — on
-- the real tables where a row needs nothing else (debates, contributions, verdicts, rankings, events, audit) and
-- on two plain tables for the rest (ledger and rating rows; per-account counters: rate-limit buckets, usage,
-- leases). :pay is a payload of the size of the local model's replies.
\set account random(1, 10)
BEGIN;
INSERT INTO debates (id, mode, prompt, config, status, created_at, updated_at, lease_owner, lease_epoch,
    lease_expires_at)
  VALUES (gen_random_uuid(), 'debate', 'What should a small team use for durable queues, and why?',
    '{"agents": 3, "judges": 2, "rounds": 1}', 'running', now(), now(), 'floor', 1, now() + interval '1 minute')
  RETURNING id AS debate \gset
INSERT INTO audit_log (at, action, target_type, target_id, detail)
  VALUES (now(), 'debate.start', 'debate', :debate::text, '{"ip": "127.0.0.1"}');
INSERT INTO floor_rows (debate_id, kind, payload) VALUES (:debate::uuid, 'reserve', 'tokens 12000');
COMMIT;
UPDATE floor_counters SET n = n + 1 WHERE account = :account;
UPDATE floor_counters SET n = n + 1 WHERE account = :account;
BEGIN;
INSERT INTO debate_contributions (debate_id, stage, round, phase, agent, model, provider, outcome, content, created_at)
  SELECT :debate::uuid, 0, 0, 'draft', 'agent-' || g, 'local-' || g, 'local', 'ok', repeat('d', :pay), now()
  FROM generate_series(1, 3) g;
INSERT INTO debate_events (debate_id, seq, type, payload, created_at)
  SELECT :debate::uuid, g, 'draft', jsonb_build_object('text', repeat('e', :pay)), now() FROM generate_series(1, 5) g;
UPDATE debates SET version = version + 1, last_seq = 5, next_stage = 1, updated_at = now() WHERE id = :debate::uuid;
COMMIT;
BEGIN;
INSERT INTO debate_contributions (debate_id, stage, round, phase, agent, model, provider, outcome, content, created_at)
  SELECT :debate::uuid, 1, 1, 'critique', 'agent-' || g, 'local-' || g, 'local', 'ok', repeat('r', :pay), now()
  FROM generate_series(1, 3) g;
INSERT INTO debate_events (debate_id, seq, type, payload, created_at)
  SELECT :debate::uuid, g, 'critique', jsonb_build_object('text', repeat('e', :pay)), now() FROM generate_series(6, 10) g;
UPDATE debates SET version = version + 1, last_seq = 10, next_stage = 2, updated_at = now() WHERE id = :debate::uuid;
COMMIT;
UPDATE floor_counters SET n = n + 1 WHERE account = :account;
BEGIN;
INSERT INTO debate_verdicts (debate_id, judge, candidate, label, model, parsed, criteria, score, rationale, raw_text,
    created_at)
  SELECT :debate::uuid, 'judge-' || j, 'agent-' || c, 'candidate ' || c, 'local-j', true, '{"accuracy": 7, "risk": 7}', 7,
    repeat('j', :pay / 4), repeat('j', :pay / 2), now()
  FROM generate_series(1, 2) j, generate_series(1, 3) c;
INSERT INTO debate_events (debate_id, seq, type, payload, created_at)
  SELECT :debate::uuid, g, 'score', jsonb_build_object('text', repeat('e', :pay / 4)), now() FROM generate_series(11, 14) g;
UPDATE debates SET version = version + 1, last_seq = 14, next_stage = 3, updated_at = now() WHERE id = :debate::uuid;
COMMIT;
UPDATE floor_counters SET n = n + 1 WHERE account = :account;
BEGIN;
INSERT INTO debate_contributions (debate_id, stage, round, phase, agent, model, provider, outcome, content, created_at)
  VALUES (:debate::uuid, 3, 2, 'synthesis', 'synthesizer', 'local-s', 'local', 'ok', repeat('s', :pay), now());
INSERT INTO debate_rankings (debate_id, method, result, created_at)
  VALUES (:debate::uuid, 'borda', '{"ranking": ["agent-1", "agent-2", "agent-3"]}', now());
INSERT INTO debate_events (debate_id, seq, type, payload, created_at)
  SELECT :debate::uuid, g, 'synthesis', jsonb_build_object('text', repeat('e', :pay)), now() FROM generate_series(15, 17) g;
UPDATE debates SET version = version + 1, last_seq = 17, next_stage = 4, updated_at = now() WHERE id = :debate::uuid;
COMMIT;
BEGIN;
INSERT INTO debate_events (debate_id, seq, type, payload, created_at)
  SELECT :debate::uuid, g, 'final', jsonb_build_object('text', repeat('e', :pay / 4)), now() FROM generate_series(18, 20) g;
INSERT INTO floor_rows (debate_id, kind, payload)
  SELECT :debate::uuid, 'settle', 'model local-' || g || ' tokens 2400' FROM generate_series(1, 5) g;
INSERT INTO floor_rows (debate_id, kind, payload)
  SELECT :debate::uuid, 'rating', 'agent-' || g || ' 1500.0 -> 1512.3' FROM generate_series(1, 3) g;
UPDATE debates SET status = 'completed', final_content = repeat('s', :pay), version = version + 1, last_seq = 20,
    lease_owner = NULL, lease_expires_at = NULL, updated_at = now() WHERE id = :debate::uuid;
COMMIT;
UPDATE floor_counters SET n = n + 1 WHERE account = :account;
UPDATE floor_counters SET n = n + 1 WHERE account = :account;
UPDATE floor_counters SET n = n + 1 WHERE account = :account;
