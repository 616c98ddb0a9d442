-- A user's wish to receive e-mailed summaries of their debates (the original service's notification setting).
-- Stored and shown; the service sends no e-mail yet.
ALTER TABLE users ADD COLUMN email_summaries_enabled boolean NOT NULL DEFAULT false;
