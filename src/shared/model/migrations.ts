import { z } from 'zod';
import { registryInfoSchema } from './connection';

const names = z.array(z.string());

/**
 * One schema's row of the status matrix (CLI.md `status` JSON). `applied` holds every name the
 * ledger records as applied or baselined (drifted ones included); `pending` every file not applied
 * (failed and out-of-order ones included); the other lists flag subsets or extras.
 */
export const schemaStatusSchema = z.object({
  schema: z.string(),
  name: z.string().optional(),
  status: z.enum(['active', 'suspended', 'missing']).optional(),
  shared: z.boolean().optional(),
  /** A named schema of the project (tenantry.yaml `schemas:`), with its own migrations/<schema>/. */
  named: z.boolean().optional(),
  applied: names,
  pending: names,
  failed: names,
  drifted: names,
  /** In the ledger as applied, but no file has that name. */
  missingFile: names,
  /** Pending although a later migration is already applied. */
  outOfOrder: names,
  /** The error text of each failed attempt, by migration name. */
  errors: z.record(z.string(), z.string()).optional(),
  /**
   * Pending no-transaction files whose index already exists (a run was stopped after the server
   * started it): `valid` needs `migrate --repair`, `invalid` is dropped and rebuilt by the next run.
   */
  leftovers: z.array(z.object({ file: z.string(), index: z.string(), state: z.enum(['valid', 'invalid']) })).optional(),
});
export type SchemaStatus = z.infer<typeof schemaStatusSchema>;

export const statusCountsSchema = z.object({
  tenants: z.number(),
  upToDate: z.number(),
  behind: z.number(),
  failed: z.number(),
  drifted: z.number(),
  missingFile: z.number(),
  outOfOrder: z.number(),
  missing: z.number(),
});
export type StatusCounts = z.infer<typeof statusCountsSchema>;

/** `showmigrations` for every schema at once: django_migrations entries as `app.name`. */
export const djangoStatusSchema = z.object({
  migrations: names,
  tenants: z.array(z.object({ schema: z.string(), applied: names, missing: names })),
});
export type DjangoStatus = z.infer<typeof djangoStatusSchema>;

export const migrationStatusSchema = z.object({
  profileId: z.string(),
  registry: registryInfoSchema,
  /** Tenant migrations (migrations/tenant/), in order. */
  migrations: names,
  /** Shared migrations (migrations/shared/, applied to public), in order. */
  sharedMigrations: names,
  /** Named schemas in apply order (after public, before the tenants), each with its migrations. */
  namedSchemas: z.array(z.object({ schema: z.string(), migrations: names })).optional(),
  tenants: z.array(schemaStatusSchema),
  counts: statusCountsSchema,
  orphans: names,
  warnings: names,
  django: djangoStatusSchema.optional(),
  /** Time spent reading every ledger (one statement). */
  ledgerReadMs: z.number(),
});
export type MigrationStatus = z.infer<typeof migrationStatusSchema>;

export const DESTRUCTIVE_KINDS = [
  'drop',
  'truncate',
  'type-change',
  'not-null',
  'delete',
  'delete-all',
  'update',
  'update-all',
  'merge',
  'rename',
  'revoke',
  'do-block',
] as const;

export const planFileSchema = z.object({
  name: z.string(),
  scope: z.enum(['shared', 'tenant', 'named']),
  /** For scope named: the schema whose migrations/<schema>/ holds the file. */
  schema: z.string().optional(),
  noTransaction: z.boolean(),
  hasDown: z.boolean(),
  /** Why the file is destructive (empty when it is not), e.g. "DROP TABLE evaluations_student". */
  destructive: names,
});
export type PlanFile = z.infer<typeof planFileSchema>;

export const migrationPlanSchema = z.object({
  profileId: z.string(),
  /** public first, then tenants; only schemas with something to apply. */
  schemas: z.array(
    z.object({ schema: z.string(), shared: z.boolean().optional(), named: z.boolean().optional(), pending: names }),
  ),
  files: z.array(planFileSchema),
  upToDate: z.number(),
  skippedMissing: names,
  drifted: z.array(z.object({ schema: z.string(), name: z.string() })),
  destructive: z.boolean(),
  warnings: names,
});
export type MigrationPlan = z.infer<typeof migrationPlanSchema>;

export const schemaRunStates = ['applied', 'dry-run-ok', 'rolled-back', 'failed', 'skipped', 'cancelled'] as const;

