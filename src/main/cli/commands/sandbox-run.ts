import path from 'node:path';
import pg from 'pg';
import { AppError } from '../../../shared/errors';
import { sampleProjectDir } from '../../core/app-root';
import type { Core } from '../../core/create-core';
import { freePort, sandboxClusterDir, startEmbeddedCluster } from '../../core/sandbox/embedded-cluster';
import { ensureSandboxBackup, prepareSandboxArchive } from '../../core/sandbox/sandbox-archive';
import type { ArchiveSettings } from '../../core/domain/archive/pgbackrest';
import {
  markSandboxSeeded,
  prepareSandboxDatabase,
  SANDBOX_DATABASE,
  trustLocalPostgresUser,
} from '../../core/sandbox/sandbox-database';
import { seedDemo, seededCounts, type SeedSummary } from '../../core/sandbox/seed-demo';
import { countFleet } from '../../../shared/model/fleet-counts';
import { countsLine } from '../counts-line';
import { settingsFromUrl } from '../connection-target';
import { openConsole } from '../open-console';
import type { CliContext } from '../cli-context';
import type { SandboxOptions } from './sandbox';
import { untilStopped } from './serve';
import { ct } from '../cli-messages';

async function seedInto(client: pg.Client, o: SandboxOptions, progress: (line: string) => void): Promise<SeedSummary> {
  const { rowCount } = await client.query(`SELECT 1 FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' LIMIT 1`);
  if (rowCount)
    throw new AppError(
      'VALIDATION_FAILED',
      'This database already holds tenant schemas; the demo fleet is seeded into an empty database only.',
      'Create a new database for the demo.',
    );
  return seedDemo(client, {
    tenants: o.tenants,
    studentsPerTenant: o.students,
    projectDir: sampleProjectDir(),
    onProgress: (done, total, current) => progress(`[${done}/${total}] ${current}`),
  });
}

async function ensureSandboxProfile(core: Core, port: number, archive?: ArchiveSettings): Promise<string> {
  const settings = {
    ...(archive ? { pgbackrestConfig: archive.config, pgbackrestStanza: archive.stanza } : {}),
    environment: 'local' as const,
    host: '127.0.0.1',
    port,
    database: SANDBOX_DATABASE,
    user: 'postgres',
    sslmode: 'disable' as const,
    projectDir: sampleProjectDir(),
  };
  const existing = core.profiles.findByName('sandbox');
  if (existing) return (await core.profiles.update(existing.id, settings)).id;
  return (
    await core.profiles.add({
      name: 'sandbox',
      ...settings,
      readOnly: false,
      registry: 'auto',
      keepAsideAfterRestore: false,
    })
  ).id;
}

/** `tenantry sandbox`: loaded only when the command runs (pg, the embedded cluster, the server). */
export async function runSandbox(ctx: CliContext, o: SandboxOptions): Promise<void> {
  const { core, out, opts, call } = ctx;
  if (o.sample !== undefined && !['demo', 'domains'].includes(o.sample))
    throw new AppError('VALIDATION_FAILED', `Unknown sample "${o.sample}".`, 'Use --sample demo or --sample domains.', {
      field: 'sample',
    });
  if (o.seedOnly && o.sample === 'domains') {
    if (!opts.url)
      throw new AppError(
        'VALIDATION_FAILED',
        '--seed-only needs --url.',
        'tenantry sandbox --seed-only --sample domains --url postgres://user@host:port/db',
      );
    const profile = await ctx.target();
    const { run, seeded } = await (await import('./sandbox-domains')).migrateAndSeedDomains(ctx, profile.id);
    out.result({ schemas: run.results.map((r) => r.schema), seeded }, () =>
      ct('sandbox.domains', { database: profile.database, seeded }),
    );
    return;
  }
  if (o.seedOnly) {
    if (!opts.url)
      throw new AppError(
        'VALIDATION_FAILED',
        '--seed-only needs --url.',
        'tenantry sandbox --seed-only --url postgres://user@host:port/db',
      );
    const { settings, password } = settingsFromUrl(opts.url);
    const client = new pg.Client({
      host: settings.host,
      port: settings.port,
      user: settings.user,
      database: settings.database,
      password: password ?? process.env.PGPASSWORD,
    });
    await client.connect();
    try {
      const summary = await seedInto(client, o, (l) => out.progress(l));
      out.result(summary, () =>
        ct('sandbox.seeded', {
          count: summary.tenants,
          database: settings.database,
          counts: countsLine(seededCounts(summary)),
        }),
      );
    } finally {
      await client.end();
    }
    return;
  }

  const clusterDir = sandboxClusterDir(core.dataDir);
  out.progress(ct('sandbox.starting', { dir: clusterDir }));
  const archive = o.pitr ? await prepareSandboxArchive(clusterDir, (await freePort(o.pgPort)).port) : undefined;
  const cluster = await startEmbeddedCluster({
    dataDir: clusterDir,
    port: archive ? archive.port : o.pgPort,
    settings: archive?.serverSettings,
  });
  if (cluster.portNote) out.warn(cluster.portNote);
  try {
    await trustLocalPostgresUser(clusterDir, cluster.port);
    const { needsSeed } = await prepareSandboxDatabase(cluster.port, { reset: o.reset });
    const client = new pg.Client({
      host: '127.0.0.1',
      port: cluster.port,
      user: 'postgres',
      database: SANDBOX_DATABASE,
    });
    await client.connect();
    try {
      if (needsSeed) {
        out.progress(ct('sandbox.seeding', { count: o.tenants }));
        await seedInto(client, o, (l) => out.progress(l));
        await markSandboxSeeded(client);
      }
    } finally {
      await client.end();
    }
    if (archive) await ensureSandboxBackup(archive, (l) => out.progress(l));
    const demoProfileId = await ensureSandboxProfile(core, cluster.port, archive?.settings);
    const profileId =
      o.sample === 'domains'
        ? await (await import('./sandbox-domains')).prepareDomainsSandbox(ctx, cluster.port, demoProfileId)
        : demoProfileId;
    const listed = await call('tenants.list', { profileId: demoProfileId }).catch(() => undefined);
    const counts = listed ? countFleet(listed.tenants) : undefined;
    const tenantCount = counts?.registered;
    const { server, done } = await openConsole({ core, out, profileId, browser: Boolean(o.browser), port: o.port });
    const info = {
      url: server?.url,
      pgPort: cluster.port,
      database: SANDBOX_DATABASE,
      clusterDir,
      tenants: tenantCount,
      counts,
      profile: 'sandbox',
      project: path.relative(process.cwd(), sampleProjectDir()),
    };
    out.result(info, () =>
      [
        ct('sandbox.ready', {
          port: cluster.port,
          database: SANDBOX_DATABASE,
          counts: counts ? countsLine(counts) : '?',
        }),
        server ? ct('serve.url', { url: server.url }) : ct('serve.window'),
        ct('serve.stop'),
      ].join('\n'),
    );
    await Promise.race([done, untilStopped()]);
    await server?.close();
  } finally {
    await cluster.stop();
  }
}
