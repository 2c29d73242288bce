import pg from 'pg';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Finds a PostgreSQL for the integration tests, or starts the embedded one for this run. */
export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.TENANTRY_TEST_DATABASE_URL) return;
  const local = new pg.Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: 'postgres',
    connectionTimeoutMillis: 3000,
  });
  try {
    await local.connect();
    await local.end();
    return;
  } catch {
    await local.end().catch(() => undefined);
  }
  const { startEmbeddedCluster, sandboxClusterDir } = await import('../src/main/core/sandbox/embedded-cluster');
  const { trustLocalPostgresUser } = await import('../src/main/core/sandbox/sandbox-database');
  const home = mkdtempSync(path.join(tmpdir(), 'tenantry-int-'));
  const dataDir = sandboxClusterDir(home);
  const cluster = await startEmbeddedCluster({ dataDir });
  await trustLocalPostgresUser(dataDir, cluster.port);
  process.env.TENANTRY_TEST_DATABASE_URL = `postgres://postgres@127.0.0.1:${cluster.port}/postgres`;
  return () => cluster.stop();
}
