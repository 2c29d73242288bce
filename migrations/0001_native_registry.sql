-- Tenantry's native tenant registry (CLI.md "Choosing the registry").
-- Installed only when the user opts in; its ledger is tenantry.tenantry_migrations.
CREATE SCHEMA IF NOT EXISTS tenantry;

CREATE TABLE tenantry.tenants (
  schema_name text PRIMARY KEY,
  name text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  plan text,
  created_at timestamptz NOT NULL DEFAULT now(),
  metadata jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE tenantry.domains (
  domain text PRIMARY KEY,
  schema_name text NOT NULL REFERENCES tenantry.tenants ON UPDATE CASCADE ON DELETE CASCADE,
  is_primary boolean NOT NULL DEFAULT false
);

CREATE INDEX domains_schema_name_idx ON tenantry.domains (schema_name);
