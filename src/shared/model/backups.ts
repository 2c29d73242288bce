import { z } from 'zod';

export const BACKUP_SCOPES = ['tenant', 'shared', 'fleet', 'database'] as const;
export const backupScopeSchema = z.enum(BACKUP_SCOPES);
export type BackupScope = z.infer<typeof backupScopeSchema>;
export const BACKUP_REASONS = [
  'manual',
  'pre-migrate',
  'pre-drop',
  'pre-restore',
  'checklist',
  'pre-action',
  'point-in-time',
] as const;
export const backupReasonSchema = z.enum(BACKUP_REASONS);

/** Backup ids and run ids: `<yyyymmddThhmmssZ>-<6 hex>` (CLI.md "Ids"). */
export const backupIdSchema = z
  .string()
  .regex(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/, 'a backup id looks like 20250101T120000Z-a1b2c3');

export const backupFileSchema = z.object({
  /** Absolute path. */
  path: z.string(),
  schemas: z.array(z.string()),
  sha256: z.string(),
  bytes: z.number(),
});
export type BackupFile = z.infer<typeof backupFileSchema>;

export const ledgerRowSchema = z.object({ name: z.string(), checksum: z.string(), state: z.string() });

/** Where one schema is and what it held at backup time, taken in the dump's own snapshot. */
export const schemaManifestSchema = z.object({
  schema: z.string(),
  /** Index into the entry's `files`. */
  fileIndex: z.number().int(),
  ledger: z.array(ledgerRowSchema),
  /** Table name → exact row count. */
  tables: z.record(z.string(), z.number()),
});
export type SchemaManifest = z.infer<typeof schemaManifestSchema>;

export const backupEntrySchema = z.object({
  id: backupIdSchema,
  profileKey: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  environment: z.string(),
  database: z.string(),
  host: z.string(),
  port: z.number(),
  scope: backupScopeSchema,
  schemas: z.array(z.string()),
  files: z.array(backupFileSchema),
  reason: backupReasonSchema,
  who: z.string(),
  createdAt: z.string(),
  durationMs: z.number(),
  serverVersion: z.string(),
  serverMajor: z.number(),
  pgDumpVersion: z.string(),
  manifest: z.array(schemaManifestSchema),
  /** Encrypted at rest (the files' sha256 is of the encrypted bytes); which key, never the key. */
  encryption: z.object({ mode: z.enum(['keychain', 'passphrase']), keyId: z.string() }).optional(),
  /** The copy to the profile's second destination: ok (checksums verified there) or pending (retried later). */
  copy: z
    .object({ dir: z.string(), state: z.enum(['ok', 'pending']), at: z.string(), error: z.string().optional() })
    .optional(),
});
export type BackupEntry = z.infer<typeof backupEntrySchema>;

export const catalogFileSchema = z.object({
  version: z.literal(1),
  profileKey: z.string(),
  backups: z.array(backupEntrySchema),
});
export type CatalogFile = z.infer<typeof catalogFileSchema>;

/** A catalog row as lists show it (no manifest). */
export const backupListItemSchema = backupEntrySchema.omit({ manifest: true }).extend({
  bytes: z.number(),
  /** Whether every file is still on disk. */
  present: z.boolean(),
});
export type BackupListItem = z.infer<typeof backupListItemSchema>;

export const verifyCheckSchema = z.object({ name: z.string(), ok: z.boolean(), detail: z.string() });
export const backupVerifySchema = z.object({ id: z.string(), ok: z.boolean(), checks: z.array(verifyCheckSchema) });
export type BackupVerify = z.infer<typeof backupVerifySchema>;

export const restoreTargetSchema = z.object({
  /** The schema in the backup to restore (optional when the backup holds one). */
  tenant: z.string().max(63).optional(),
  /** Restore under this new schema name (never touches the live tenant). */
  as: z.string().max(80).optional(),
  /** Another profile to restore into; default the backup's own profile. */
  toProfileId: z.string().optional(),
});
export type RestoreTarget = z.infer<typeof restoreTargetSchema>;

export const preflightSchema = z.object({
  backupId: z.string(),
  source: z.string(),
  targetSchema: z.string(),
  targetProfileId: z.string(),
  targetProfileName: z.string(),
  environment: z.string(),
  database: z.string(),
  mode: z.enum(['swap', 'create', 'scratch']),
  checks: z.array(z.object({ name: z.string(), status: z.enum(['ok', 'warn', 'fail']), detail: z.string() })),
  /** What will be replaced: the live tables and their rows now, against the backup's. */
  replaces: z.array(
    z.object({ table: z.string(), rowsNow: z.number().nullable(), rowsInBackup: z.number().nullable() }),
  ),
  migrations: z.object({
    inBackup: z.array(z.string()),
    inProject: z.array(z.string()),
    missingInBackup: z.array(z.string()),
    unknownToProject: z.array(z.string()),
  }),
  needsConfirmation: z.boolean(),
  ok: z.boolean(),
});
export type Preflight = z.infer<typeof preflightSchema>;

export const restoreResultSchema = z.object({
  backupId: z.string(),
  source: z.string(),
  targetSchema: z.string(),
  targetProfileId: z.string(),
  mode: z.enum(['swap', 'create', 'scratch']),
  safetyBackupId: z.string().optional(),
  asideKept: z.string().optional(),
  tables: z.record(z.string(), z.number()),
  durationMs: z.number(),
});
export type RestoreResult = z.infer<typeof restoreResultSchema>;
