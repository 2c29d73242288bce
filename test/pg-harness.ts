import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { ProfileSettings } from '../src/shared/model/profile';

/**
 * Integration tests run against a real PostgreSQL: TENANTRY_TEST_DATABASE_URL if set, else
 * 127.0.0.1:5432 as postgres (test/global-setup.ts starts the embedded one when neither answers).
 */
export function serverUrl(): string {
  return process.env.TENANTRY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface TestDatabase {
  name: string;
  url: string;
  settings: ProfileSettings;
  /** A client on the throw-away database (closed by drop()). */
  client(): Promise<pg.Client>;
  drop(): Promise<void>;
}

function adminClient(): pg.Client {
  return new pg.Client({ connectionString: serverUrl() });
}

/** A throw-away database for one test file; drop() removes it even with sessions still open. */
export async function createTestDatabase(prefix = 'tenantry_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = adminClient();
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const base = new URL(serverUrl());
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const clients: pg.Client[] = [];
  return {
    name,
    url: url.toString(),
    settings: {
      name: `test-${name}`,
      environment: 'local',
      host: base.hostname,
      port: Number(base.port || 5432),
      database: name,
      user: decodeURIComponent(base.username) || 'postgres',
      sslmode: 'disable',
      readOnly: false,
      registry: 'auto',
      keepAsideAfterRestore: false,
    },
    async client() {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      clients.push(c);
      return c;
    },
    async drop() {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      const a = adminClient();
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A fresh TENANTRY_HOME for a test file. */
export function tempHome(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tenantry-home-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `client` handed out as a pool's client would be (its `release` counted), counting the statements
 * it runs: the second session of a read shared by two sessions.
 */
export function countingLease(client: pg.Client): {
  lease: () => Promise<pg.PoolClient>;
  statements(): number;
  released(): number;
} {
  const query = client.query.bind(client) as (text: string, values?: unknown[]) => Promise<unknown>;
  let statements = 0;
  let released = 0;
  const leased = Object.assign(client, {
    query: (text: string, values?: unknown[]) => (statements++, query(text, values)),
    release: () => void released++,
  });
  return {
    lease: async () => leased as unknown as pg.PoolClient,
    statements: () => statements,
    released: () => released,
  };
}
