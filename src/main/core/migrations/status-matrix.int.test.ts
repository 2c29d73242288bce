import type { ClientBase } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationHistory, MigrationStatus } from '../../../shared/model/migrations';
import { countingLease } from '../../../../test/pg-harness';
import { migrationFleet, type MigrationFleet } from './fleet-fixture.test-helper';
import { readAllLedgers } from '../domain/ledger/ledger-read';

let fleet: MigrationFleet;
beforeAll(async () => {
  fleet = await migrationFleet(200, 2);
  const c = await fleet.db.client();
  const [drifted, ghost, gap, failed, django1, django2, django3] = fleet.seed.schemas;
  await c.query(`UPDATE "${drifted}".tenantry_migrations SET checksum = 'edited' WHERE name = '0002_student'`);
  await c.query(
    `INSERT INTO "${ghost}".tenantry_migrations (name, checksum, state) VALUES ('0099_ghost', 'x', 'applied')`,
  );
  await c.query(`DELETE FROM "${gap}".tenantry_migrations WHERE name = '0003_student_group_index'`);
  await c.query(
    `UPDATE "${failed}".tenantry_migrations SET state = 'failed', error = 'boom <&> "quoted"' WHERE name = '0006_enrollment_is_active'`,
  );
  for (const s of ['public', django1, django2, django3]) {
    await c.query(
      `CREATE TABLE "${s}".django_migrations (id serial PRIMARY KEY, app varchar(255) NOT NULL, name varchar(255) NOT NULL, applied timestamptz NOT NULL DEFAULT now())`,
    );
    await c.query(
      `INSERT INTO "${s}".django_migrations (app, name) VALUES ('clases', '0001_initial'), ('evaluations', '0001_initial')`,
    );
  }
  await c.query(`INSERT INTO "${django1}".django_migrations (app, name) VALUES ('clases', '0006_enrollment')`);
}, 180_000);
afterAll(async () => fleet?.close());

describe('status matrix at N=200', () => {
  it('reads every ledger in one statement', async () => {
    const c = await fleet.db.client();
    let queries = 0;
    const counting = {
      query: (text: string, values?: unknown[]) => {
        queries++;
        return c.query(text, values);
      },
    } as unknown as ClientBase;
    const ledgers = await readAllLedgers(counting);
    expect(queries).toBe(1);
    // 200 tenants + public + the orphan schema, each with a ledger.
    expect(ledgers.size).toBe(202);
  });

  it("reads past the server's lock budget in batches, with the same result", async () => {
    const c = await fleet.db.client();
    const whole = await readAllLedgers(c);
    const batched = await readAllLedgers(c, { batchSize: 50 });
    expect([...batched.keys()].sort()).toEqual([...whole.keys()].sort());
    expect(batched.get('public')).toEqual(whole.get('public'));
  });

  it('shares the read with a second session, with the same result', async () => {
    const c = await fleet.db.client();
    const second = countingLease(await fleet.db.client());
    const whole = await readAllLedgers(c);
    const shared = await readAllLedgers(c, { another: second.lease });
    expect([...shared.entries()]).toEqual([...whole.entries()]);
    expect(second.statements()).toBeGreaterThan(0);
    expect(second.released()).toBe(1);
  });

  it('reads alone when the server refuses a second session', async () => {
    const c = await fleet.db.client();
    const whole = await readAllLedgers(c);
    const alone = await readAllLedgers(c, {
      another: () => Promise.reject(new Error('sorry, too many clients already')),
      batchSize: 50,
    });
    expect([...alone.entries()]).toEqual([...whole.entries()]);
  });

  it('reports applied, pending, failed, drifted, missing file and out of order per tenant', async () => {
    const status = await fleet.call<MigrationStatus>('migrations.status', { profileId: fleet.profileId });
    const [drifted, ghost, gap, failed] = fleet.seed.schemas;
    const row = (s: string) => status.tenants.find((t) => t.schema === s)!;
    expect(status.migrations).toHaveLength(6);
    expect(status.tenants.filter((t) => !t.shared)).toHaveLength(201);
    expect(status.counts).toMatchObject({
      tenants: 201,
      behind: 4,
      failed: 1,
      drifted: 1,
      missingFile: 1,
      outOfOrder: 1,
      missing: 1,
    });
    expect(row(drifted).drifted).toEqual(['0002_student']);
    expect(row(ghost).missingFile).toEqual(['0099_ghost']);
    expect(row(gap)).toMatchObject({ pending: ['0003_student_group_index'], outOfOrder: ['0003_student_group_index'] });
    expect(row(failed)).toMatchObject({
      failed: ['0006_enrollment_is_active'],
      errors: { '0006_enrollment_is_active': 'boom <&> "quoted"' },
    });
    expect(row(fleet.seed.missingSchema).status).toBe('missing');
    expect(status.orphans).toEqual([fleet.seed.orphan]);
    expect(status.tenants[0]).toMatchObject({ schema: 'public', shared: true, applied: ['0001_plans'], pending: [] });
  });

  it('reads Django ledgers the same way: showmigrations for every schema at once', async () => {
    const status = await fleet.call<MigrationStatus>('migrations.status', { profileId: fleet.profileId });
    const [, , , , django1, django2] = fleet.seed.schemas;
    expect(status.django?.migrations).toEqual([
      'clases.0001_initial',
      'evaluations.0001_initial',
      'clases.0006_enrollment',
    ]);
    expect(status.django?.tenants).toHaveLength(4);
    expect(status.django?.tenants.find((t) => t.schema === django1)?.missing).toEqual([]);
    expect(status.django?.tenants.find((t) => t.schema === django2)?.missing).toEqual(['clases.0006_enrollment']);
  });

  it('gives history: durations per migration and the slowest tenants', async () => {
    const history = await fleet.call<MigrationHistory>('migrations.history', { profileId: fleet.profileId, limit: 50 });
    expect(history.migrations.map((m) => m.name).slice(0, 2)).toEqual(['0001_plans', '0001_group']);
    expect(history.migrations.find((m) => m.name === '0001_group')?.count).toBe(200);
    expect(history.slowestTenants.length).toBe(20);
    expect(history.recent).toHaveLength(50);
  });
});
