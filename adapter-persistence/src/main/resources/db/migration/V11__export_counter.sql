-- Exports (Markdown reports, score CSVs) per account and month, shown as usage.exports_count on /billing/me as
-- the original service does. Monthly rows only ('m:YYYY-MM').
ALTER TABLE usage_counters ADD COLUMN exports INTEGER NOT NULL DEFAULT 0;
