// Cross-tenant query to CSV with exact values, whole process (start-up included), against psql's own
// COPY … TO STDOUT CSV over a hand-written UNION ALL of the same tenants.
//   node bench/query-export.mjs [--tenants 20] [--rows 20000] [--runs 3]
// Each tenant holds `rows` rows of (int8 above 2^53, a 30-digit numeric, text starting with '=');
// tenantry: `query "SELECT big, exact, label FROM vals" --csv` (int8/numeric as exact text, every cell
// through the one CSV writer, formulas neutralised); floor: one psql COPY of the UNION ALL.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { benchHome, flag, reporter, rounds, tenantry, timed } from './cli.lib.mjs';

const base = process.env.TENANTRY_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(flag('tenants', 20));
const ROWS = Number(flag('rows', 20000));
const RUNS = Number(flag('runs', 3));
const db = `tenantry_bench_export_${randomBytes(4).toString('hex')}`;
const url = Object.assign(new URL(base), { pathname: `/${db}` }).toString();
const home = benchHome();

async function sql(target, text) {
  const c = new pg.Client({ connectionString: target });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

const schemas = Array.from({ length: N }, (_, i) => `tenant_${String(i).padStart(4, '0')}`);
try {
  await sql(base, `CREATE DATABASE "${db}"`);
  for (const s of schemas) {
    await sql(
      url,
      `CREATE SCHEMA ${s}; CREATE TABLE ${s}.vals AS SELECT g::int8 AS id, (9007199254740993 + g)::int8 AS big, (123456789012345678901234567890.123456 + g)::numeric AS exact, '=HYPERLINK("x' || g || '")' AS label FROM generate_series(1, ${ROWS}) g`,
    );
  }
  const union = schemas.map((s) => `SELECT '${s}' AS tenant, big, exact, label FROM ${s}.vals`).join(' UNION ALL ');
  const r = reporter(`query --csv, ${N} tenants × ${ROWS} rows (int8 > 2^53, 30-digit numeric, formula text)`);
  const result = await rounds(RUNS, {
    floor: async () =>
      (await timed('psql', [url, '-X', '-q', '-c', `COPY (${union}) TO STDOUT WITH CSV HEADER`])).seconds,
    tenantry: async () => {
      const run = await tenantry(
        [
          '--url',
          url,
          '--registry',
          'pattern:tenant_*',
          'query',
          'SELECT big, exact, label FROM vals',
          '--csv',
          '--max-rows',
          String(N * ROWS),
        ],
        { env: { TENANTRY_HOME: home } },
      );
      if (!run.out.includes(`,9007199254740994,`)) throw new Error('the CSV lost the exact int8 digits');
      return run.seconds;
    },
    json: async () =>
      (
        await tenantry(
          [
            '--url',
            url,
            '--registry',
            'pattern:tenant_*',
            'query',
            'SELECT big, exact, label FROM vals',
            '--json',
            '--max-rows',
            String(N * ROWS),
          ],
          { env: { TENANTRY_HOME: home } },
        )
      ).seconds,
  });
  r.ratio(`${N * ROWS} rows to CSV`, result.tenantry.median, result.floor.median);
  r.ratio(`${N * ROWS} rows as JSON (no CSV)`, result.json.median, result.floor.median);
  r.end();
} finally {
  await sql(base, `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch(() => undefined);
  rmSync(home, { recursive: true, force: true });
}
