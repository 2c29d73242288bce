import type { ClientBase } from 'pg';
import { AppError } from '../../../../shared/errors';
import type { RegistryInfo } from '../../../../shared/model/connection';
import { quoteQualified } from '../../db/identifiers';
import { notExcludedSql } from './excluded-schemas';
import { globToLike, parseRegistrySpec, type RegistrySpec } from './registry-spec';

interface Candidate {
  tenant_table: string;
  domain_table: string | null;
}

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

/** Finds the tenant registry the profile names (or, for auto, the one that is there) and counts its tenants. */
export async function detectRegistry(client: ClientBase, specText: string | undefined): Promise<RegistryInfo> {
  const spec = parseRegistrySpec(specText);
  const resolved = await resolveSpec(client, spec);
  return { ...resolved, tenantCount: await countTenants(client, resolved) };
}

type Resolved = Omit<RegistryInfo, 'tenantCount'>;

/** Which registry the spec names (or, for auto, the one that is there), without counting its tenants. */
export async function resolveRegistry(client: ClientBase, specText: string | undefined): Promise<Resolved> {
  return resolveSpec(client, parseRegistrySpec(specText));
}

async function resolveSpec(client: ClientBase, spec: RegistrySpec): Promise<Resolved> {
  if (spec.kind === 'pattern') return { kind: 'pattern', source: spec.glob };
  if (spec.kind === 'native' || spec.kind === 'auto') {
    const { rows } = await client.query<{ exists: boolean }>(
      `SELECT to_regclass('tenantry.tenants') IS NOT NULL AS exists`,
    );
    const exists = rows[0].exists;
    const hasRows = exists && (await client.query('SELECT 1 FROM tenantry.tenants LIMIT 1')).rowCount === 1;
    if (spec.kind === 'native') {
      if (!exists)
        throw new AppError(
          'REGISTRY_NOT_FOUND',
          'The native registry (tenantry.tenants) is not installed in this database.',
          'Install it from the Tenants screen, or choose another registry in the profile.',
        );
      return { kind: 'native', source: 'tenantry.tenants', domainTable: 'tenantry.domains' };
    }
    if (hasRows) return { kind: 'native', source: 'tenantry.tenants', domainTable: 'tenantry.domains' };
  }
  const { rows: candidates } = await client.query<Candidate>(DJANGO_CANDIDATES_SQL);
  if (spec.kind === 'django-tenants') {
    const table = spec.tenantTable ?? candidates[0]?.tenant_table ?? 'customers_client';
    const found = candidates.find((c) => c.tenant_table === table);
    if (!found) {
      throw new AppError(
        'REGISTRY_NOT_FOUND',
        `No django-tenants table public.${table} with a unique schema_name column.`,
        'Name the tenant table: --registry django-tenants:TABLE[:DOMAIN_TABLE], or use pattern:tenant_*.',
      );
    }
    return {
      kind: 'django-tenants',
      source: `public.${table}`,
      domainTable: spec.domainTable
        ? `public.${spec.domainTable}`
        : found.domain_table
          ? `public.${found.domain_table}`
          : undefined,
    };
  }
  const django =
    candidates.find((c) => c.tenant_table === 'customers_client') ?? candidates.find((c) => c.domain_table);
  if (django)
    return {
      kind: 'django-tenants',
      source: `public.${django.tenant_table}`,
      domainTable: django.domain_table ? `public.${django.domain_table}` : undefined,
    };
  return { kind: 'pattern', source: 'tenant_*' };
}

async function countTenants(client: ClientBase, registry: Resolved): Promise<number> {
  if (registry.kind === 'pattern') {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE $1 AND ${notExcludedSql('nspname')}`,
      [globToLike(registry.source)],
    );
    return rows[0].n;
  }
  const [schema, table] = registry.source.split('.');
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${quoteQualified(schema, table)} WHERE ${notExcludedSql('schema_name')}`,
  );
  return rows[0].n;
}
