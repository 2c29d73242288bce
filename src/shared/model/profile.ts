import { z } from 'zod';

import { ENVIRONMENTS, SSL_MODES } from './choices';

export { ENVIRONMENTS, SSL_MODES };
export const environmentSchema = z.enum(ENVIRONMENTS);
export type Environment = z.infer<typeof environmentSchema>;

export const sslModeSchema = z.enum(SSL_MODES);
export type SslMode = z.infer<typeof sslModeSchema>;

/** A Unix-socket directory as host, as libpq takes it: an absolute path of plain characters. */
export const SOCKET_DIR_PATTERN = /^\/[A-Za-z0-9._\-/]*$/;
/** A host name or address, or a socket directory; either may reach a child's argument list. */
export const HOST_PATTERN = /^(?:[A-Za-z0-9._:\-[\]]+|\/[A-Za-z0-9._\-/]*)$/;
export function isSocketDir(host: string): boolean {
  return SOCKET_DIR_PATTERN.test(host);
}

/** Host names and database/user names reach libpq-style config and child processes: no free text. */
const hostSchema = z
  .string()
  .min(1, 'host is required')
  .max(253)
  .regex(
    HOST_PATTERN,
    'host may hold letters, digits, dots, dashes, colons and brackets, or be a socket directory (/var/run/postgresql)',
  );
const pgNameSchema = z
  .string()
  .min(1)
  .max(63)
  .refine((s) => !/[\0\n\r]/.test(s), 'must not contain control characters');

/** An SSH tunnel through a bastion: pg connects to a local port forwarded to host:port of the profile. */
export const sshSettingsSchema = z
  .object({
    host: hostSchema.refine((h) => !isSocketDir(h), 'an SSH host is a name or address, not a socket directory'),
    port: z.number().int().min(1).max(65535).default(22),
    user: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9._-]+$/, 'user may hold letters, digits, dots, dashes and underscores only'),
    keyFile: z.string().max(4096).optional(),
    agent: z.boolean().default(false),
    /** Default: ~/.ssh/known_hosts. */
    knownHostsFile: z.string().max(4096).optional(),
  })
  .strict()
  .refine((s) => Boolean(s.keyFile) || s.agent, { message: 'choose a key file or the SSH agent', path: ['keyFile'] });
export type SshSettings = z.infer<typeof sshSettingsSchema>;

export const profileSettingsSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(80),
  environment: environmentSchema.default('local'),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'colour is #rrggbb')
    .optional(),
  host: hostSchema.default('127.0.0.1'),
  port: z.number().int().min(1).max(65535).default(5432),
  database: pgNameSchema.default('postgres'),
  user: pgNameSchema.default('postgres'),
  sslmode: sslModeSchema.default('prefer'),
  sslrootcert: z.string().max(4096).optional(),
  readOnly: z.boolean().default(false),
  registry: z.string().max(200).default('auto'),
  projectDir: z.string().max(4096).optional(),
  backupBeforeMigrate: z.boolean().optional(),
  /** A fleet backup this young (minutes) counts as the backup before migrate. */
  backupFreshMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .optional(),
  keepAsideAfterRestore: z.boolean().default(false),
  backupDir: z.string().max(4096).optional(),
  /** Backup files at rest: plain, AES-256-GCM with a key in the keychain, or with a passphrase (scrypt). */
  backupEncryption: z.enum(['none', 'keychain', 'passphrase']).optional(),
  /** A second destination (a folder on a mounted share): every finished backup is copied there and verified. */
  backupCopyDir: z.string().max(4096).optional(),
  ssh: sshSettingsSchema.optional(),
  /** Also write this profile's audit lines to tenantry.audit_log (installed on first use). */
  auditToDatabase: z.boolean().optional(),
  /** The cluster's WAL archive, for point-in-time restores of one tenant: a pgBackRest config file and stanza. */
  pgbackrestConfig: z.string().max(4096).optional(),
  pgbackrestStanza: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9._-]+$/, 'a stanza name holds letters, digits, dots, dashes and underscores')
    .optional(),
  /** PostgreSQL server programs of the archive's major version (default: the usual install folders). */
  pgServerBinDir: z.string().max(4096).optional(),
});
export type ProfileSettings = z.infer<typeof profileSettingsSchema>;

/**
 * An edit names only the fields it changes. Built without the defaults (`.partial()` would fill
 * every field left out with its default and so reset it); an optional setting can be cleared
 * with null.
 */
export const profileChangesSchema = z
  .object(
    Object.fromEntries(
      Object.entries(profileSettingsSchema.shape).map(([key, field]) => [
        key,
        field instanceof z.ZodDefault
          ? field.unwrap().optional()
          : field instanceof z.ZodOptional
            ? field.unwrap().nullable().optional()
            : field.optional(),
      ]),
    ) as unknown as {
      [K in keyof typeof profileSettingsSchema.shape]: z.ZodOptional<
        z.ZodType<z.output<(typeof profileSettingsSchema.shape)[K]> | null>
      >;
    },
  )
  .strict();
export type ProfileChanges = z.infer<typeof profileChangesSchema>;

export const profileSchema = profileSettingsSchema.extend({
  id: z.uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Profile = z.infer<typeof profileSchema>;

/** What the renderer sees: never the password, only whether one is stored and where. */
export const profileViewSchema = profileSchema.extend({
  hasPassword: z.boolean(),
  secretStorage: z.enum(['keychain', 'memory', 'none']),
});
export type ProfileView = z.infer<typeof profileViewSchema>;

export const ENVIRONMENT_COLORS: Record<Environment, string> = {
  local: '#2e7d32',
  staging: '#ed8c00',
  production: '#c62828',
};
