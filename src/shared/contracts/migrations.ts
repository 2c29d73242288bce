import { z } from 'zod';
import { jobStartedSchema } from '../model/job';
import {
  migrationHistorySchema,
  migrationPlanSchema,
  migrationStatusSchema,
  profileComparisonSchema,
  seedResultSchema,
} from '../model/migrations';

const target = {
  profileId: z.uuid(),
  /** Project folder override (CLI --project); else the profile's. */
  project: z.string().max(4096).optional(),
  registry: z.string().max(200).optional(),
};
const tenantList = z.array(z.string().min(1).max(200)).max(100_000);
/** Named schemas of the project (tenantry.yaml `schemas:`), CLI --schemas a,b. */
const namedList = z.array(z.string().min(1).max(63)).max(1000);

export const applyInputSchema = z
  .object({
    ...target,
    tenants: tenantList.optional(),
    schemas: namedList.optional(),
    dryRun: z.boolean().default(false),
    parallel: z.number().int().min(1).max(64).optional(),
    continueOnError: z.boolean().default(false),
    /** Only tenants whose ledger holds a failed attempt (retry only the failed). */
    retryFailed: z.boolean().default(false),
    /** Record a no-transaction file whose index is already built and valid as applied (audited), instead of refusing it. */
    repair: z.boolean().default(false),
    confirmDatabase: z.string().max(63).optional(),
    /** For the backup before migrate of a profile whose backups are encrypted with a passphrase (never stored, never audited). */
    passphrase: z.string().min(1).max(1024).optional(),
    /** Destructive statements on production need this (CLI --yes). */
    confirmDestructive: z.boolean().default(false),
    lockTimeoutMs: z.number().int().min(0).max(3_600_000).default(10_000),
    statementTimeoutMs: z.number().int().min(0).max(86_400_000).default(1_800_000),
    /** Stop at this migration number (CLI --to NNNN): later files stay pending. */
    to: z.number().int().min(0).max(999_999_999).optional(),
    /** Staged waves (CLI --canary K|a,b): the first K tenants by schema name, or these schemas, go first. */
    canary: z.union([z.number().int(), z.array(z.string().min(1).max(200)).max(10_000)]).optional(),
    /** Tenants per wave after the canary (CLI --wave-size); zero is refused with PARAM_INVALID. */
    waveSize: z.number().int().optional(),
    /** Pause between waves, in seconds (CLI --pause-between 30 or 30s). */
    pauseBetweenSeconds: z.number().min(0).max(86_400).optional(),
    /** Stop the rollout when more than this many tenants have failed (CLI --max-failures). */
    maxFailures: z.number().int().optional(),
    /** A check id run on each wave's tenants after it; a failing check stops the rollout (CLI --check). */
    check: z.string().min(1).max(200).optional(),
  })
  .strict();

/** The migrations area's calls ('migrations.verb' → { input, output }). */
export const migrationsContract = {
  'migrations.status': { input: z.object(target).strict(), output: migrationStatusSchema },
  'migrations.plan': {
    input: z
      .object({
        ...target,
        tenants: tenantList.optional(),
        schemas: namedList.optional(),
        retryFailed: z.boolean().default(false),
      })
      .strict(),
    output: migrationPlanSchema,
  },
  'migrations.apply': { input: applyInputSchema, output: jobStartedSchema },
  'migrations.rollback': {
    input: z
      .object({
        ...target,
        name: z.string().min(1).max(200),
        tenants: tenantList.min(1),
        confirmDatabase: z.string().max(63).optional(),
        lockTimeoutMs: z.number().int().min(0).max(3_600_000).default(10_000),
      })
      .strict(),
    output: jobStartedSchema,
  },
  'migrations.history': {
    input: z.object({ ...target, limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    output: migrationHistorySchema,
  },
  /** Seed data of named schemas (seeds/<schema>/), only on request; production needs confirmDatabase. */
  'migrations.seed': {
    input: z
      .object({ ...target, schemas: namedList.optional(), confirmDatabase: z.string().max(63).optional() })
      .strict(),
    output: seedResultSchema,
  },
  'migrations.compare': {
    input: z.object({ ...target, otherProfileId: z.uuid() }).strict(),
    output: profileComparisonSchema,
  },
} as const;
