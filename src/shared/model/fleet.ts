import { z } from 'zod';

// ---- structural drift (tenantry diff) ----

export const driftGroupSchema = z.object({
  fingerprint: z.string(),
  tenants: z.array(z.string()),
});

export const driftedTenantSchema = z.object({
  tenant: z.string(),
  fingerprint: z.string(),
  /** Readable, e.g. "extra index `x_idx` on `clases_student(email)`". */
  differences: z.array(z.string()),
  /** SQL that would bring the tenant back to the reference; offered for review, never run. */
  fixSql: z.string(),
});
export type DriftedTenant = z.infer<typeof driftedTenantSchema>;

export const diffResultSchema = z.object({
  /** The schema compared against: the one asked for, or the first tenant of the majority group. */
  reference: z.string().nullable(),
  referenceKind: z.enum(['majority', 'schema']),
  referenceFingerprint: z.string().nullable(),
  /** Largest group first. */
  groups: z.array(driftGroupSchema),
  drifted: z.array(driftedTenantSchema),
  tenants: z.number().int(),
  /** Objects (tables, columns, indexes…) read from the catalog in its one round trip. */
  objects: z.number().int(),
});
export type DiffResult = z.infer<typeof diffResultSchema>;

// ---- baseline (adopting a fleet) ----

export const BASELINE_REFERENCE_KINDS = ['scratch', 'schema', 'majority'] as const;

export const baselineResultSchema = z.object({
  to: z.string(),
  /** The migrations recorded as `baselined`, oldest first. */
  migrations: z.array(z.string()),
  reference: z.object({
    kind: z.enum(BASELINE_REFERENCE_KINDS),
    schema: z.string().optional(),
    /** Why the scratch schema could not serve, when it did not. */
    note: z.string().optional(),
  }),
  baselined: z.array(
    z.object({ tenant: z.string(), recorded: z.array(z.string()), alreadyRecorded: z.array(z.string()) }),
  ),
  /** Tenants whose structure does not prove the migrations: no ledger row was written. */
  refused: z.array(z.object({ tenant: z.string(), lacking: z.array(z.string()) })),
  failed: z.array(z.object({ tenant: z.string(), code: z.string(), message: z.string() })),
});
export type BaselineResult = z.infer<typeof baselineResultSchema>;

export const baselineUndoResultSchema = z.object({
  removed: z.array(z.object({ tenant: z.string(), names: z.array(z.string()) })),
});
export type BaselineUndoResult = z.infer<typeof baselineUndoResultSchema>;

// ---- privileges ----

export const PRIVILEGE_NEEDS = [
  'create-schema',
  'own-or-create-in-schema',
  'select-all',
  'createdb',
  'advisory-lock',
] as const;
export const privilegeNeedSchema = z.enum(PRIVILEGE_NEEDS);
export type PrivilegeNeed = z.infer<typeof privilegeNeedSchema>;

export const missingPrivilegeSchema = z.object({
  /** null for database-wide rights (CREATE on the database, CREATEDB, the advisory-lock function). */
  schema: z.string().nullable(),
  need: privilegeNeedSchema,
  what: z.string(),
});
export type MissingPrivilege = z.infer<typeof missingPrivilegeSchema>;

export const privilegesViewSchema = z.object({
  currentUser: z.string(),
  roles: z.array(z.object({ name: z.string(), superuser: z.boolean(), login: z.boolean(), bypassRls: z.boolean() })),
  schemas: z.array(
    z.object({
      schema: z.string(),
      owner: z.string(),
      /** Roles with USAGE or CREATE (owners and superusers included). */
      grants: z.array(z.object({ role: z.string(), usage: z.boolean(), create: z.boolean() })),
    }),
  ),
  /** Tables with row-level security enabled or with policies. */
  rls: z.array(
    z.object({
      schema: z.string(),
      table: z.string(),
      enabled: z.boolean(),
      forced: z.boolean(),
      policies: z.array(
        z.object({
          name: z.string(),
          command: z.string(),
          permissive: z.boolean(),
          roles: z.array(z.string()),
          using: z.string().nullable(),
          check: z.string().nullable(),
        }),
      ),
    }),
  ),
  /** Schemas left out to keep the view readable (very large fleets). */
  truncated: z.boolean(),
});
export type PrivilegesView = z.infer<typeof privilegesViewSchema>;

// ---- tenant actions ----

export const ACTION_PARAM_TYPES = ['text', 'integer', 'numeric', 'boolean', 'uuid'] as const;
export const actionParamTypeSchema = z.enum(ACTION_PARAM_TYPES);
export type ActionParamType = z.infer<typeof actionParamTypeSchema>;

export const actionParamSchema = z.object({
  name: z.string(),
  type: actionParamTypeSchema,
  default: z.string().optional(),
});
export type ActionParam = z.infer<typeof actionParamSchema>;

export const actionDefinitionSchema = z.object({
  id: z.string(),
  description: z.string(),
  params: z.array(actionParamSchema),
  file: z.string(),
  /** A problem with the file (bad header, undeclared placeholder): the action cannot run. */
  problem: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
});
export type ActionDefinition = z.infer<typeof actionDefinitionSchema>;

export const actionTenantResultSchema = z.object({
  tenant: z.string(),
  state: z.enum(['done', 'previewed', 'failed', 'skipped']),
  rowsChanged: z.number().int(),
  /** RETURNING rows, capped. */
  rows: z.array(z.record(z.string(), z.unknown())),
  error: z.object({ code: z.string(), message: z.string(), sqlstate: z.string().optional() }).optional(),
  durationMs: z.number().int(),
});
export type ActionTenantResult = z.infer<typeof actionTenantResultSchema>;

export const actionReportSchema = z.object({
  action: z.string(),
  dryRun: z.boolean(),
  params: z.record(z.string(), z.string()),
  tenants: z.array(actionTenantResultSchema),
  counts: z.object({
    done: z.number().int(),
    previewed: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
  }),
  /** Stopped after a failure (stopOnError): the rest are `skipped`. */
  stopped: z.boolean(),
});
export type ActionReport = z.infer<typeof actionReportSchema>;
