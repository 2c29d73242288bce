import { promises as fs } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { quoteIdent } from '../db/identifiers';
import { SANDBOX_PASSWORD } from './embedded-cluster';

export const SANDBOX_DATABASE = 'tenantry_demo';
export const DEMO_ROLE = 'tenantry_demo';
export const DEMO_ROLE_PASSWORD = 'demo-password';

/**
 * The sandbox's own user connects from 127.0.0.1 without a password, so the CLI and the app need
 * no secret for it; the demo role keeps password authentication so a wrong password can be seen.
 */
export async function trustLocalPostgresUser(clusterDir: string, port: number): Promise<void> {
  const hba = path.join(clusterDir, 'pg_hba.conf');
  const text = await fs.readFile(hba, 'utf8');
  // The socket line is for pgBackRest (`sandbox --pitr`), which reaches the server only through its socket.
  const lines = ['host all postgres 127.0.0.1/32 trust', 'local all postgres trust'].filter((l) => !text.includes(l));
  if (!lines.length) return;
  await fs.writeFile(hba, `# tenantry sandbox\n${lines.join('\n')}\n${text}`);
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: SANDBOX_PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    await client.query('SELECT pg_reload_conf()');
  } finally {
    await client.end();
  }
}

const SEEDED_MARK = 'tenantry-sandbox:seeded';

/**
 * Makes sure the demo database exists and says whether it still needs seeding. A database whose
 * seeding never finished is dropped and created again, so a half-seeded fleet is never shown.
 */
export async function prepareSandboxDatabase(
  port: number,
  opts: { reset?: boolean } = {},
): Promise<{ needsSeed: boolean }> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [DEMO_ROLE]);
    if (!role.rowCount) {
      // A read-only demo login: what a cautious admin gives the console on production.
      await client.query(`CREATE ROLE ${quoteIdent(DEMO_ROLE)} LOGIN PASSWORD '${DEMO_ROLE_PASSWORD}'`);
      await client.query(`GRANT pg_read_all_data, pg_read_all_stats TO ${quoteIdent(DEMO_ROLE)}`);
    }
    const { rows } = await client.query<{ mark: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = $1`,
      [SANDBOX_DATABASE],
    );
    if (rows.length && rows[0].mark === SEEDED_MARK && !opts.reset) return { needsSeed: false };
    if (rows.length) await client.query(`DROP DATABASE ${quoteIdent(SANDBOX_DATABASE)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(SANDBOX_DATABASE)}`);
    return { needsSeed: true };
  } finally {
    await client.end();
  }
}

export async function markSandboxSeeded(client: pg.ClientBase): Promise<void> {
  await client.query(`COMMENT ON DATABASE ${quoteIdent(SANDBOX_DATABASE)} IS '${SEEDED_MARK}'`);
}
