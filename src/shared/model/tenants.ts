import { z } from 'zod';
import { registryInfoSchema } from './connection';

import { TENANT_FILTERS, TENANT_STATES } from './choices';

export { TENANT_FILTERS, TENANT_STATES };
export const tenantStateSchema = z.enum(TENANT_STATES);
export type TenantStatus = z.infer<typeof tenantStateSchema>;

export const tenantFilterSchema = z.enum(TENANT_FILTERS);
export type TenantFilter = z.infer<typeof tenantFilterSchema>;

const extraValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One row of the reconciled list (CLI.md: `{ schema, name, status, behind, sizeBytes, lastBackupAt, shared? }` and more). */
export const tenantRowSchema = z.object({
  schema: z.string(),
  name: z.string(),
  status: tenantStateSchema,
  /** Project tenant migrations not applied in this schema; null when unknown (no project, no schema, shared). */
  behind: z.number().nullable(),
  sizeBytes: z.number().nullable(),
  tables: z.number().nullable(),
  lastBackupAt: z.string().nullable(),
  domains: z.array(z.string()),
  /** Plan and quota columns of the registry row (plan, max_*), when the registry has them. */
  extra: z.record(z.string(), extraValue),
  shared: z.boolean().optional(),
});
export type TenantRow = z.infer<typeof tenantRowSchema>;

export const tenantListSchema = z.object({
  registry: registryInfoSchema,
  /** The project's tenant migration names (what `behind` counts against); empty without a project. */
  migrations: z.array(z.string()),
  /** Registry columns shown as plan/quotas. */
  extraColumns: z.array(z.string()),
  /** Whether the registry can mark tenants suspended (native status, or an is_active column). */
  canSuspend: z.boolean(),
  tenants: z.array(tenantRowSchema),
  warnings: z.array(z.string()),
  /** Milliseconds the one reconciling query took on the server round trip. */
  queryMs: z.number(),
});
export type TenantList = z.infer<typeof tenantListSchema>;

export const registryColumnSchema = z.object({ name: z.string(), type: z.string() });
export type RegistryColumn = z.infer<typeof registryColumnSchema>;

export const createFormSchema = z.object({
  registry: registryInfoSchema,
  /** NOT NULL columns without a default that the user must fill (schema_name and name excluded). */
  requiredColumns: z.array(registryColumnSchema),
  /** Every other writable column a user may set (plan, quotas…). */
  optionalColumns: z.array(registryColumnSchema),
  hasProject: z.boolean(),
  migrations: z.array(z.string()),
  seeds: z.array(z.string()),
  supportsDomains: z.boolean(),
});
export type CreateForm = z.infer<typeof createFormSchema>;

export const schemaCheckSchema = z.object({
  schema: z.string(),
  ok: z.boolean(),
  code: z.string().optional(),
  message: z.string().optional(),
});

export const createResultSchema = z.object({
  schema: z.string(),
  name: z.string(),
  applied: z.array(z.string()),
  seeds: z.array(z.string()),
  domains: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type CreateResult = z.infer<typeof createResultSchema>;

export const dropResultSchema = z.object({
  schema: z.string(),
  backupId: z.string().nullable(),
  droppedSchema: z.boolean(),
  removedRegistryRow: z.boolean(),
});

export const queryTenantResultSchema = z.object({
  schema: z.string(),
  ok: z.boolean(),
  rows: z.number(),
  ms: z.number(),
  error: z.object({ code: z.string(), message: z.string(), sqlstate: z.string().optional() }).optional(),
});

/** A cross-tenant query's result: one table with a `tenant` column first, capped. */
export const crossQueryResultSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.unknown())),
  rowCount: z.number(),
  truncated: z.boolean(),
  tenants: z.array(queryTenantResultSchema),
  failed: z.number(),
  ms: z.number(),
});
export type CrossQueryResult = z.infer<typeof crossQueryResultSchema>;

/** Derives a display-friendly slug: ASCII lower case, accents folded, runs of other characters as `_`. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * A safe schema name for a display name: `tenant_<slug>_<suffix>`, at most 63 bytes, ASCII only.
 * The suffix (4 hex) keeps two tenants with the same name apart.
 */
export function suggestSchemaName(name: string, suffix: string): string {
  const room = 63 - 'tenant_'.length - 1 - suffix.length;
  const slug = slugify(name).slice(0, room).replace(/_+$/, '') || 'tenant';
  return `tenant_${slug}_${suffix}`;
}

const SAFE = /^[a-z_][a-z0-9_]*$/;
const EXCLUDED_EXACT = new Set(['public', 'tenantry', 'information_schema']);

/** The renderer's live check, mirroring core's validateIdentifier and the excluded names. */
export function schemaNameProblem(schema: string): string | undefined {
  if (!schema) return 'The schema name is empty.';
  if (new TextEncoder().encode(schema).length > 63) return 'At most 63 bytes: PostgreSQL would cut the name.';
  if (!SAFE.test(schema)) return 'Only lower-case ASCII letters, digits and underscores, not starting with a digit.';
  if (schema.startsWith('pg_')) return 'Names starting with pg_ are reserved by PostgreSQL.';
  if (EXCLUDED_EXACT.has(schema) || schema.startsWith('tenantry_tmp_'))
    return `"${schema}" is reserved and is never a tenant.`;
  return undefined;
}
