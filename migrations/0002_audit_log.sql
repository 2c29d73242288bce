-- The database copy of the audit log, for profiles that opt in (auditToDatabase). The hash-chained
-- file in the app data folder is the record that counts; this table is a best-effort copy.
CREATE TABLE IF NOT EXISTS tenantry.audit_log (
  hash text PRIMARY KEY,
  prev text NOT NULL,
  at timestamptz NOT NULL,
  who text NOT NULL,
  action text NOT NULL,
  profile text,
  environment text,
  database text,
  target text,
  params jsonb,
  result text NOT NULL,
  error text,
  duration_ms integer
);
CREATE INDEX IF NOT EXISTS audit_log_at_idx ON tenantry.audit_log (at);
