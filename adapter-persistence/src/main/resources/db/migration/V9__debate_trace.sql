-- The W3C traceparent of the request that started a debate: the worker that runs it (on any node) continues
-- that trace. Not personal data; at most 128 characters (a traceparent is 55).
ALTER TABLE debates ADD COLUMN trace_parent TEXT CHECK (trace_parent IS NULL OR char_length(trace_parent) <= 128);
