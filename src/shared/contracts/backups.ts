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

const restoreInput = restoreTargetSchema.extend({ id: backupIdSchema, confirmDatabase: z.string().max(63).optional() }).strict();

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
      })
      .strict(),
    output: jobStartedSchema,
  },
  'backups.verify': { input: z.object({ id: backupIdSchema }).strict(), output: backupVerifySchema },
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
} as const;
