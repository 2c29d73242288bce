import path from 'node:path';
import { promises as fs } from 'node:fs';
import { AppError } from '../../../shared/errors';
import type { BackupEntry, BackupFile } from '../../../shared/model/backups';
import type { Profile } from '../../../shared/model/profile';
import { profileFields } from '../audit/audit-log';
import type { CoreDeps } from '../core-deps';
import { resolvePassword } from '../db/connection-config';
import { toAppError } from '../db/pg-errors';
import { checkPrivileges } from '../domain/privileges';
import { optionalProject } from '../project/project';
import { loadFleet, workingTenants } from '../domain/registry/fleet';
import type { BackupRequest } from '../domain/backup-port';
import { newId } from '../domain/ids';
import { whoAmI } from '../domain/who-am-i';
import { mapPool } from '../domain/worker-pool';
import { copyToSecondDestination, retryPendingCopies } from './backup-copy';
import { keyForNewBackup } from './backup-keys';
import { Catalogs, dumpFolder, profileKey } from './catalog';
import { dumpToFile } from './dump-file';
import { planBatches, serverLockBudget, tablesPerSchema } from './fleet-plan';
import { readManifest } from './manifest';
import { connectionArgs, withPassfile } from './pg-process';
import { findPgTools } from './pg-tools';
import { openSnapshot, type DumpSnapshot } from './snapshot';

export interface BackupOptions {
  /** The pg_dump folder (setting); else TENANTRY_PG_BIN, PATH and the usual folders. */
  binDir?: string;
  /** Overrides the server's lock budget (tests force batching with it). */
  lockBudget?: number;
  /** Per-tenant dumps at once; default the project's parallelism, else 2. */
  parallel?: number;
  log?: (line: string) => void;
}

/** pg_dump's -n takes a pattern: a quoted name matches exactly that schema, case and all. */
export const schemaArg = (schema: string) => `--schema="${schema.replace(/"/g, '""')}"`;
const excludeArg = (schema: string) => `--exclude-schema="${schema.replace(/"/g, '""')}"`;

async function schemasFor(
  req: BackupRequest,
  snap: DumpSnapshot,
  profile: Profile,
  log: (l: string) => void,
): Promise<string[]> {
  const c = snap.client;
  if (req.scope === 'shared') return ['public'];
  if (req.scope === 'database') {
    const { rows } = await c.query<{ s: string }>(
      `SELECT nspname AS s FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1`,
    );
    return rows.map((r) => r.s);
  }
  if (req.scope === 'fleet') {
    const project = await optionalProject(profile);
    const fleet = await loadFleet(c, project?.config.registry ?? profile.registry, project?.config.ignoreSchemas ?? []);
    for (const t of fleet.tenants.filter((t) => t.status === 'missing'))
      log(`warning: ${t.schema} is registered but has no schema; skipped`);
    const tenants = workingTenants(fleet).map((t) => t.schema);
    if (!tenants.length)
      throw new AppError(
        'TENANT_NOT_FOUND',
        'The fleet has no tenants to back up.',
        'Check the registry setting of the profile.',
      );
    return tenants;
  }
  const wanted = [...new Set(req.schemas ?? [])];
  if (!wanted.length)
    throw new AppError(
      'VALIDATION_FAILED',
      'Name at least one tenant schema to back up.',
      'CLI: --tenant SCHEMA (repeatable).',
      { field: 'schemas' },
    );
  const { rows } = await c.query<{ s: string }>(
    `SELECT nspname AS s FROM pg_namespace WHERE nspname = ANY($1::text[])`,
    [wanted],
  );
  const present = new Set(rows.map((r) => r.s));
  const absent = wanted.filter((s) => !present.has(s));
  if (absent.length)
    throw new AppError(
      'TENANT_NOT_FOUND',
      `No schema named ${absent.map((s) => `"${s}"`).join(', ')} in ${profile.database}.`,
      'List the tenants with `tenantry tenants list`.',
      { tenant: absent[0] },
    );
  return wanted;
}

