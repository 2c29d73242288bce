-- Plans with quotas, shared by every tenant (seed 003's max_agents / max_documents / max_storage_mb).
CREATE TABLE IF NOT EXISTS plans (
  code text PRIMARY KEY,
  name text NOT NULL,
  max_agents integer NOT NULL DEFAULT 10,
  max_documents integer NOT NULL DEFAULT 1000,
  max_storage_mb integer NOT NULL DEFAULT 1000
);
INSERT INTO plans (code, name, max_agents, max_documents, max_storage_mb) VALUES
  ('basic', 'Básico', 5, 500, 500),
  ('pro', 'Profesional', 20, 5000, 5000),
  ('enterprise', 'Empresa', 100, 50000, 50000)
ON CONFLICT (code) DO NOTHING;
