import type { ClientBase, PoolClient } from 'pg';
import { AppError } from '../../../shared/errors';
import type { MigrationStatus, SchemaStatus } from '../../../shared/model/migrations';
import type { Profile } from '../../../shared/model/profile';
import type { CoreDeps } from '../core-deps';
import { requireProject, type Project } from '../project/project';
import { loadFleet, type Fleet } from '../domain/registry/fleet';
import { readAllLedgers, type SchemaLedgers } from '../domain/ledger/ledger-read';
import type { OpenSession } from '../domain/two-sessions';
import { readProjectMigrations } from '../domain/ledger/migration-files';
import { noteLeftovers } from './no-transaction-repair';
import { namedStatusRows, readNamedMigrations, type ProjectMigrations } from './named-schemas';
import { countStatus, djangoStatus, schemaLists } from './status-matrix';

export interface TargetInput {
  profileId: string;
  project?: string;
  registry?: string;
}

export interface StatusContext {
  profile: Profile;
  project: Project;
  files: ProjectMigrations;
  fleet: Fleet;
  ledgers: Map<string, SchemaLedgers>;
  status: MigrationStatus;
}

export function registrySpecFor(profile: Profile, project: Project | undefined, override?: string): string {
  if (override) return override;
  if (profile.registry && profile.registry !== 'auto') return profile.registry;
  return project?.config.registry ?? 'auto';
}

export async function projectAndFiles(
  profile: Profile,
  override?: string,
): Promise<{ project: Project; files: ProjectMigrations }> {
  const project = await requireProject(profile, override);
  const [set, named] = await Promise.all([
    readProjectMigrations(project.dir),
    readNamedMigrations(project.dir, project.config.schemas),
  ]);
  const files: ProjectMigrations = { ...set, named };
  if (!files.shared.length && !files.tenant.length && !named.some((n) => n.files.length)) {
    throw new AppError(
      'NO_PROJECT',
      `${project.dir} holds no migration files.`,
      'Put NNNN_name.sql files in migrations/shared/ and migrations/tenant/ (or migrations/<schema>/ for the schemas listed in tenantry.yaml).',
    );
  }
  return { project, files };
}

/** The status matrix from catalogs and ledgers already read: no SQL here. */
export function buildStatus(
  profileId: string,
  files: ProjectMigrations,
  fleet: Fleet,
  ledgers: Map<string, SchemaLedgers>,
  ledgerReadMs: number,
): MigrationStatus {
  const rows: SchemaStatus[] = [];
  const sharedRow = fleet.tenants.find((t) => t.shared);
  if (sharedRow || files.shared.length || ledgers.get('public')?.tenantry) {
    rows.push({
      schema: 'public',
      name: sharedRow?.name ?? 'public',
      shared: true,
      ...schemaLists(files.shared, ledgers.get('public')?.tenantry),
    });
  }
  rows.push(...namedStatusRows(files.named, ledgers));
  for (const t of fleet.tenants) {
    if (t.shared || t.status === 'orphan') continue;
    if (t.status === 'missing') {
      rows.push({
        schema: t.schema,
        name: t.name,
        status: 'missing',
        applied: [],
        pending: [],
        failed: [],
        drifted: [],
        missingFile: [],
        outOfOrder: [],
      });
      continue;
    }
    rows.push({
      schema: t.schema,
      name: t.name,
      status: t.status,
      ...schemaLists(files.tenant, ledgers.get(t.schema)?.tenantry),
    });
  }
  const missing = rows.filter((r) => r.status === 'missing').map((r) => r.schema);
  const warnings = missing.length
    ? [
        `${missing.length} registered tenant(s) have no schema and are skipped: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
      ]
    : [];
  return {
    profileId,
    registry: fleet.registry,
    migrations: files.tenant.map((f) => f.name),
    sharedMigrations: files.shared.map((f) => f.name),
    ...(files.named.length
      ? { namedSchemas: files.named.map((n) => ({ schema: n.schema, migrations: n.files.map((f) => f.name) })) }
      : {}),
    tenants: rows,
    counts: countStatus(rows),
    orphans: fleet.tenants.filter((t) => t.status === 'orphan').map((t) => t.schema),
    warnings,
    django: djangoStatus(
      rows.map((r) => r.schema),
      ledgers,
    ),
    ledgerReadMs,
  };
}

/** From this many schemas a second session shares the ledger read (below, its connecting costs more than it saves). */
const SHARED_READ_FROM = 100;

/**
 * Fleet + every ledger + files → the status matrix, on a client the caller holds; `another` opens
 * a second session for the ledger read of a large fleet.
 */
export async function readStatusWith(
  client: ClientBase,
  profile: Profile,
  project: Project,
  files: ProjectMigrations,
  registry?: string,
  another?: OpenSession,
): Promise<Omit<StatusContext, 'profile' | 'project' | 'files'>> {
  const fleet = await loadFleet(client, registrySpecFor(profile, project, registry), project.config.ignoreSchemas);
  const started = performance.now();
  const ledgers = await readAllLedgers(client, {
    another: fleet.tenants.length >= SHARED_READ_FROM ? another : undefined,
  });
  const ledgerReadMs = Math.round((performance.now() - started) * 10) / 10;
  const status = buildStatus(profile.id, files, fleet, ledgers, ledgerReadMs);
  await noteLeftovers(client, status.tenants, (row) => (row.named ? [] : row.shared ? files.shared : files.tenant));
  return { fleet, ledgers, status };
}

export type ProjectRead = Promise<{ project: Project; files: ProjectMigrations }>;

/** The project and its migration files, being read (started at once; a failure waits for whoever awaits it). */
export function readingProject(profile: Profile, override?: string): ProjectRead {
  const reading = projectAndFiles(profile, override);
  reading.catch(() => undefined);
  return reading;
}

/**
 * `fn` on a pool client with the project read: the files are read while the connection opens,
 * and a project error still wins over a connection error.
 */
export async function withProjectAndClient<T>(
  deps: CoreDeps,
  profile: Profile,
  reading: ProjectRead,
  fn: (client: PoolClient, project: Project, files: ProjectMigrations) => Promise<T>,
): Promise<T> {
  try {
    return await deps.pools.withClient(profile, async (client) => {
      const { project, files } = await reading;
      return fn(client, project, files);
    });
  } catch (e) {
    await reading;
    throw e;
  }
}

export async function loadStatusContext(deps: CoreDeps, input: TargetInput): Promise<StatusContext> {
  const profile = deps.profiles.get(input.profileId);
  return withProjectAndClient(deps, profile, readingProject(profile, input.project), async (client, project, files) => {
    const read = await readStatusWith(client, profile, project, files, input.registry, () => deps.pools.lease(profile));
    return { profile, project, files, ...read };
  });
}
