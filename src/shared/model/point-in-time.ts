import { z } from 'zod';

/** ISO 8601 with a zone (`2026-12-02T14:30:00+01:00`, `…Z`): a time without one means nothing to a server elsewhere. */
export const pointInTimeSchema = z
  .string()
  .max(64)
  .regex(
    /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)$/,
    'a time looks like 2026-12-02T14:30:00Z or 2026-12-02T15:30:00+01:00 (with its zone)',
  );

export const pointInTimeInputSchema = z
  .object({
    profileId: z.string(),
    /** The tenant schema to bring back. */
    tenant: z.string().min(1).max(63),
    at: pointInTimeSchema,
    /** Restore under this new schema name (the live tenant is not touched). */
    as: z.string().max(80).optional(),
    confirmDatabase: z.string().max(63).optional(),
  })
  .strict();
export type PointInTimeInput = z.infer<typeof pointInTimeInputSchema>;

export const archiveBackupSchema = z.object({
  label: z.string(),
  type: z.string(),
  startedAt: z.string(),
  stoppedAt: z.string(),
});

/** What "Test connection" reports of a profile's WAL archive (`pgbackrest info`). */
export const archiveInfoSchema = z.object({
  stanza: z.string(),
  /** PostgreSQL major version of the archived cluster. */
  pgVersion: z.string(),
  walMin: z.string().optional(),
  walMax: z.string().optional(),
  backups: z.array(archiveBackupSchema),
  /** The earliest time a tenant can be brought back to: the end of the oldest backup. */
  earliest: z.string().optional(),
});
export type ArchiveInfoView = z.infer<typeof archiveInfoSchema>;

export const pointInTimePreflightSchema = z.object({
  tenant: z.string(),
  targetSchema: z.string(),
  /** The target time, as the server reads it (UTC). */
  at: z.string(),
  profileName: z.string(),
  environment: z.string(),
  database: z.string(),
  stanza: z.string().optional(),
  checks: z.array(z.object({ name: z.string(), status: z.enum(['ok', 'warn', 'fail']), detail: z.string() })),
  /** The archive's backup that recovery starts from: the newest one finished before the target. */
  backupSet: archiveBackupSchema.optional(),
  /** The WAL recovery replays, from the backup's end to the segment holding the target (known after the archive check). */
  walRange: z.object({ from: z.string(), to: z.string().optional() }).optional(),
  needsConfirmation: z.boolean(),
  ok: z.boolean(),
});
export type PointInTimePreflight = z.infer<typeof pointInTimePreflightSchema>;

export const pointInTimeResultSchema = z.object({
  tenant: z.string(),
  targetSchema: z.string(),
  at: z.string(),
  backupSet: z.string(),
  walRange: z.object({ from: z.string(), to: z.string() }),
  /** The dump taken from the recovered copy, kept in the catalog like any backup. */
  backupId: z.string(),
  safetyBackupId: z.string().optional(),
  tables: z.record(z.string(), z.number()),
  durationMs: z.number(),
});
export type PointInTimeResult = z.infer<typeof pointInTimeResultSchema>;
