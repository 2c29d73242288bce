import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { BackupEntry, Preflight, RestoreTarget, SchemaManifest } from '../../../shared/model/backups';
import type { Profile } from '../../../shared/model/profile';
import type { CoreDeps } from '../core-deps';
import { validateIdentifier } from '../db/identifiers';
import { dumpFolder, profileKey } from './catalog';
import { keyOpener } from './backup-keys';
import { decryptedCopy } from './decrypted-copy';
import { sha256File } from './dump-file';
import { compareCounts } from './manifest';
import { findPgTools, listPgTools, type PgTools } from './pg-tools';
import { filterToc, readListingCache, readTocCached, tocCachePath, type ListingCache } from './toc';
import { fileStamp, memoByFile } from './file-stamp';
import { findRestoreEntry } from './restore-entry';
import { compareMigrations, readLive } from './restore-target';

export interface RestorePlan {
  entry: BackupEntry;
  source: SchemaManifest;
  file: string;
  target: Profile;
  targetSchema: string;
  sameProfile: boolean;
  mode: Preflight['mode'];
  tools: PgTools;
  /** The source schema's lines of the archive's listing (`pg_restore --list`). */
  toc: string;
  /** Removes the decrypted copy of an encrypted backup (call when done, also after a preflight). */
  cleanup(): Promise<void>;
}

/** The profile a backup was taken on, found by its catalog key (a `--url` run's profile is new each time). */
function findProfileByKey(deps: CoreDeps, key: string): Profile | undefined {
  return deps.profiles.list().find((p) => profileKey(p, deps.profiles.isEphemeral(p.id)) === key);
}

type Check = Preflight['checks'][number];

/** Everything checked before a restore: returns the report, and the errors that forbid going on. */
export async function planRestore(
  deps: CoreDeps,
  id: string,
  input: RestoreTarget & { passphrase?: string },
): Promise<{ plan: RestorePlan; report: Preflight; failures: AppError[] }> {
  // A decrypted copy made before a later check throws (connection lost, bad input) is removed here.
  const onFailure: (() => Promise<void>)[] = [];
  try {
    return await planRestoreSteps(deps, id, input, onFailure);
  } catch (e) {
    for (const undo of onFailure) await undo();
    throw e;
  }
}

