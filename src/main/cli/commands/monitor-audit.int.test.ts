import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';

describe('tenantry monitor and tenantry audit (built CLI)', () => {
  let db: TestDatabase;
  let home: { dir: string; cleanup(): void };
  let sleeper: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase('tenantry_cli_monitor');
    home = tempHome();
    sleeper = new pg.Client({ connectionString: db.url, application_name: 'cli-sleeper' });
    await sleeper.connect();
    sleeper.on('error', () => undefined);
  });
  afterAll(async () => {
    await sleeper.end().catch(() => undefined);
    await db.drop();
    home.cleanup();
  });

  it('monitor --json prints one snapshot; an alert exits 1; cancel needs --yes and is audited', async () => {
    const ok = runCli(['monitor', '--url', db.url, '--json'], { home: home.dir });
    expect(ok.code).toBe(0);
    const data = ok.json<{ connections: { max: number }; sizes: unknown[]; alerts: unknown[] }>().data;
    expect(data.connections.max).toBeGreaterThan(0);
    expect(data.alerts).toEqual([]);

    const sleeping = sleeper.query('SELECT pg_sleep(60)').catch((e: { code?: string }) => e);
    await new Promise((r) => setTimeout(r, 1500));
    const alerted = runCli(['monitor', '--url', db.url, '--query-seconds', '1', '--json'], { home: home.dir });
    expect(alerted.code).toBe(1);
    const snap = alerted.json<{ longQueries: { pid: number; application: string }[]; alerts: { kind: string }[] }>()
      .data;
    expect(snap.alerts.map((a) => a.kind)).toContain('long_query');
    const pid = snap.longQueries.find((q) => q.application === 'cli-sleeper')!.pid;

    const unconfirmed = runCli(['monitor', '--url', db.url, '--cancel', String(pid)], { home: home.dir });
    expect(unconfirmed.code).toBe(3);
    expect(unconfirmed.stderr).toContain('error CONFIRMATION_REQUIRED');

    const cancelled = runCli(['monitor', '--url', db.url, '--cancel', String(pid), '--yes'], { home: home.dir });
    expect(cancelled.code).toBe(0);
    expect(((await sleeping) as { code?: string }).code).toBe('57014');

    const list = runCli(['audit', 'list', '--json'], { home: home.dir });
    expect(list.code).toBe(0);
    const lines = list.json<{ lines: { action: string; result: string; target: string }[] }>().data.lines;
    expect(lines[0]).toMatchObject({ action: 'monitor.cancelQuery', result: 'ok', target: `pid ${pid}` });
  });

  it('audit verify passes, then names the first edited line (the last line too); export writes CSV', () => {
    expect(runCli(['audit', 'verify'], { home: home.dir }).code).toBe(0);
    const file = path.join(home.dir, 'audit', `${new Date().toISOString().slice(0, 7)}.jsonl`);
    const original = readFileSync(file, 'utf8');
    const lines = original.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);

    writeFileSync(file, [lines[0].replace('"intent"', '"ok"'), ...lines.slice(1)].join('\n') + '\n');
    const first = runCli(['audit', 'verify', '--json'], { home: home.dir });
    expect(first.code).toBe(1);
    expect(first.json().error.code).toBe('AUDIT_TAMPERED');
    expect(first.json().error.message).toContain('line 1');

    writeFileSync(file, [...lines.slice(0, -1), lines.at(-1)!.replace('pid ', 'pid 9')].join('\n') + '\n');
    const last = runCli(['audit', 'verify'], { home: home.dir });
    expect(last.code).toBe(1);
    expect(last.stderr).toContain(`error AUDIT_TAMPERED`);
    expect(last.stderr).toContain(`line ${lines.length}`);

    writeFileSync(file, original);
    const out = path.join(home.dir, 'audit.csv');
    const exported = runCli(['audit', 'export', '--out', out], { home: home.dir });
    expect(exported.code).toBe(0);
    const csv = readFileSync(out, 'utf8').split('\r\n');
    expect(csv[0]).toBe('at,who,action,result,profile,environment,database,target,params,error,durationMs,hash');
    expect(csv.filter((l) => l.includes('monitor.cancelQuery')).length).toBe(
      lines.filter((l) => l.includes('monitor.cancelQuery')).length,
    );
  });
});
