-- The original service's privacy setting (POST /me/privacy): kept and shown; this service sends no analytics.
ALTER TABLE users ADD COLUMN analytics_opt_out boolean NOT NULL DEFAULT false;
