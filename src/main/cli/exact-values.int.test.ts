import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../shared/model/checks';
import type { CrossQueryResult } from '../../shared/model/tenants';
import { runCli } from '../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../test/pg-harness';

/** Above 2^53: a JS double would read it as 9007199254740992. */
const BIG = '9007199254740993';
/** 30 significant digits: a double keeps about 17. */
const EXACT = '123456789012345678901234567890.123456';
const FORMULA = '=HYPERLINK("http://evil.example","x")';

let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
let project: string;
const cli = (args: string[]) =>
  runCli(['--url', db.url, '--registry', 'pattern:tenant_*', '--project', project, ...args], { home: home.dir });

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  db = await createTestDatabase('tenantry_exact');
  home = tempHome();
  const c = await db.client();
  for (const s of ['tenant_a', 'tenant_b']) {
    await c.query(`CREATE SCHEMA ${s}; CREATE TABLE ${s}.vals (id int, big int8, exact numeric, label text)`);
    await c.query(
      `INSERT INTO ${s}.vals VALUES (1, $1, $2, $3), (2, -$1::int8, -$2::numeric, '-2+3+cmd|'' /C calc''!A0')`,
      [BIG, EXACT, FORMULA],
    );
  }
  project = mkdtempSync(path.join(tmpdir(), 'tenantry-exact-project-'));
  mkdirSync(path.join(project, 'migrations', 'tenant'), { recursive: true });
  mkdirSync(path.join(project, 'checks'));
  writeFileSync(path.join(project, 'tenantry.yaml'), 'registry: pattern:tenant_*\n');
  writeFileSync(
    path.join(project, 'checks', 'big_values.sql'),
    '-- description: rows with huge numbers\n-- severity: warning\nSELECT id, big, exact, label FROM vals ORDER BY id\n',
  );
}, 120_000);
afterAll(async () => {
  await db.drop();
  home.cleanup();
  rmSync(project, { recursive: true, force: true });
});

describe('int8 and numeric keep their exact digits', () => {
  it('in cross-tenant query JSON', () => {
    const run = cli([
      'query',
      'SELECT big, exact, big + 0 AS sum, count(*) OVER () AS n FROM vals WHERE id = 1',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const result = run.json<CrossQueryResult>().data;
    expect(result.rows).toHaveLength(2);
    for (const row of result.rows) expect(row.slice(1)).toEqual([BIG, EXACT, BIG, '1']);
    // The document itself carries the digits, not a rounded number.
    expect(run.stdout).toContain(`"${BIG}"`);
    expect(run.stdout).not.toContain('9007199254740992');
  });

  it('in cross-tenant query CSV (stdout and --out), with formula cells neutralised', () => {
    const out = path.join(home.dir, 'query.csv');
    const run = cli([
      'query',
      'SELECT big, exact, label FROM vals ORDER BY id',
      '--tenants',
      'tenant_a',
      '--csv',
      '--out',
      out,
    ]);
    expect(run.code).toBe(0);
    const expected = [
      'tenant,big,exact,label',
      `tenant_a,${BIG},${EXACT},"'=HYPERLINK(""http://evil.example"",""x"")"`,
      `tenant_a,-${BIG},-${EXACT},'-2+3+cmd|' /C calc'!A0`,
      '',
    ].join('\r\n');
    expect(run.stdout).toBe(expected);
    expect(readFileSync(out, 'utf8')).toBe(expected);
  });

  it('in check rows (verify --json) and the check export (verify --format csv)', () => {
    const run = cli(['verify', 'big_values', '--json']);
    expect(run.code).toBe(0);
    const report = run.json<CheckReport>().data;
    expect(report.results).toHaveLength(2);
    for (const r of report.results) {
      expect(r.count).toBe(2);
      expect(r.rows[0]).toMatchObject({ big: BIG, exact: EXACT, label: FORMULA });
      expect(r.rows[1]).toMatchObject({ big: `-${BIG}`, exact: `-${EXACT}` });
    }
    const csv = cli(['verify', 'big_values', '--format', 'csv']);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe('run,tenant,check,severity,status,count,reason,error_code,error,first_row');
    expect(lines[1]).toContain(`""big"":""${BIG}"",""exact"":""${EXACT}""`);
  });
});
