import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../shared/model/checks';
import { runCli } from '../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../test/pg-harness';

let db: TestDatabase;
let other: TestDatabase;
let home: ReturnType<typeof tempHome>;
let project: string;
let client: pg.Client;
const cli = (args: string[]) =>
  runCli(['--url', db.url, '--registry', 'pattern:tenant_*', '--project', project, ...args], { home: home.dir });
const labels = async () => (await client.query(`SELECT label FROM tenant_a.vals ORDER BY id`)).rows.map((r) => r.label);

function write(rel: string, text: string): string {
  const file = path.join(project, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  db = await createTestDatabase('tenantry_bad_input');
  other = await createTestDatabase('tenantry_bad_input_other');
  home = tempHome();
  client = await db.client();
  for (const s of ['tenant_a', 'tenant_b']) {
    await client.query(
      `CREATE SCHEMA ${s}; CREATE TABLE ${s}.vals (id int8, label text, at timestamptz DEFAULT now()); INSERT INTO ${s}.vals (id, label) VALUES (1, 'one'), (2, 'two')`,
    );
  }
  project = mkdtempSync(path.join(tmpdir(), 'tenantry-bad-input-'));
  mkdirSync(path.join(project, 'migrations', 'tenant'), { recursive: true });
  write('tenantry.yaml', 'registry: pattern:tenant_*\n');
  write(
    'checks/rows_above.sql',
    '-- severity: warning\n-- param: minid bigint = 0\nSELECT id FROM vals WHERE id > :minid\n',
  );
  write(
    'checks/recent.sql',
    '-- severity: warning\n-- param: window interval = 1 day\nSELECT id FROM vals WHERE at < now() - :window\n',
  );
  write(
    'actions/relabel.sql',
    "-- description: relabel rows above an id\n-- param: minid integer = 0\nUPDATE vals SET label = 'changed' WHERE id > :minid\n",
  );
}, 120_000);
afterAll(async () => {
  await db.drop();
  await other.drop();
  home.cleanup();
  rmSync(project, { recursive: true, force: true });
});

describe('a value that fails its declared type: exit 2 PARAM_INVALID before any tenant, for checks and actions alike', () => {
  it('verify --param minid="0 OR 1=1"', () => {
    const bad = cli(['verify', 'rows_above', '--param', 'minid=0 OR 1=1', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.json()).toMatchObject({
      ok: false,
      error: { code: 'PARAM_INVALID', field: 'minid', hint: expect.stringMatching(/--param minid=/) },
    });
    expect(bad.stderr).toMatch(/error PARAM_INVALID/);
    const spanish = runCli(
      [
        '--url',
        db.url,
        '--registry',
        'pattern:tenant_*',
        '--project',
        project,
        'verify',
        'rows_above',
        '--param',
        'minid=0 OR 1=1',
      ],
      { home: home.dir, env: { LANG: 'es_AR.UTF-8' } },
    );
    expect(spanish.code).toBe(2);
    expect(spanish.stderr).toContain('no se ejecutó nada en ningún inquilino');
    const good = cli(['verify', 'rows_above', '--param', 'minid=1', '--json']);
    expect(good.code).toBe(0);
    expect(good.json<CheckReport>().data.results.map((r) => r.count)).toEqual([1, 1]);
  });

  it('action run --param minid="0 OR 1=1", and nothing changed', async () => {
    const bad = cli(['action', 'run', 'relabel', '--param', 'minid=0 OR 1=1', '--yes', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.json()).toMatchObject({ ok: false, error: { code: 'PARAM_INVALID', field: 'minid' } });
    expect(await labels()).toEqual(['one', 'two']);
  });

  it('a type the console does not know is cast by the server itself, before any tenant', () => {
    const bad = cli(['verify', 'recent', '--param', 'window=soon', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.json()).toMatchObject({
      ok: false,
      error: { code: 'PARAM_INVALID', field: 'window', message: expect.stringMatching(/interval/) },
    });
    expect(cli(['verify', 'recent', '--param', 'window=2 hours', '--json']).code).toBe(0);
  });
});

describe('runbooks: bombs, giants and dangling names are refused at load (exit 2)', () => {
  const runbook = (steps: string) => `title: T\nenvironments: [local]\nsteps:\n${steps}`;

  it('a YAML alias bomb is RUNBOOK_TOO_LARGE, not INTERNAL', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const file = write('bomb.yaml', `${levels.join('\n')}\n${runbook('  - { id: m, kind: manual, title: M }\n')}`);
    const run = cli(['checklist', 'run', file, '--json']);
    expect(run.code).toBe(2);
    expect(run.json()).toMatchObject({
      ok: false,
      error: { code: 'RUNBOOK_TOO_LARGE', message: expect.stringMatching(/alias/i) },
    });
  });

  it('an oversized runbook is RUNBOOK_TOO_LARGE before it is parsed', () => {
    const file = write(
      'huge.yaml',
      `${runbook('  - { id: m, kind: manual, title: M }\n')}# ${'x'.repeat(600 * 1024)}\n`,
    );
    const run = cli(['checklist', 'run', file, '--json']);
    expect(run.code).toBe(2);
    expect(run.json()).toMatchObject({
      ok: false,
      error: { code: 'RUNBOOK_TOO_LARGE', message: expect.stringMatching(/KB/) },
    });
  });

  it('a runbook naming a check the project lacks is RUNBOOK_INVALID with file:line, before any step runs', () => {
    write(
      'runbooks/verify-all.yaml',
      runbook(
        '  - { id: m, kind: manual, title: M }\n  - id: c\n    kind: check\n    title: C\n    checks: [rows_above, no_such_check]\n',
      ),
    );
    const run = cli(['checklist', 'run', 'verify-all', '--json']);
    expect(run.code).toBe(2);
    expect(run.json()).toMatchObject({
      ok: false,
      error: { code: 'RUNBOOK_INVALID', message: expect.stringMatching(/verify-all\.yaml:8:\d+: .*no_such_check/) },
    });
    expect(runCli(['checklist', 'runs', '--json'], { home: home.dir }).json<unknown[]>().data).toEqual([]);
    write('runbooks/rolls-back.yaml', `rollback: nowhere\n${runbook('  - { id: m, kind: manual, title: M }\n')}`);
    expect(cli(['checklist', 'run', 'rolls-back', '--json']).json()).toMatchObject({
      ok: false,
      error: { code: 'RUNBOOK_INVALID', message: expect.stringMatching(/nowhere/) },
    });
  });
});

describe('monitor --terminate acts only on sessions of the profile database', () => {
  it('refuses (exit 3) a session of another database on the same server, which keeps running', async () => {
    const foreign = await other.client();
    const pid = (await foreign.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const run = cli(['monitor', '--terminate', String(pid), '--yes', '--json']);
    expect(run.code).toBe(3);
    expect(run.json()).toMatchObject({
      ok: false,
      error: { code: 'SESSION_NOT_IN_DATABASE', message: expect.stringContaining(other.name) },
    });
    expect((await foreign.query('SELECT 1 AS ok')).rows[0].ok).toBe(1);

    const own = await db.client();
    own.on('error', () => undefined);
    const ownPid = (await own.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const ended = cli(['monitor', '--terminate', String(ownPid), '--yes', '--json']);
    expect(ended.code).toBe(0);
    await expect(own.query('SELECT 1')).rejects.toThrow();
  });
});
