import type { FleetCounts } from '../../../shared/model/fleet-counts';
import path from 'node:path';
import type { ClientBase } from 'pg';
import { quoteIdent } from '../db/identifiers';
import { createLedgerSql, LEDGER_TABLE } from '../domain/ledger/ledger-sql';
import { readMigrationDir, type MigrationFile } from '../domain/ledger/migration-files';
import { TENANTRY_VERSION } from '../version';
import { demoTenant } from './demo-names';

export interface SeedOptions {
  tenants: number;
  studentsPerTenant: number;
  projectDir: string;
  /** Called with `[i/N] schema` as tenants are created. */
  onProgress?: (done: number, total: number, current: string) => void;
}

export interface SeedSummary {
  tenants: number;
  schemas: string[];
  behind: string[];
  missingEnrollment: string;
  missingSchema: string;
  orphan: string;
  suspended: string;
}

/** Students and groups exist from this migration on; data is planted before the copy (0005) runs. */
const DATA_AFTER = 3;
const BATCH = 25;

const REGISTRY_SQL = `
CREATE TABLE IF NOT EXISTS public.customers_client (
  id serial PRIMARY KEY,
  schema_name varchar(63) NOT NULL UNIQUE,
  name varchar(100) NOT NULL,
  paid_until date,
  on_trial boolean NOT NULL DEFAULT false,
  created_on date NOT NULL DEFAULT current_date,
  is_active boolean NOT NULL DEFAULT true,
  plan text NOT NULL DEFAULT 'basic',
  max_agents integer NOT NULL DEFAULT 10,
  max_documents integer NOT NULL DEFAULT 1000,
  max_storage_mb integer NOT NULL DEFAULT 1000,
  ai_token varchar(255) NOT NULL DEFAULT '',
  cwu_token varchar(255) NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS public.customers_domain (
  id serial PRIMARY KEY,
  domain varchar(253) NOT NULL UNIQUE,
  tenant_id integer NOT NULL REFERENCES public.customers_client (id) DEFERRABLE INITIALLY DEFERRED,
  is_primary boolean NOT NULL DEFAULT true
);
INSERT INTO public.customers_client (schema_name, name, plan) VALUES ('public', 'Public', 'enterprise') ON CONFLICT (schema_name) DO NOTHING;
INSERT INTO public.customers_domain (domain, tenant_id, is_primary)
  SELECT 'demo.localhost', id, true FROM public.customers_client WHERE schema_name = 'public' ON CONFLICT (domain) DO NOTHING;`;

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function applySql(schema: string, files: MigrationFile[]): string {
  const rows = files.map(
    (f) => `(${literal(f.name)}, ${literal(f.checksum)}, 'applied', 1, 'sandbox', ${literal(TENANTRY_VERSION)})`,
  );
  return [
    ...files.map((f) => f.sql),
    rows.length
      ? `INSERT INTO ${quoteIdent(schema)}.${LEDGER_TABLE} (name, checksum, state, duration_ms, applied_by, tenantry_version) VALUES ${rows.join(', ')};`
      : '',
  ].join('\n');
}

function dataSql(students: number, seed: number): string {
  const groups = Math.max(1, Math.ceil(students / 25));
  return `INSERT INTO clases_group (name) SELECT 'Grupo ' || g FROM generate_series(1, ${groups}) g;
INSERT INTO evaluations_student (user_id, name, group_id)
  SELECT 1000 + s, 'Estudiante ' || s, 1 + ((s + ${seed}) % ${groups}) FROM generate_series(1, ${students}) s;`;
}

/** The SQL that creates one demo tenant schema at migration `upTo` with its students. */
export function tenantSql(
  schema: string,
  files: MigrationFile[],
  upTo: number,
  students: number,
  seed: number,
): string {
  const before = files.filter((f) => f.version <= Math.min(DATA_AFTER, upTo));
  const after = files.filter((f) => f.version > DATA_AFTER && f.version <= upTo);
  return [
    `CREATE SCHEMA ${quoteIdent(schema)};`,
    `SET LOCAL search_path TO ${quoteIdent(schema)}, public;`,
    // Deferred FK checks would block the DDL that follows the data in the same transaction.
    'SET CONSTRAINTS ALL IMMEDIATE;',
    `${createLedgerSql(schema)};`,
    applySql(schema, before),
    upTo >= 2 ? dataSql(students, seed) : '',
    applySql(schema, after),
  ].join('\n');
}

