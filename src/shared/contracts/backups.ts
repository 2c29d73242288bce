import { z } from 'zod';
import { jobStartedSchema } from '../model/job';
import {
  backupEntrySchema,
  backupIdSchema,
  backupListItemSchema,
  backupReasonSchema,
  backupScopeSchema,
  backupVerifySchema,
  preflightSchema,
  restoreTargetSchema,
} from '../model/backups';
import { archiveInfoSchema, pointInTimeInputSchema, pointInTimePreflightSchema } from '../model/point-in-time';

/** Opens (or makes) backups encrypted with a passphrase; never stored, never audited. */
const passphrase = z.string().min(1).max(1024).optional();
const restoreInput = restoreTargetSchema
  .extend({
    id: backupIdSchema,
    confirmDatabase: z.string().max(63).optional(),
    passphrase,
    /** Seconds to wait for the target tenant when another operation holds it, then TENANT_LOCKED (default: the process's, 5). */
    lockWaitSeconds: z.number().min(0).max(86_400).optional(),
  })
  .strict();

/** The backups area's calls ('backups.verb' → { input, output }). */
export const backupsContract = {
  /** Every catalog when profileId is left out (no connection needed). */
  'backups.list': {
    input: z.object({ profileId: z.string().optional(), tenant: z.string().max(63).optional() }).strict(),
    output: z.object({ backups: z.array(backupListItemSchema) }),
  },
  'backups.get': { input: z.object({ id: backupIdSchema }).strict(), output: backupEntrySchema },
  /** A job whose result is the new catalog entry. */
  'backups.create': {
    input: z
      .object({
        profileId: z.string(),
        scope: backupScopeSchema,
        schemas: z.array(z.string().max(63)).max(10_000).optional(),
        reason: backupReasonSchema.default('manual'),
        passphrase,
      })
      .strict(),
    output: jobStartedSchema,
  },
  'backups.verify': { input: z.object({ id: backupIdSchema, passphrase }).strict(), output: backupVerifySchema },
  /** Retries the copies to the profile's second destination that are pending. */
  'backups.syncCopies': {
    input: z.object({ profileId: z.string() }).strict(),
    output: z.object({
      copied: z.array(z.string()),
      pending: z.array(z.object({ id: z.string(), error: z.string() })),
    }),
  },
  'backups.retention': {
    input: z
      .object({
        profileId: z.string(),
        keepLast: z.number().int().min(1).max(10_000).optional(),
        keepDays: z.number().int().min(1).max(36_500).optional(),
        dryRun: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ removed: z.array(z.string()), kept: z.number() }),
  },
  'backups.preflight': { input: restoreInput, output: preflightSchema },
  /** A job whose result is a RestoreResult. */
  'backups.restore': { input: restoreInput, output: jobStartedSchema },
  /** The profile's WAL archive as pgBackRest reports it (for "Test connection" and the restore wizard). */
  'backups.archiveInfo': { input: z.object({ profileId: z.string() }).strict(), output: archiveInfoSchema },
  /** One tenant as it was at a time, from the profile's pgBackRest archive: the checks, nothing changed. */
  'backups.pointInTimePreflight': { input: pointInTimeInputSchema, output: pointInTimePreflightSchema },
  /** A job whose result is a PointInTimeResult. */
  'backups.pointInTimeRestore': { input: pointInTimeInputSchema, output: jobStartedSchema },
} as const;
