import pg from 'pg';
import type { MigrationRun } from '../../../shared/model/migrations';
import { AppError } from '../../../shared/errors';
import { sampleDomainsDir } from '../../core/app-root';
import { quoteIdent } from '../../core/db/identifiers';
import type { CliContext } from '../cli-context';
import { ct } from '../cli-messages';

export const DOMAINS_DATABASE = 'tenantry_domains';
export const DOMAINS_PROFILE = 'sandbox-domains';

/** Migrates the domains sample (public, then its eight named schemas) into a profile's database and seeds it. */
export async function migrateAndSeedDomains(
  ctx: Pick<CliContext, 'core' | 'call' | 'out'>,
  profileId: string,
): Promise<{ run: MigrationRun; seeded: number }> {
  const { jobId } = await ctx.call('migrations.apply', {
    profileId,
    project: sampleDomainsDir(),
    lockTimeoutMs: 10_000,
    statementTimeoutMs: 1_800_000,
  });
  const summary = await ctx.core.jobs.wait(jobId);
  const run = summary.result as MigrationRun | undefined;
  if (!run || run.failed.length)
    throw new AppError(
      'SANDBOX_FAILED',
      `The domains sample did not migrate: ${run?.failed.join(', ') ?? summary.error?.message ?? 'no result'}.`,
      'Run `tenantry status` on that database to see which file failed.',
    );
  const seeded = await ctx.call('migrations.seed', { profileId, project: sampleDomainsDir() });
  return { run, seeded: seeded.schemas.filter((s) => s.state === 'applied').length };
}

/**
 * `sandbox --sample domains`: a second database on the embedded server, split by domain into named
 * schemas (one database, several services), with its own profile and a group holding both sandbox
 * profiles, so the fleet view shows two servers side by side.
 */
export async function prepareDomainsSandbox(ctx: CliContext, port: number, demoProfileId: string): Promise<string> {
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DOMAINS_DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${quoteIdent(DOMAINS_DATABASE)}`);
  } finally {
    await admin.end();
  }
  const settings = {
    environment: 'local' as const,
    host: '127.0.0.1',
    port,
    database: DOMAINS_DATABASE,
    user: 'postgres',
    sslmode: 'disable' as const,
    projectDir: sampleDomainsDir(),
  };
  const existing = ctx.core.profiles.findByName(DOMAINS_PROFILE);
  const profileId = existing
    ? (await ctx.core.profiles.update(existing.id, settings)).id
    : (
        await ctx.core.profiles.add({
          name: DOMAINS_PROFILE,
          ...settings,
          readOnly: false,
          registry: 'auto',
          keepAsideAfterRestore: false,
        })
      ).id;
  const { seeded } = await migrateAndSeedDomains(ctx, profileId);
  await ctx.call('profiles.saveGroup', { name: 'sandbox-servers', profileIds: [demoProfileId, profileId] });
  ctx.out.progress(ct('sandbox.domains', { database: DOMAINS_DATABASE, seeded }));
  return profileId;
}
