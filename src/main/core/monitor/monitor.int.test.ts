import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, serverUrl, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import type { Output } from '../../../shared/contract';
import type { Profile } from '../../../shared/model/profile';
import { sampleProjectDir } from '../app-root';
import { createCore, type Core } from '../create-core';
import { seedDemo } from '../sandbox/seed-demo';

type Snapshot = Output<'monitor.snapshot'>;

async function waitFor<T>(what: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('monitor on a real server', () => {
  let db: TestDatabase;
  let home: { dir: string; cleanup(): void };
  let core: Core;
  let profile: Profile;
  const planted: pg.Client[] = [];

  async function session(app: string): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: db.url, application_name: app });
    await c.connect();
    c.on('error', () => undefined);
    planted.push(c);
    return c;
  }

  async function snapshot(thresholds?: Record<string, number>): Promise<Snapshot> {
    const env = await core.api.call('monitor.snapshot', { profileId: profile.id, thresholds });
    if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
    return env.data as Snapshot;
  }

  beforeAll(async () => {
    db = await createTestDatabase('tenantry_monitor');
    home = tempHome();
    const client = await db.client();
    await seedDemo(client, { tenants: 4, studentsPerTenant: 20, projectDir: sampleProjectDir() });
    core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
    profile = await core.profiles.add({ ...db.settings, projectDir: sampleProjectDir() });
  });

  afterAll(async () => {
    await Promise.all(planted.map((c) => c.end().catch(() => undefined)));
    await core.close();
    await db.drop();
    home.cleanup();
  });

  it('shows sizes per tenant, largest first, and growth since the last look', async () => {
    const first = await snapshot();
    expect(first.sizes.length).toBeGreaterThan(4);
    const bytes = first.sizes.map((s) => s.bytes);
    expect([...bytes].sort((a, b) => b - a)).toEqual(bytes);
    expect(first.sizes.every((s) => s.growthBytes === null)).toBe(true);
    expect(first.previousAt).toBeNull();
    const tenant = first.sizes.find((s) => s.status === 'active' && s.tenant);
    expect(tenant).toBeDefined();
    expect(first.sizes.find((s) => s.schema === 'tenant_huerfano_sin_registro_0000')?.status).toBe('orphan');
    expect(existsSync(path.join(home.dir, 'monitor', `${profile.id}.json`))).toBe(true);

    const c = await db.client();
    await c.query(
      `CREATE TABLE "${tenant!.schema}".monitor_pad AS SELECT repeat(md5(g::text), 60) AS pad FROM generate_series(1, 400) g`,
    );
    const second = await snapshot();
    expect(second.previousAt).toBe(first.takenAt);
    expect(second.sizes.find((s) => s.schema === tenant!.schema)!.growthBytes).toBeGreaterThan(0);
    // The ledgers of every schema feed "recent migrations".
    expect(second.migrations.length).toBeGreaterThan(0);
    expect(new Set(second.migrations.map((m) => m.schema)).size).toBeGreaterThan(1);
  });

  it('sees a planted long query, alerts on it, and cancels it (audited)', async () => {
    const sleeper = await session('planted-sleeper');
    const sleeping = sleeper.query('SELECT pg_sleep(60)').catch((e: { code?: string }) => e);
    const found = await waitFor(async () =>
      (await snapshot()).longQueries.find((q) => q.application === 'planted-sleeper' && q.state === 'active'),
    );
    expect(found.query).toContain('pg_sleep(60)');
    await new Promise((r) => setTimeout(r, 1200));
    const withAlert = await snapshot({ querySeconds: 1 });
    expect(withAlert.alerts.some((a) => a.kind === 'long_query' && a.target === String(found.pid))).toBe(true);
    expect(withAlert.connections.byApplication.some((a) => a.key === 'planted-sleeper')).toBe(true);

    const refused = await core.api.call('monitor.cancelQuery', { profileId: profile.id, pid: found.pid });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('VALIDATION_FAILED');

    const cancelled = await core.api.call('monitor.cancelQuery', {
      profileId: profile.id,
      pid: found.pid,
      confirm: true,
    });
    expect(cancelled).toEqual({ ok: true, data: { pid: found.pid, action: 'cancel', signalled: true } });
    expect(((await sleeping) as { code?: string }).code).toBe('57014');

    const lines = await core.audit.readAll();
    const audited = lines.filter((l) => l.action === 'monitor.cancelQuery');
    expect(audited.map((l) => l.result)).toEqual(['intent', 'ok']);
    expect(audited[1].target).toBe(`pid ${found.pid}`);
  });

  it('refuses to cancel on production without the typed database name', async () => {
    const prod = await core.profiles.add({ ...db.settings, name: 'prod-copy', environment: 'production' });
    const env = await core.api.call('monitor.cancelQuery', { profileId: prod.id, pid: 1, confirm: true });
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.code).toBe('CONFIRMATION_REQUIRED');
    const last = (await core.audit.readAll()).at(-1)!;
    expect(last).toMatchObject({ action: 'monitor.cancelQuery', result: 'refused', environment: 'production' });
  });

  it('shows a planted lock as who-blocks-whom', async () => {
    const holder = await session('planted-holder');
    const waiter = await session('planted-waiter');
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE public.customers_client IN ACCESS EXCLUSIVE MODE');
    const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const waiterPid = (await waiter.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const waiting = waiter.query('SELECT count(*) FROM public.customers_client');
    try {
      // The registry table itself is locked: the monitor must still answer, not queue behind it.
      const seen = await waitFor(async () => {
        const s = await snapshot();
        return s.blocking.some((b) => b.blockedPid === waiterPid) ? s : undefined;
      });
      const edge = seen.blocking.find((b) => b.blockedPid === waiterPid)!;
      expect(edge.blockingPid).toBe(holderPid);
      expect(edge.blockingState).toBe('idle in transaction');
      expect(edge.blockedQuery).toContain('customers_client');
      expect(seen.limits.join(' ')).toMatch(/registry could not be read|Sizes are estimates/);
    } finally {
      await holder.query('ROLLBACK');
    }
    await waiting;
  });

  it('without pg_read_all_stats shows what it can and says what it cannot', async () => {
    const role = `tenantry_mon_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    try {
      const sleeper = await session('hidden-sleeper');
      const sleeping = sleeper.query('SELECT pg_sleep(30)').catch(() => undefined);
      await waitFor(async () => (await snapshot()).longQueries.find((q) => q.application === 'hidden-sleeper'));
      const weak = await core.profiles.add({ ...db.settings, name: 'weak', user: role });
      const env = await core.api.call('monitor.snapshot', { profileId: weak.id });
      if (!env.ok) throw new Error(env.error.message);
      const s = env.data as Snapshot;
      expect(s.sizes.length).toBeGreaterThan(0);
      expect(s.longQueries.some((q) => q.application === 'hidden-sleeper')).toBe(false);
      expect(s.connections.byState.some((x) => x.key === 'hidden')).toBe(true);
      expect(s.limits.join(' ')).toMatch(/pg_read_all_stats/);
      // Ledgers of schemas the role may not read are counted, not queried.
      expect(s.limits.join(' ')).toMatch(/ledger\(s\) are not readable/);
      const cancel = await core.api.call('monitor.cancelQuery', {
        profileId: weak.id,
        pid: (await snapshot()).longQueries.find((q) => q.application === 'hidden-sleeper')!.pid,
        confirm: true,
      });
      expect(cancel.ok).toBe(false);
      if (!cancel.ok) expect(cancel.error.code).toBe('INSUFFICIENT_PRIVILEGE');
      await core.pools.close(weak.id);
      await admin.query(
        `SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'hidden-sleeper'`,
      );
      await sleeping;
    } finally {
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`, [role]);
      await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      await admin.end();
    }
  });
});