export const schemaRunSchema = z.object({
  schema: z.string(),
  shared: z.boolean().optional(),
  named: z.boolean().optional(),
  state: z.enum(schemaRunStates),
  /** Migrations committed (apply), executed then rolled back (dry run), or undone (rollback). */
  done: names,
  notDryRunnable: names.optional(),
  /** No-transaction files recorded as applied by `migrate --repair` after their index was checked. */
  repaired: names.optional(),
  failedMigration: z.string().optional(),
  statement: z.string().optional(),
  error: z
    .object({ code: z.string(), message: z.string(), sqlstate: z.string().optional(), hint: z.string().optional() })
    .optional(),
  durationMs: z.number(),
});
export type SchemaRun = z.infer<typeof schemaRunSchema>;

export const migrationRunSchema = z.object({
  kind: z.enum(['apply', 'dry-run', 'rollback']),
  total: z.number(),
  results: z.array(schemaRunSchema),
  failed: names,
  skippedMissing: names,
  cancelled: z.boolean(),
  parallel: z.number(),
  backupId: z.string().optional(),
  durationMs: z.number(),
  warnings: names,
  /** Staged rollouts: each wave in order (tenants by schema name; done ones are counted as done). */
  waves: z
    .array(
      z.object({
        index: z.number().int(),
        canary: z.boolean().optional(),
        tenants: names,
        state: z.enum(['done', 'already-done', 'failed', 'stopped', 'not-started']),
        failed: z.number().int(),
        check: z
          .object({ reportId: z.string(), passed: z.boolean(), fail: z.number().int(), error: z.number().int() })
          .optional(),
      }),
    )
    .optional(),
  /** Why a staged rollout stopped before its last wave (re-run the same command to resume). */
  stopped: z.object({ wave: z.number().int(), reason: z.string() }).optional(),
  /** What migrate and its dry run set out to do: files in apply order with destructive reasons, the target schemas. */
  plan: migrationPlanSchema.optional(),
});
export type MigrationRun = z.infer<typeof migrationRunSchema>;

export const migrationHistorySchema = z.object({
  migrations: z.array(
    z.object({ name: z.string(), count: z.number(), avgMs: z.number(), maxMs: z.number(), totalMs: z.number() }),
  ),
  slowestTenants: z.array(
    z.object({ schema: z.string(), totalMs: z.number(), count: z.number(), lastAppliedAt: z.string().optional() }),
  ),
  recent: z.array(
    z.object({
      schema: z.string(),
      name: z.string(),
      appliedAt: z.string(),
      durationMs: z.number().nullable(),
      state: z.string(),
    }),
  ),
});
export type MigrationHistory = z.infer<typeof migrationHistorySchema>;

export const profileComparisonSchema = z.object({
  left: z.object({ profileId: z.string(), name: z.string(), tenants: z.number() }),
  right: z.object({ profileId: z.string(), name: z.string(), tenants: z.number() }),
  migrations: z.array(
    z.object({
      name: z.string(),
      scope: z.enum(['shared', 'tenant']),
      leftApplied: z.number(),
      rightApplied: z.number(),
    }),
  ),
  /** Applied on every left tenant, not on every right one: what ran on staging and not on production. */
  onlyLeft: names,
  onlyRight: names,
});
export type ProfileComparison = z.infer<typeof profileComparisonSchema>;

/** A staged rollout's settings (migrate --to/--canary/--wave-size/--pause-between/--max-failures/--check). */
export interface StagedRollout {
  to?: number;
  canary?: number | string[];
  waveSize?: number;
  pauseBetweenSeconds?: number;
  maxFailures?: number;
  check?: string;
}

/** `tenantry seed`: each named schema's seeds/<schema>/ files, one transaction per schema. */
export const seedSchemaRunSchema = z.object({
  schema: z.string(),
  state: z.enum(['applied', 'failed', 'skipped']),
  files: names,
  failedFile: z.string().optional(),
  error: z
    .object({ code: z.string(), message: z.string(), sqlstate: z.string().optional(), hint: z.string().optional() })
    .optional(),
  durationMs: z.number(),
});
export type SeedSchemaRun = z.infer<typeof seedSchemaRunSchema>;
export const seedResultSchema = z.object({
  schemas: z.array(seedSchemaRunSchema),
  failed: names,
  durationMs: z.number(),
});
export type SeedResult = z.infer<typeof seedResultSchema>;