async function planRestoreSteps(
  deps: CoreDeps,
  id: string,
  input: RestoreTarget & { passphrase?: string },
  onFailure: (() => Promise<void>)[],
): Promise<{ plan: RestorePlan; report: Preflight; failures: AppError[] }> {
  const entry = await findRestoreEntry(deps.dataDir, id, input.tenant);
  const sourceName = input.tenant ?? (entry.schemas.length === 1 ? entry.schemas[0] : undefined);
  if (!sourceName)
    throw new AppError(
      'VALIDATION_FAILED',
      `Backup ${id} holds ${entry.schemas.length} schemas; name the one to restore.`,
      'CLI: --tenant SCHEMA.',
      { field: 'tenant' },
    );
  const source = entry.manifest.find((m) => m.schema === sourceName);
  if (!source)
    throw new AppError(
      'TENANT_NOT_FOUND',
      `Backup ${id} does not hold schema "${sourceName}".`,
      `It holds: ${entry.schemas.slice(0, 10).join(', ')}${entry.schemas.length > 10 ? ' …' : ''}.`,
      { tenant: sourceName },
    );
  const target = input.toProfileId ? deps.profiles.get(input.toProfileId) : findProfileByKey(deps, entry.profileKey);
  if (!target)
    throw new AppError(
      'PROFILE_NOT_FOUND',
      `The profile backup ${id} was taken on (${entry.profileName}) is not known here.`,
      'Connect with --profile or --url to the same database, or choose a target profile (--to).',
    );
  const sameProfile = profileKey(target, deps.profiles.isEphemeral(target.id)) === entry.profileKey;
  const targetSchema = input.as ? validateIdentifier(input.as, 'new schema name') : source.schema;
  const fileMeta = entry.files[source.fileIndex];
  const checks: Check[] = [];
  const failures: AppError[] = [];
  const fail = (name: string, err: AppError) => {
    checks.push({ name, status: 'fail', detail: err.message });
    failures.push(err);
  };

  // Independent reads run at once: the file's checksum (and decryption), the target's state, the
  // project's migrations, the free disk and the pg_restore lookup.
  void listPgTools().catch(() => undefined);
  const folder = dumpFolder(deps.dataDir, profileKey(target, deps.profiles.isEphemeral(target.id)), target);
  const [fileSide, liveSide, migrationsSide, freeSide] = await Promise.allSettled([
    checkFile(deps, entry, fileMeta, input.passphrase, onFailure),
    readLive(deps, target, targetSchema, sameProfile && !input.as && targetSchema !== 'public'),
    compareMigrations(target, source),
    freeBytes(folder),
  ]);
  const settled = <T>(r: PromiseSettledResult<T>): T => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  };
  const { verified, stamp, saved, file, cleanup, ...fileChecks } = settled(fileSide);
  checks.push(...fileChecks.checks);
  failures.push(...fileChecks.failures);
  const { live, server } = settled(liveSide);

  let tools: PgTools | undefined;
  try {
    tools = await findPgTools(Math.max(server, entry.serverMajor));
    checks.push({
      name: 'versions',
      status: server < entry.serverMajor ? 'warn' : 'ok',
      detail: `backup from PostgreSQL ${entry.serverVersion} (pg_dump ${entry.pgDumpVersion}); target server ${server}; pg_restore ${tools.version}`,
    });
  } catch (e) {
    fail('versions', e as AppError);
  }
  // Only the source schema's lines of the archive's listing are kept: what pg_restore -L gets.
  let toc = '';
  if (tools && verified && !failures.length) {
    try {
      toc = filterToc(
        await listedOnce(fileMeta.path, () =>
          readTocCached(tools!.pgRestore, file, target, {
            path: tocCachePath(fileMeta.path),
            sha256: fileMeta.sha256,
            stamp,
            saved,
          }),
        ),
        source.schema,
      );
      if (!toc)
        fail(
          'archive',
          new AppError(
            'BACKUP_CORRUPT',
            `The archive does not contain schema ${source.schema}.`,
            'It is not the file the catalog describes; pick another backup.',
          ),
        );
      else checks.push({ name: 'archive', status: 'ok', detail: 'pg_restore --list reads it' });
    } catch (e) {
      fail('archive', e as AppError);
    }
  }

  // `--as` its own name (a dropped tenant brought back) needs no rename: it is a plain create.
  const renamed = targetSchema !== source.schema;
  const mode: Preflight['mode'] = renamed ? 'scratch' : live.exists && !input.as ? 'swap' : 'create';
  if (input.as && live.exists)
    fail(
      'target',
      new AppError(
        'SCHEMA_EXISTS',
        `Schema ${targetSchema} already exists on ${target.name}.`,
        'Choose another name for --as.',
      ),
    );
  if (mode === 'swap' && live.referencedBy.length) {
    fail(
      'references',
      new AppError(
        'SCHEMA_REFERENCED',
        `${live.referencedBy.slice(0, 5).join(', ')} reference${live.referencedBy.length === 1 ? 's' : ''} tables of ${targetSchema}: restoring over it would drop those foreign keys.`,
        'Restore it under a new name (--as NEW) and copy what you need, or restore the whole database.',
        { tenant: targetSchema },
      ),
    );
  }
  if (live.registered === false)
    fail(
      'registry',
      new AppError(
        'TENANT_NOT_FOUND',
        `${targetSchema} is no longer in the tenant registry of ${target.name}.`,
        'Register the tenant again first, or restore it under a new name (--as NEW) to inspect it.',
        { tenant: targetSchema },
      ),
    );
  checks.push({
    name: 'target',
    status: 'ok',
    detail:
      mode === 'swap'
        ? `${targetSchema} will be kept aside until the restored copy is verified`
        : mode === 'create'
          ? `${targetSchema} does not exist; it will be created`
          : `restored in a scratch database and moved over as ${targetSchema}`,
  });

  const migrations = settled(migrationsSide);
  if (migrations.missingInBackup.length)
    checks.push({
      name: 'migrations',
      status: 'warn',
      detail: `the backup lacks ${migrations.missingInBackup.join(', ')}: run migrate after restoring`,
    });
  else if (migrations.unknownToProject.length)
    checks.push({
      name: 'migrations',
      status: 'warn',
      detail: `the backup has migrations the project does not: ${migrations.unknownToProject.join(', ')}`,
    });
  else
    checks.push({
      name: 'migrations',
      status: 'ok',
      detail: `${migrations.inBackup.length} migrations, as in the project`,
    });

  const free = settled(freeSide);
  const need = mode === 'swap' ? live.size : 0;
  checks.push({
    name: 'disk',
    status: free !== undefined && free < need ? 'warn' : 'ok',
    detail: `${free === undefined ? 'unknown' : formatBytes(free)} free in ${folder}; the safety backup needs up to ${formatBytes(need)}`,
  });
  if (target.environment === 'production')
    checks.push({
      name: 'confirmation',
      status: 'warn',
      detail: `production: type the database name (${target.database}) to confirm`,
    });

  const tables = new Set([...Object.keys(source.tables), ...Object.keys(live.counts ?? {})]);
  const replaces = [...tables].sort().map((t) => ({
    table: t,
    rowsNow: mode === 'scratch' ? null : (live.counts?.[t] ?? null),
    rowsInBackup: source.tables[t] ?? null,
  }));
  const report: Preflight = {
    backupId: id,
    source: source.schema,
    targetSchema,
    targetProfileId: target.id,
    targetProfileName: target.name,
    environment: target.environment,
    database: target.database,
    mode,
    checks,
    replaces,
    migrations,
    needsConfirmation: target.environment === 'production',
    ok: failures.length === 0,
  };
  return {
    plan: { entry, source, file, cleanup, target, targetSchema, sameProfile, mode, tools: tools!, toc },
    report,
    failures,
  };
}

