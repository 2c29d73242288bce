import { createProfileGroupHandlers } from './profiles/profile-group-handlers';
import { ProfileGroups } from './profiles/profile-groups';
import { promises as fs } from 'node:fs';
import type { Output } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { createApi, type Api, type Handlers } from './api';
import { resolveDataDir } from './app-paths';
import { AuditLog } from './audit/audit-log';
import { createAuditHandlers } from './audit/audit-handlers';
import { createBackupsHandlers } from './backups/backups-handlers';
import { createBackupPort } from './backups/backup-service';
import { createRestorePort } from './backups/restore-port';
import type { CorePorts } from './domain/ports';
import { createMigrationPort } from './migrations/migration-port';
import { recoverLeftovers, type RecoveryReport } from './backups/recovery';
import { createChecklistsHandlers } from './checklists/checklists-handlers';
import { createChecksHandlers } from './checks/checks-handlers';
import type { CoreDeps } from './core-deps';
import { Pools } from './db/pools';
import { setTenantLockWait } from './domain/tenant-locks';
import { createFleetHandlers } from './fleet/fleet-handlers';
import { createMigrationsHandlers } from './migrations/migrations-handlers';
import { createMonitorHandlers } from './monitor/monitor-handlers';
import { createTenantsHandlers } from './tenants/tenants-handlers';
import { EventBus } from './event-bus';
import { Jobs } from './jobs/jobs';
import { ProfileStore } from './profiles/profile-store';
import { createProfileService } from './profiles/profile-service';
import { createSecretStore, type Keychain } from './profiles/secret-store';
import { TENANTRY_VERSION } from './version';

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
      const envelope = await late.api!.call(method, input);
      if (!envelope.ok)
        throw new AppError(envelope.error.code, envelope.error.message, envelope.error.hint, envelope.error);
      return envelope.data as never;
    },
  };
  // Each area's port is built once, here, from the same deps.
  Object.assign(ports, {
    backups: createBackupPort(deps),
    migrations: createMigrationPort(),
    restores: createRestorePort(deps),
  } satisfies CorePorts);
  let defaultProfileId = options.defaultProfileId;
  let mode = options.mode;

  const handlers: Handlers = {
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
    ...createTenantsHandlers(deps),
    ...createMigrationsHandlers(deps),
    ...createBackupsHandlers(deps),
    ...createChecksHandlers(deps),
    ...createChecklistsHandlers(deps),
    ...createMonitorHandlers(deps),
    ...createAuditHandlers(deps),
    ...createFleetHandlers(deps),
  };

  const api = (late.api = createApi(handlers, { validateOutput: options.validateOutput }));
  // A restore killed mid-way is finished or undone before anything else can touch that tenant.
  // The app and `serve` recover at start; a CLI command only once it connects (CLI.md "Processes and locks").
  let recovering: Promise<RecoveryReport[]> | undefined;
  const recover = () =>
    (recovering ??= recoverLeftovers(deps).then((recovered) => {
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