/**
 * Seeds the demo school platform: django-tenants registry tables, N tenant schemas, most at the
 * latest migration, a few behind, one missing an Enrollment, one registry row without a schema,
 * one schema without a registry row, one suspended tenant.
 */
export async function seedDemo(client: ClientBase, options: SeedOptions): Promise<SeedSummary> {
  const shared = await readMigrationDir(path.join(options.projectDir, 'migrations', 'shared'));
  const tenantFiles = await readMigrationDir(path.join(options.projectDir, 'migrations', 'tenant'));
  const latest = tenantFiles.at(-1)?.version ?? 0;
  const n = Math.max(1, options.tenants);

  await client.query('BEGIN');
  await client.query(
    `${createLedgerSql('public')};\nSET LOCAL search_path TO public;\n${REGISTRY_SQL}\n${applySql('public', shared)}`,
  );
  await client.query('COMMIT');

  const tenants = Array.from({ length: n }, (_, i) => demoTenant(i));
  // The planted cases sit at fixed places so that every fleet, however large, has them.
  const behind = new Map<number, number>([
    [n - 2, latest - 1],
    [n - 3, latest - 2],
  ]);
  if (n < 4) behind.clear();
  const missingEnrollmentIndex = Math.min(1, n - 1);
  const suspendedIndex = Math.min(2, n - 1);

  for (let start = 0; start < n; start += BATCH) {
    const slice = tenants.slice(start, start + BATCH);
    const statements = slice.map((t, k) => {
      const i = start + k;
      const upTo = behind.get(i) ?? latest;
      const extra =
        i === missingEnrollmentIndex
          ? `DELETE FROM ${quoteIdent(t.schema)}.clases_enrollment WHERE id = (SELECT min(id) FROM ${quoteIdent(t.schema)}.clases_enrollment);`
          : '';
      return `${tenantSql(t.schema, tenantFiles, upTo, options.studentsPerTenant, i)}\n${extra}`;
    });
    const registryRows = slice.map(
      (t, k) =>
        `(${literal(t.schema)}, ${literal(t.name)}, ${start + k === suspendedIndex ? 'false' : 'true'}, ${literal(['basic', 'pro', 'enterprise'][(start + k) % 3])}, md5(${literal(t.schema + ':ai')}), md5(${literal(t.schema + ':cwu')}))`,
    );
    const domainRows = slice.map((t) => `(${literal(t.domain)}, ${literal(t.schema)})`);
    await client.query('BEGIN');
    await client.query(
      [
        ...statements,
        `INSERT INTO public.customers_client (schema_name, name, is_active, plan, ai_token, cwu_token) VALUES ${registryRows.join(', ')};`,
        `INSERT INTO public.customers_domain (domain, tenant_id, is_primary) SELECT d.domain, c.id, true FROM (VALUES ${domainRows.join(', ')}) AS d(domain, schema_name) JOIN public.customers_client c USING (schema_name);`,
      ].join('\n'),
    );
    await client.query('COMMIT');
    options.onProgress?.(Math.min(start + BATCH, n), n, slice.at(-1)!.schema);
  }

  const missing = { name: 'Academia Cerrada', schema: 'tenant_academia_cerrada_0000' };
  const orphan = 'tenant_huerfano_sin_registro_0000';
  await client.query('BEGIN');
  await client.query(
    [
      `INSERT INTO public.customers_client (schema_name, name, plan) VALUES (${literal(missing.schema)}, ${literal(missing.name)}, 'basic');`,
      tenantSql(orphan, tenantFiles, latest, Math.min(10, options.studentsPerTenant), 7),
    ].join('\n'),
  );
  await client.query('COMMIT');

  return {
    tenants: n,
    schemas: tenants.map((t) => t.schema),
    behind: [...behind.keys()].map((i) => tenants[i].schema),
    missingEnrollment: tenants[missingEnrollmentIndex].schema,
    missingSchema: missing.schema,
    orphan,
    suspended: tenants[suspendedIndex].schema,
  };
}

/** What the seeding planted, in the fleet's one vocabulary: every tenant plus the missing one registered, one orphan, public shared. */
export function seededCounts(summary: SeedSummary): FleetCounts {
  return {
    registered: summary.tenants + 1,
    withSchema: summary.tenants,
    missing: 1,
    orphan: 1,
    shared: 1,
    suspended: 1,
  };
}
