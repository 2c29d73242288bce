import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiffResult } from '../../../shared/model/fleet';
import { fleetFixture, type FleetFixture } from './fleet-fixture.test-helper';

let f: FleetFixture;
let extraIndex: string;
let changedType: string;

beforeAll(async () => {
  f = await fleetFixture(12, { prefix: 'tenantry_drift' });
  // The demo seeds two tenants behind; bring them up so that only the planted drifts remain.
  await f.job('migrations.apply', { tenants: f.seed.behind });
  extraIndex = f.seed.schemas[4];
  changedType = f.seed.schemas[7];
  await f.sql.query(`CREATE INDEX x_idx ON "${extraIndex}".evaluations_student (name)`);
  await f.sql.query(`ALTER TABLE "${changedType}".evaluations_student ALTER COLUMN user_id TYPE numeric`);
}, 120_000);

afterAll(async () => {
  await f?.close();
});

describe('diff', () => {
  it('finds the two planted drifts and nothing else', async () => {
    const d = await f.data<DiffResult>('fleet.diff', {});
    expect(d.referenceKind).toBe('majority');
    expect(d.tenants).toBe(12);
    expect(d.groups.map((g) => g.tenants.length)).toEqual([10, 1, 1]);
    expect(d.groups[0].tenants).not.toContain(extraIndex);
    expect(d.drifted.map((t) => [t.tenant, t.differences])).toEqual(
      [
        [extraIndex, ['extra index `x_idx` on `evaluations_student(name)`']],
        [changedType, ['column `user_id` on `evaluations_student` is `numeric` not `integer`']],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('offers SQL that brings a drifted tenant back, without running it', async () => {
    const d = await f.data<DiffResult>('fleet.diff', {});
    const byTenant = Object.fromEntries(d.drifted.map((t) => [t.tenant, t.fixSql]));
    expect(byTenant[extraIndex]).toContain('DROP INDEX "x_idx";');
    expect(byTenant[changedType]).toContain(
      'ALTER TABLE "evaluations_student" ALTER COLUMN "user_id" TYPE integer USING "user_id"::integer;',
    );
    // Offered, not run: the drift is still there.
    const { rows } = await f.sql.query(
      `SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = $1 AND indexname = 'x_idx'`,
      [extraIndex],
    );
    expect(rows[0].n).toBe(1);
    // And it works when a person runs it.
    await f.sql.query(byTenant[extraIndex]);
    await f.sql.query(byTenant[changedType]);
    const after = await f.data<DiffResult>('fleet.diff', {});
    expect(after.drifted).toEqual([]);
    expect(after.groups).toHaveLength(1);
  });

  it('compares against a named reference schema', async () => {
    await f.sql.query(
      'CREATE SCHEMA template_school; SET search_path TO template_school; CREATE TABLE clases_group (id bigserial PRIMARY KEY, name text NOT NULL); RESET search_path',
    );
    const d = await f.data<DiffResult>('fleet.diff', { reference: 'template_school' });
    expect(d.reference).toBe('template_school');
    expect(d.referenceKind).toBe('schema');
    expect(d.drifted).toHaveLength(12);
    const texts = d.drifted[0].differences;
    expect(texts).toContain('extra table `evaluations_student`');
    expect(texts).toContain(
      'extra column `created_at` on `clases_group` (`timestamp with time zone` NOT NULL DEFAULT now())',
    );
  });

  it('refuses a reference schema that does not exist (REFERENCE_NOT_FOUND)', async () => {
    const err = await f.error('fleet.diff', { reference: 'tenant_does_not_exist' });
    expect(err.code).toBe('REFERENCE_NOT_FOUND');
    expect(err.message).toContain('tenant_does_not_exist');
  });
});