/** Takes one backup (every scope), writes its files and adds it to the profile's catalog; all or nothing. */
export async function takeBackup(deps: CoreDeps, req: BackupRequest, opts: BackupOptions = {}): Promise<BackupEntry> {
  const profile = req.profile;
  const source = req.source ?? profile;
  const key = profileKey(profile, deps.profiles.isEphemeral(profile.id));
  const id = newId();
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const audit = {
    ...profileFields(profile),
    action: 'backup.create',
    target: req.scope === 'tenant' ? (req.schemas ?? []).join(',') : req.scope,
    params: { id, scope: req.scope, reason: req.reason, schemas: req.schemas?.length },
  };
  return deps.audit.around(audit, async () => {
    const snap = await openSnapshot(deps, source);
    const written: BackupFile[] = [];
    try {
      const tools = await findPgTools(snap.serverMajor, { binDir: opts.binDir });
      const schemas = await schemasFor(req, snap, profile, log);
      // pg_dump needs SELECT on everything it dumps: refuse now, naming what is missing, not at tenant 137.
      await checkPrivileges(snap.client, { schemas, needs: ['select-all'] }, 'Backing up');
      const folder = dumpFolder(deps.dataDir, key, profile);
      const budget = opts.lockBudget ?? (await serverLockBudget(snap.client));
      const tables = await tablesPerSchema(snap.client, schemas);
      const sized = schemas.map((s) => ({ schema: s, tables: tables.get(s) ?? 0 }));
      const groups = await fileGroups(req, snap, sized, budget);
      const fileIndex = new Map<string, number>();
      groups.forEach((g, i) => g.schemas.forEach((s) => fileIndex.set(s, i)));
      // Counted while pg_dump runs, on a second session importing the same snapshot (same rows, no
      // added wait), in chunks that lock a quarter of the budget at most: pg_dump holds up to half.
      const manifestRead = (async () => {
        const reader = await deps.pools.dedicatedClient(source);
        try {
          return await readManifest(
            reader,
            snap.id,
            planBatches(sized, Math.max(1, Math.floor(budget / 4))),
            (s) => fileIndex.get(s) ?? 0,
          );
        } finally {
          await reader.end().catch(() => undefined);
        }
      })();
      manifestRead.catch(() => undefined);
      const encrypt = await keyForNewBackup(deps.secrets, profile, key, req.passphrase, log);
      const password = await resolvePassword(source, deps.secrets);
      const connection = connectionArgs(source);
      let done = 0;
      req.onProgress?.(0, groups.length, groups[0]?.label);
      const files = await withPassfile(password, (passfile) =>
        mapPool(groups, req.scope === 'tenant' ? (opts.parallel ?? 2) : 1, async (g) => {
          if (req.signal?.aborted) throw new AppError('CANCELLED', 'The backup was cancelled.');
          const file = await dumpToFile({
            pgDump: tools.pgDump,
            connection,
            args: ['--format=custom', `--snapshot=${snap.id}`, ...g.filter],
            target: source,
            passfile,
            dest: path.join(folder, `${id}-${g.label}.dump${encrypt ? '.enc' : ''}`),
            encrypt,
            schemas: g.schemas,
            signal: req.signal,
          });
          written.push(file);
          req.onProgress?.(++done, groups.length, g.label);
          return file;
        }),
      );
      const manifest = await manifestRead;
      const entry: BackupEntry = {
        id,
        profileKey: key,
        profileId: profile.id,
        profileName: profile.name,
        environment: profile.environment,
        database: profile.database,
        host: profile.host,
        port: profile.port,
        scope: req.scope,
        schemas,
        files,
        reason: req.reason,
        who: whoAmI(),
        createdAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        serverVersion: snap.serverVersion,
        serverMajor: snap.serverMajor,
        pgDumpVersion: tools.version,
        manifest,
        ...(encrypt ? { encryption: { mode: encrypt.mode, keyId: encrypt.keyId } } : {}),
      };
      await new Catalogs(deps.dataDir).add(key, entry);
      if (profile.backupCopyDir) {
        // The local backup stands whatever happens to the copy; a failed copy is retried later.
        await retryPendingCopies(deps.dataDir, key, profile.backupCopyDir, log, entry.id);
        return await copyToSecondDestination(deps.dataDir, key, entry, profile.backupCopyDir, log);
      }
      return entry;
    } catch (e) {
      // A backup is whole or absent: remove the files of finished parts, leave the catalog alone.
      await Promise.all(written.map((f) => fs.rm(f.path, { force: true })));
      throw toAppError(e, profile);
    } finally {
      await snap.release();
    }
  });
}

interface FileGroup {
  label: string;
  schemas: string[];
  /** pg_dump's schema selection: --schema for each, or --exclude-schema for everything else when that is shorter. */
  filter: string[];
}

/** pg_dump runs one catalog query per pattern: name whichever side of the selection is smaller. */
async function selection(snap: DumpSnapshot, schemas: string[]): Promise<string[]> {
  const { rows } = await snap.client.query<{ s: string }>(
    `SELECT nspname AS s FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`,
  );
  const wanted = new Set(schemas);
  const others = rows.map((r) => r.s).filter((s) => !wanted.has(s));
  return others.length < schemas.length ? others.map(excludeArg) : schemas.map(schemaArg);
}

async function fileGroups(
  req: BackupRequest,
  snap: DumpSnapshot,
  sized: { schema: string; tables: number }[],
  budget: number,
): Promise<FileGroup[]> {
  const schemas = sized.map((s) => s.schema);
  if (req.scope === 'tenant') return schemas.map((s) => ({ label: s, schemas: [s], filter: [schemaArg(s)] }));
  if (req.scope === 'shared') return [{ label: 'public', schemas, filter: [schemaArg('public')] }];
  if (req.scope === 'database') return [{ label: 'database', schemas, filter: [] }];
  const batches = planBatches(sized, budget);
  const groups: FileGroup[] = [];
  for (const [i, b] of batches.entries())
    groups.push({
      label: batches.length === 1 ? 'fleet' : `fleet-${String(i + 1).padStart(3, '0')}`,
      schemas: b,
      filter: await selection(snap, b),
    });
  return groups;
}
