import { sql, type RawBuilder } from 'kysely';
import type { ClientBase } from 'pg';
import { quoteQualified } from '../../db/identifiers';
import { notExcluded, notExcludedSql } from './excluded-schemas';
import type { RegistryColumnInfo } from './registry-table';

/*
 * Every catalog read of the registry area: which registry is there, its columns and its domain
 * link, and which schemas exist. The catalog's shape is PostgreSQL's, not ours, so these stay SQL
 * text; the statements on the registry tables themselves are kysely (registry-reads/-writes.ts).
 */

export interface DjangoCandidate {
  tenant_table: string;
  domain_table: string | null;
}

/** Tables in public with a unique schema_name (django-tenants' TenantMixin), each with the table whose `domain` rows point at it. */
const DJANGO_CANDIDATES_SQL = `
SELECT c.relname AS tenant_table,
       (SELECT d.relname
          FROM pg_constraint fk
          JOIN pg_class d ON d.oid = fk.conrelid
         WHERE fk.contype = 'f' AND fk.confrelid = c.oid
           AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = d.oid AND a.attname = 'domain' AND NOT a.attisdropped)
         ORDER BY d.relname LIMIT 1) AS domain_table
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
   AND EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                WHERE i.indrelid = c.oid AND i.indisunique AND i.indnkeyatts = 1 AND a.attname = 'schema_name')
 ORDER BY (c.relname = 'customers_client') DESC, c.relname`;

const COLUMNS_SQL = `
SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
       (a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '') AS has_default
  FROM pg_attribute a
 WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attnum`;

const FK_SQL = `
SELECT fa.attname AS fk_column, ra.attname AS ref_column
  FROM pg_constraint fk
  JOIN pg_attribute fa ON fa.attrelid = fk.conrelid AND fa.attnum = fk.conkey[1]
  JOIN pg_attribute ra ON ra.attrelid = fk.confrelid AND ra.attnum = fk.confkey[1]
 WHERE fk.contype = 'f' AND fk.conrelid = to_regclass($1) AND fk.confrelid = to_regclass($2) AND cardinality(fk.conkey) = 1
 LIMIT 1`;

export async function nativeRegistryInstalled(client: ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('tenantry.tenants') IS NOT NULL AS exists`,
  );
  return rows[0].exists;
}

export async function djangoCandidates(client: ClientBase): Promise<DjangoCandidate[]> {
  return (await client.query<DjangoCandidate>(DJANGO_CANDIDATES_SQL)).rows;
}

export async function readColumns(client: ClientBase, schema: string, table: string): Promise<RegistryColumnInfo[]> {
  const { rows } = await client.query<{ name: string; type: string; not_null: boolean; has_default: boolean }>(
    COLUMNS_SQL,
    [quoteQualified(schema, table)],
  );
  return rows.map((r) => ({ name: r.name, type: r.type, notNull: r.not_null, hasDefault: r.has_default }));
}

/** The single-column foreign key from one table to another: its column and the column it references. */
export async function readForeignKey(
  client: ClientBase,
  from: { schema: string; table: string },
  to: { schema: string; table: string },
): Promise<{ fkColumn: string; refColumn: string } | undefined> {
  const { rows } = await client.query<{ fk_column: string; ref_column: string }>(FK_SQL, [
    quoteQualified(from.schema, from.table),
    quoteQualified(to.schema, to.table),
  ]);
  return rows[0] ? { fkColumn: rows[0].fk_column, refColumn: rows[0].ref_column } : undefined;
}

/** Schemas matching a pattern registry's LIKE pattern, without those never tenants nor `ignore`. */
export async function patternSchemas(client: ClientBase, like: string, ignore: string[] = []): Promise<string[]> {
  const { rows } = await client.query<{ schema: string }>(
    `SELECT nspname AS schema FROM pg_namespace WHERE nspname LIKE $1 AND ${notExcludedSql('nspname', '$2')} ORDER BY nspname`,
    [like, ignore],
  );
  return rows.map((r) => r.schema);
}

export async function countPatternSchemas(client: ClientBase, like: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE $1 AND ${notExcludedSql('nspname')}`,
    [like],
  );
  return rows[0].n;
}

/** Every schema that could be a tenant (not never-a-tenant, not ignored), for a kysely statement to join. */
export function candidateSchemas(ignore: string[]): RawBuilder<{ nspname: string }> {
  return sql<{ nspname: string }>`(SELECT nspname::text FROM pg_namespace WHERE ${notExcluded('nspname', ignore)})`;
}