/** The backup file as catalogued: present, the same sha256, decrypted to a private copy when encrypted. */
async function checkFile(
  deps: CoreDeps,
  entry: BackupEntry,
  fileMeta: BackupEntry['files'][number],
  passphrase: string | undefined,
  onFailure: (() => Promise<void>)[],
): Promise<{
  verified: boolean;
  stamp?: string;
  saved?: ListingCache;
  file: string;
  cleanup: () => Promise<void>;
  checks: Check[];
  failures: AppError[];
}> {
  const checks: Check[] = [];
  const failures: AppError[] = [];
  const fail = (name: string, err: AppError) => {
    checks.push({ name, status: 'fail', detail: err.message });
    failures.push(err);
  };
  // A file whose sha256 matched once and that is unchanged since (same inode, size, mtime and
  // ctime, which any write changes) is not hashed again; `backups verify` always hashes.
  const [stamp, saved] = await Promise.all([fileStamp(fileMeta.path), readListingCache(tocCachePath(fileMeta.path))]);
  const unchanged = stamp !== undefined && saved?.sha256 === fileMeta.sha256 && saved.stamp === stamp;
  const actual = unchanged
    ? { sha256: fileMeta.sha256, bytes: fileMeta.bytes }
    : await sha256Once(fileMeta.path).catch(() => undefined);
  const verified = actual?.sha256 === fileMeta.sha256;
  if (!actual)
    fail(
      'file',
      new AppError(
        'BACKUP_NOT_FOUND',
        `The backup file ${fileMeta.path} is missing.`,
        'Was the backup folder moved or cleaned up?',
      ),
    );
  else if (!verified)
    fail(
      'file',
      new AppError(
        'BACKUP_CORRUPT',
        `Checksum mismatch for ${path.basename(fileMeta.path)}: the file changed since the backup was taken.`,
        'Do not restore from it; pick another backup.',
      ),
    );
  else
    checks.push({
      name: 'file',
      status: 'ok',
      detail: unchanged
        ? `sha256 matched when first restored from; unchanged since (${actual.bytes} bytes)`
        : `sha256 matches (${actual.bytes} bytes)`,
    });

  // An encrypted file is decrypted (streaming, every chunk's GCM tag checked) to a private temporary
  // copy before anything else reads it: a tampered or wrongly keyed file stops here, before pg_restore.
  let file = fileMeta.path;
  let cleanup = async () => undefined as void;
  if (entry.encryption && verified) {
    try {
      const copy = await decryptedCopy(
        fileMeta.path,
        path.basename(fileMeta.path, '.enc'),
        keyOpener(deps.secrets, entry, passphrase),
      );
      ({ file } = copy);
      cleanup = copy.remove;
      onFailure.push(copy.remove);
      checks.push({
        name: 'decrypt',
        status: 'ok',
        detail: `decrypted with ${entry.encryption.mode === 'passphrase' ? 'the passphrase' : `keychain key ${entry.encryption.keyId}`}; every chunk authenticated`,
      });
    } catch (e) {
      fail('decrypt', e instanceof AppError ? e : new AppError('BACKUP_CORRUPT', (e as Error).message));
    }
  }
  return { verified, stamp: verified ? stamp : undefined, saved, file, cleanup, checks, failures };
}

// A preflight and the restore after it hash the same unchanged file once per process.
const hashed = memoByFile<{ sha256: string; bytes: number }>();
const sha256Once = (file: string) => hashed(file, () => sha256File(file));
// …and read its listing once (keyed by the catalogued file, also when a decrypted copy was listed).
const listedOnce = memoByFile<string>();

async function freeBytes(dir: string): Promise<number | undefined> {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      const s = await fs.statfs(d);
      return s.bavail * s.bsize;
    } catch {
      if (d === path.dirname(d)) return undefined;
    }
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

export { compareCounts };
