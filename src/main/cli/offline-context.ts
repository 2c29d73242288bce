import { promises as fs } from 'node:fs';
import type { Input, Method, Output as MethodOutput } from '../../shared/contract';
import type { Profile } from '../../shared/model/profile';
import { createApi, dataOf } from '../core/api';
import { lazyHandlers } from '../core/lazy-areas';
import { resolveDataDir } from '../core/app-paths';
import type { ProfileStore } from '../core/profiles/profile-store';
import type { SecretStore } from '../core/profiles/secret-store';
import type { GlobalOptions } from './global-options';
import { parseLockWait } from './lock-wait';
import { createOutput, type Output } from './output';

interface Services {
  dataDir: string;
  /** profiles.json, read when a call needs it (the audit log and checklist runs do not). */
  profiles(): Promise<ProfileStore>;
  secrets: Pick<SecretStore, 'has'>;
}

// Each area's reads are loaded when a command calls them: `profiles list` never loads the catalogs.
const areas = {
  profiles: async (s: Services) =>
    (await import('../core/profiles/profile-file-handlers')).createProfileFileHandlers({
      store: await s.profiles(),
      secrets: s.secrets,
    }),
  backups: async (s: Services) =>
    (await import('../core/backups/backup-list')).createBackupListHandler(s.dataDir, s.profiles),
  audit: async (s: Services) => {
    const [{ createAuditReadHandlers }, { AuditLog }] = await Promise.all([
      import('../core/audit/audit-read-handlers'),
      import('../core/audit/audit-log'),
    ]);
    return createAuditReadHandlers(AuditLog.forDataDir(s.dataDir));
  },
  checklists: async (s: Services) => {
    const [{ createRunReadHandlers }, { RunStore }] = await Promise.all([
      import('../core/checklists/run-read-handlers'),
      import('../core/checklists/run-store'),
    ]);
    return createRunReadHandlers(RunStore.forDataDir(s.dataDir));
  },
};
type Area = keyof typeof areas;
type AreaCalls<A extends Area> = Awaited<ReturnType<(typeof areas)[A]>>;

/** The calls a command can make without a connection (CLI.md "Ids"): they read the app data folder only. */
export type OfflineMethod = keyof (AreaCalls<'profiles'> &
  AreaCalls<'backups'> &
  AreaCalls<'audit'> &
  AreaCalls<'checklists'>) &
  Method;

/** What a command that needs no connection works with: no core, no pools, no recovery. */
export interface OfflineContext {
  out: Output;
  opts: GlobalOptions;
  /** The --profile or --url profile, only to filter by: nothing connects. */
  target(): Promise<Profile>;
  call<M extends OfflineMethod>(method: M, input: Input<M>): Promise<MethodOutput<M>>;
}

/**
 * The services those calls need and nothing else, behind the same contract validation as the
 * core's api: listing profiles, catalogs, the audit log or checklist runs starts about as fast as
 * `--help`.
 */
export async function createOfflineContext(opts: GlobalOptions): Promise<OfflineContext> {
  parseLockWait(opts.lockWait);
  const dataDir = resolveDataDir();
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const out = createOutput(Boolean(opts.json));
  let store: Promise<ProfileStore> | undefined;
  const profiles = () =>
    (store ??= import('../core/profiles/profile-store').then(async ({ ProfileStore }) => {
      const opened = await ProfileStore.open(dataDir);
      for (const n of opened.notices) out.warn(`${n.message}${n.hint ? ` (${n.hint})` : ''}`);
      return opened;
    }));
  // The OS keychain (a native addon) is loaded only to tell where a listed profile's password is kept.
  let keychain: Promise<SecretStore> | undefined;
  const secrets = {
    has: async (id: string) =>
      (await (keychain ??= import('../core/profiles/secret-store').then((m) => m.createSecretStore()))).has(id),
    // A --url password is of no use to a command that never connects.
    keepInMemory: () => undefined,
  };
  const services: Services = { dataDir, profiles, secrets };
  const api = createApi(
    lazyHandlers({}, Object.fromEntries(Object.entries(areas).map(([area, load]) => [area, () => load(services)]))),
  );
  return {
    out,
    opts,
    target: async () =>
      (await import('./connection-target')).resolveTarget({ profiles: await profiles(), secrets }, opts),
    async call(method, input) {
      return dataOf(await api.call(method, input)) as MethodOutput<typeof method>;
    },
  };
}
