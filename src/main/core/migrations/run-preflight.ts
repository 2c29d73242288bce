import type { JobContext } from '../jobs/jobs';
import type pg from 'pg';
import { AppError } from '../../../shared/errors';
import type { Profile } from '../../../shared/model/profile';
import { profileFields, type AuditEntry } from '../audit/audit-log';
import type { CoreDeps } from '../core-deps';
import { acquireMigrationLock, releaseMigrationLock } from '../domain/ledger/advisory-lock';
import { checkPrivileges } from '../domain/privileges';
import { loadFleet, workingTenants } from '../domain/registry/fleet';
import {
  readingProject,
  readStatusWith,
  withProjectAndClient,
  type ProjectRead,
  registrySpecFor,
  type StatusContext,
  type TargetInput,
} from './status-service';

export interface LockedContext extends StatusContext {
  session: pg.Client;
  release(): Promise<void>;
}

/**
 * Takes the database's migration lock on a dedicated session, then reads the status under it, so
 * nobody can change the ledgers between the plan and the run. The caller must call release().
 */
export async function lockAndReadStatus(
  deps: CoreDeps,
  input: TargetInput,
  what: string,
  reading?: ProjectRead,
): Promise<LockedContext> {
  const profile = deps.profiles.get(input.profileId);
  // The session opens while the project is read; a project error wins over a connection error.
  const [read, opened] = await Promise.allSettled([
    reading ?? readingProject(profile, input.project),
    deps.pools.dedicatedClient(profile),
  ]);
  if (read.status === 'rejected') {
    if (opened.status === 'fulfilled') await opened.value.end().catch(() => undefined);
    throw read.reason;
  }
  if (opened.status === 'rejected') throw opened.reason;
  const { project, files } = read.value;
  const session = opened.value;
  session.on('error', () => undefined);
  const release = async () => {
    await releaseMigrationLock(session);
    await session.end().catch(() => undefined);
  };
  try {
    await acquireMigrationLock(session, what);
    const status = await readStatusWith(session, profile, project, files, input.registry, () =>
      deps.pools.lease(profile),
    );
    return { profile, project, files, ...status, session, release };
  } catch (e) {
    await session.end().catch(() => undefined);
    throw e;
  }
}

/**
 * Sessions for a run (PRODUCT.md "bounded parallelism"), sized from the server rather than this
 * machine's cores: the work runs in the server, and each session spends part of every tenant
 * waiting on round trips that other sessions fill. A quarter of the server's free connections
 * (other clients need theirs), from 2 to 8; the project's `parallelism` wins when set, and
 * nothing exceeds the free connections.
 */
export function parallelFor(freeConnections: number, configured: number | undefined): number {
  const free = Math.max(1, freeConnections - 2);
  const want = configured ?? Math.min(8, Math.max(2, Math.floor(free / 4)));
  return Math.max(1, Math.min(want, free));
}

export async function defaultParallel(session: pg.ClientBase, configured: number | undefined): Promise<number> {
  const { rows } = await session.query<{ free: number }>(
    `SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int - (SELECT count(*) FROM pg_stat_activity)::int AS free`,
  );
  return parallelFor(rows[0]?.free ?? 4, configured);
}

/**
 * The run is over and its work stays: an outcome line that cannot be written (a full disk) becomes
 * a warning of the run, never a "not performed" error; the intent line already records the run.
 */
export function outcomeNotRecorded(warnings: string[]): () => void {
  return () => {
    warnings.push(
      'The outcome of this run could not be written to the audit log (disk full or no permission); the intent line written before the run is there.',
    );
  };
}

/** Records a refusal (drift, lock, confirmation) before rethrowing it: refusals are audited too. */
export async function auditRefusal(
  deps: CoreDeps,
  profile: Profile,
  action: string,
  e: unknown,
  params: AuditEntry['params'],
): Promise<never> {
  const code = (e as { code?: string }).code;
  const refused = [
    'CHECKSUM_DRIFT',
    'LOCK_HELD',
    'CONFIRMATION_REQUIRED',
    'DESTRUCTIVE_NOT_CONFIRMED',
    'BACKUP_REQUIRED',
    'READ_ONLY',
    'INSUFFICIENT_PRIVILEGE',
  ];
  if (e instanceof AppError && refused.includes(code ?? '')) {
    await deps.audit
      .record({ ...profileFields(profile), action, params, result: 'refused', error: `${e.code}: ${e.message}` })
      .catch(() => undefined);
  }
  throw e;
}

/**
 * Before the lock and the ledger reads: the connected role must own (or CREATE in) every target
 * schema and may take the advisory lock, else INSUFFICIENT_PRIVILEGE names what is missing per
 * schema and nothing starts (a role that cannot read one ledger would otherwise fail mid-way).
 */
export async function privilegePreflight(
  deps: CoreDeps,
  input: TargetInput & { tenants?: string[] },
  reading: ProjectRead,
): Promise<void> {
  const profile = deps.profiles.get(input.profileId);
  await withProjectAndClient(deps, profile, reading, async (c, project, files) => {
    const fleet = await loadFleet(
      c,
      registrySpecFor(profile, project, input.registry),
      project.config.ignoreSchemas ?? [],
    );
    const tenants = input.tenants?.length ? input.tenants : workingTenants(fleet).map((t) => t.schema);
    const schemas = [...(files.shared.length ? ['public'] : []), ...tenants];
    await checkPrivileges(c, { schemas, needs: ['own-or-create-in-schema', 'advisory-lock'] }, 'Migrating');
  });
}

/**
 * Plans a run while the migration lock is held, then runs it as a job that releases the lock when
 * it ends. A refusal while planning is audited and releases the lock at once. The intent line is
 * written before the job starts, so before any tenant is touched: if it cannot be written nothing
 * runs (AUDIT_WRITE_FAILED). The job gets its hash to link its outcome line.
 */
export async function startLockedJob<T>(
  deps: CoreDeps,
  ctx: LockedContext,
  refusal: { profile: Profile; action: string; params: AuditEntry['params'] },
  kind: string,
  plan: () => Promise<(job: JobContext, intent: string) => Promise<T>>,
): Promise<{ jobId: string }> {
  let work: (job: JobContext, intent: string) => Promise<T>;
  let intent: string;
  try {
    work = await plan();
  } catch (e) {
    await ctx.release();
    return auditRefusal(deps, refusal.profile, refusal.action, e, refusal.params);
  }
  try {
    intent = (
      await deps.audit.record({
        ...profileFields(refusal.profile),
        action: refusal.action,
        params: refusal.params,
        result: 'intent',
      })
    ).hash;
  } catch (e) {
    await ctx.release();
    throw e;
  }
  const jobId = deps.jobs.start(
    kind,
    async (job) => {
      try {
        return await work(job, intent);
      } finally {
        await ctx.release();
      }
    },
    { profileId: refusal.profile.id },
  );
  return { jobId };
}
