import { z } from 'zod';

/** Alert thresholds the user sets; a value over its threshold shows as a badge and in the alert list. */
export const monitorThresholdsSchema = z
  .object({
    schemaMb: z.number().positive().max(10_000_000).default(1024),
    querySeconds: z
      .number()
      .positive()
      .max(86_400 * 7)
      .default(60),
    connectionsPercent: z.number().positive().max(100).default(80),
    /** Free space on the data directory's volume, where the server's machine is this one. */
    diskFreePercent: z.number().min(0).max(100).default(10),
    /** Database growth between two looks, where free space cannot be seen. */
    growthMb: z.number().positive().max(10_000_000).default(1024),
    /** One migration file running longer than this. */
    migrationSeconds: z
      .number()
      .positive()
      .max(86_400 * 7)
      .default(300),
  })
  .strict();
export type MonitorThresholds = z.infer<typeof monitorThresholdsSchema>;

export const schemaSizeSchema = z.object({
  schema: z.string(),
  /** The registry's name when the schema is a tenant. */
  tenant: z.string().optional(),
  status: z.enum(['active', 'suspended', 'orphan', 'shared', 'other']),
  bytes: z.number(),
  /** Bytes gained (or lost) since the previous look; null on the first look or for a new schema. */
  growthBytes: z.number().nullable(),
});
export type SchemaSize = z.infer<typeof schemaSizeSchema>;

export const activeQuerySchema = z.object({
  pid: z.number(),
  user: z.string().nullable(),
  application: z.string().nullable(),
  state: z.string().nullable(),
  waitEvent: z.string().nullable(),
  startedAt: z.string().nullable(),
  durationMs: z.number(),
  /** The statement text (truncated); null when the role may not see it. */
  query: z.string().nullable(),
});
export type ActiveQuery = z.infer<typeof activeQuerySchema>;

export const blockingEdgeSchema = z.object({
  blockedPid: z.number(),
  blockedUser: z.string().nullable(),
  blockedQuery: z.string().nullable(),
  waitingMs: z.number(),
  blockingPid: z.number(),
  blockingUser: z.string().nullable(),
  blockingQuery: z.string().nullable(),
  blockingState: z.string().nullable(),
});
export type BlockingEdge = z.infer<typeof blockingEdgeSchema>;

export const countSchema = z.object({ key: z.string(), count: z.number() });

export const monitorAlertSchema = z.object({
  kind: z.enum([
    'schema_size',
    'long_query',
    'connections',
    'migration_failed',
    'backup_failed',
    'slow_migration',
    'disk_low',
    'database_growth',
  ]),
  target: z.string(),
  message: z.string(),
});
export type MonitorAlert = z.infer<typeof monitorAlertSchema>;

export const schemaRunTimeSchema = z.object({
  schema: z.string(),
  migrations: z.number(),
  totalMs: z.number(),
  slowest: z.string(),
  slowestMs: z.number(),
  lastAt: z.string(),
});
export type SchemaRunTime = z.infer<typeof schemaRunTimeSchema>;

export const monitorSnapshotSchema = z.object({
  profileId: z.string(),
  takenAt: z.string(),
  /** When the previous look was taken (the base of growthBytes). */
  previousAt: z.string().nullable(),
  serverVersion: z.string(),
  databaseBytes: z.number(),
  sizes: z.array(schemaSizeSchema),
  connections: z.object({
    total: z.number(),
    max: z.number(),
    percent: z.number(),
    byState: z.array(countSchema),
    byApplication: z.array(countSchema),
  }),
  longQueries: z.array(activeQuerySchema),
  blocking: z.array(blockingEdgeSchema),
  migrations: z.array(
    z.object({
      schema: z.string(),
      name: z.string(),
      state: z.string(),
      appliedAt: z.string(),
      durationMs: z.number().nullable(),
    }),
  ),
  backups: z.array(
    z.object({
      id: z.string(),
      scope: z.string(),
      schemas: z.array(z.string()),
      createdAt: z.string(),
      durationMs: z.number().nullable(),
      bytes: z.number().nullable(),
    }),
  ),
  /** Migration run times per schema (from the newest ledger rows), slowest total first. */
  runTimes: z.array(schemaRunTimeSchema).optional(),
  /** Free space of the data directory's volume, when the server runs on this machine. */
  disk: z.object({ path: z.string(), freeBytes: z.number(), totalBytes: z.number() }).optional(),
  alerts: z.array(monitorAlertSchema),
  /** What this role could not see, said plainly (e.g. other sessions' queries without pg_read_all_stats). */
  limits: z.array(z.string()),
  thresholds: monitorThresholdsSchema,
});
export type MonitorSnapshot = z.infer<typeof monitorSnapshotSchema>;
