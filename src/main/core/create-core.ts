import { createProfileGroupHandlers } from './profiles/profile-group-handlers';
import { ProfileGroups } from './profiles/profile-groups';
import { promises as fs } from 'node:fs';
import type { Method, Output } from '../../shared/contract';
import { createApi, dataOf, type Api, type Handlers } from './api';
import { resolveDataDir } from './app-paths';
import { AuditLog, type AuditSink } from './audit/audit-log';
import type { RecoveryReport } from './backups/recovery';
import type { BackupPort } from './domain/backup-port';
import type { CorePorts, MigrationPort, RestorePort } from './domain/ports';
import type { CoreDeps } from './core-deps';
import { Pools } from './db/pools';
import { setTenantLockWait } from './domain/tenant-locks';
import { EventBus } from './event-bus';
import { Jobs } from './jobs/jobs';
import { lazyHandlers, lazyPort, loadOnce } from './lazy-areas';
import { ProfileStore } from './profiles/profile-store';
import { createProfileService } from './profiles/profile-service';
import { createSecretStore, type Keychain } from './profiles/secret-store';
import { TENANTRY_VERSION } from './version';

/**
 * Each feature area's handlers, loaded on the first call of that area (its prefix: 'ssh.*' is the
 * monitor's): a CLI command compiles the areas it calls, not all of them (`status` never loads
 * the backups, checks or fleet code). The only place that imports the areas.
 */
const areaHandlers = (deps: CoreDeps) => ({
  tenants: () => import('./tenants/tenants-handlers').then((m) => m.createTenantsHandlers(deps)),
  migrations: () => import('./migrations/migrations-handlers').then((m) => m.createMigrationsHandlers(deps)),
  backups: () => import('./backups/backups-handlers').then((m) => m.createBackupsHandlers(deps)),
  checks: () => import('./checks/checks-handlers').then((m) => m.createChecksHandlers(deps)),
  checklists: () => import('./checklists/checklists-handlers').then((m) => m.createChecklistsHandlers(deps)),
  monitor: () => import('./monitor/monitor-handlers').then((m) => m.createMonitorHandlers(deps)),
  audit: () => import('./audit/audit-handlers').then((m) => m.createAuditHandlers(deps)),
  fleet: () => import('./fleet/fleet-handlers').then((m) => m.createFleetHandlers(deps)),
});
type AreaCalls = {
  [A in keyof ReturnType<typeof areaHandlers>]: keyof Awaited<ReturnType<ReturnType<typeof areaHandlers>[A]>>;
}[keyof ReturnType<typeof areaHandlers>];

/** Each area's port, built on its first call from the same deps (`migrate` loads the backups code only to take a backup). */
const lazyPorts = (deps: CoreDeps): CorePorts => ({
  backups: lazyPort<BackupPort>(() => import('./backups/backup-service').then((m) => m.createBackupPort(deps)), {
    take: true,
    requireDurableKey: true,
    latest: true,
  }),
  migrations: lazyPort<MigrationPort>(
    () => import('./migrations/migration-port').then((m) => m.createMigrationPort()),
    { applyInTransaction: true },
  ),
  restores: lazyPort<RestorePort>(() => import('./backups/restore-port').then((m) => m.createRestorePort(deps)), {
    restoreTenant: true,
  }),
});

/** The database copy of the audit log (profiles that opt in); its code loads with the first audited action. */
function lazyDatabaseSink(deps: CoreDeps): AuditSink {
  const sink = loadOnce(() => import('./audit/database-sink').then((m) => m.createDatabaseSink(deps)));
  return async (line) => (await sink())(line);
}

export interface CoreOptions {
  mode: Output<'app.info'>['mode'];
  dataDir?: string;
  /** null: no OS keychain (tests, headless); default: @napi-rs/keyring. */
  keychain?: Keychain | null;
  defaultProfileId?: string;
  validateOutput?: boolean;
  /** How long an operation waits for a tenant held by another (the CLI's --lock-wait); 5 s by default. */
  lockWaitSeconds?: number;
}

export interface Core extends CoreDeps {
  api: Api;
  setDefaultProfile(id: string | undefined): void;
  /** The CLI's `serve` and `sandbox` become browser mode once they serve pages. */
  setMode(mode: CoreOptions['mode']): void;
  /** Finishes or undoes what gone processes left (restores, passfiles, work folders); once per process. */
  recoverLeftovers(): Promise<RecoveryReport[]>;
  close(): Promise<void>;
}

/** Wires every service once; Electron's main, browser mode and the CLI all call this. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const dataDir = options.dataDir ?? resolveDataDir();
  setTenantLockWait(options.lockWaitSeconds);
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const bus = new EventBus();
  const secrets = createSecretStore(options.keychain === undefined ? undefined : options.keychain);
  const profiles = await ProfileStore.open(dataDir);
  const pools = new Pools(secrets);
  const jobs = new Jobs(bus);
  const audit = AuditLog.forDataDir(dataDir);
  // deps.invoke calls the api that is built from deps: bound once both exist.
  const late: { api?: Api } = {};
  const ports = {} as CorePorts;
  const deps: CoreDeps = {
    mode: options.mode,
    dataDir,
    bus,
    jobs,
    pools,
    profiles,
    secrets,
    audit,
    ports,
    async invoke(method, input) {
      return dataOf(await late.api!.call(method, input)) as never;
    },
  };
  // Each area's port is wired once, here, from the same deps.
  Object.assign(ports, lazyPorts(deps));
  // Before any area can record an action.
  audit.addSink(lazyDatabaseSink(deps));
  let defaultProfileId = options.defaultProfileId;
  let mode = options.mode;

  const coreHandlers = {
    'app.info': async () => ({
      version: TENANTRY_VERSION,
      mode,
      dataDir,
      secretBackend: secrets.backend(),
      notices: profiles.notices,
      defaultProfileId,
    }),
    ...createProfileService({ store: profiles, secrets, pools, audit }),
    ...createProfileGroupHandlers(new ProfileGroups(dataDir, profiles)),
    'jobs.list': async () => jobs.list(),
    'jobs.get': async ({ id }) => jobs.get(id),
    'jobs.cancel': async ({ id }) => {
      jobs.cancel(id);
      return { ok: true as const };
    },
  } satisfies Partial<Handlers>;
  // Every call of the contract has its handler, here or in an area: the build names any that has none.
  const unhandled: Record<Exclude<Method, keyof typeof coreHandlers | AreaCalls>, never> = {};
  void unhandled;
  const areas = areaHandlers(deps);
  const handlers = lazyHandlers(coreHandlers, { ...areas, ssh: areas.monitor });

  const api = (late.api = createApi(handlers, { validateOutput: options.validateOutput }));
  // A restore killed mid-way is finished or undone before anything else can touch that tenant.
  // The app and `serve` recover at start; a CLI command only once it connects (CLI.md "Processes and locks").
  let recovering: Promise<RecoveryReport[]> | undefined;
  const recover = () =>
    (recovering ??= import('./backups/recovery').then(async ({ recoverLeftovers }) => {
      const recovered = await recoverLeftovers(deps);
      for (const r of recovered) profiles.notices.push({ code: 'RESTORE_RECOVERED', message: JSON.stringify(r) });
      return recovered;
    }));
  if (options.mode !== 'cli') await recover();
  return {
    ...deps,
    api,
    recoverLeftovers: recover,
    setMode: (next) => {
      mode = next;
      // Handlers read deps.mode: e.g. only the CLI may name a runbook by file path.
      deps.mode = next;
      if (next !== 'cli') void recover().catch(() => undefined);
    },
    setDefaultProfile: (id) => {
      defaultProfileId = id;
    },
    close: () => pools.closeAll(),
  };
}
