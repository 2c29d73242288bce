import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BaselineResult, BaselineUndoResult } from '../../../shared/model/fleet';
import { fleetFixture, type FleetFixture } from './fleet-fixture.test-helper';

let f: FleetFixture;
/** Tenants planted to lack an object (besides the two the demo seeds behind, at 0004 and 0005). */
let noIndex: string;
let noTable: string;

async function ledgerTables(): Promise<string[]> {
  const { rows } = await f.sql.query(
    `SELECT table_schema AS s FROM information_schema.tables WHERE table_name = 'tenantry_migrations' AND table_schema LIKE 'tenant%' ORDER BY 1`,
  );
  return rows.map((r: { s: string }) => r.s);
}

async function ledger(schema: string): Promise<{ name: string; state: string }[]> {
  return (await f.sql.query(`SELECT name, state FROM "${schema}".tenantry_migrations ORDER BY name`)).rows;
}

beforeAll(async () => {
  f = await fleetFixture(200, { students: 3, prefix: 'tenantry_baseline' });
  // A fleet built without any ledger: drop every tenantry_migrations table.
  const { rows } = await f.sql.query(
    `SELECT string_agg(format('DROP TABLE %I.tenantry_migrations', table_schema), '; ') AS s FROM information_schema.tables WHERE table_name = 'tenantry_migrations'`,
  );
  await f.sql.query(rows[0].s);
  noIndex = f.seed.schemas[10];
  noTable = f.seed.schemas[20];
  await f.sql.query(
    `DROP INDEX "${noIndex}".evaluations_student_group_id_idx; DROP TABLE "${noTable}".clases_enrollment`,
  );
}, 180_000);

afterAll(async () => {
  await f?.close();
});

describe('baseline --to 0006 on a fleet without ledgers', () => {
  let result: BaselineResult;

  it('baselines the tenants whose structure proves it and refuses the others, listing what they lack', async () => {
    const started = Date.now();
    result = await f.data<BaselineResult>('fleet.baseline', { to: '0006' });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(result.reference.kind).toBe('scratch');
    expect(result.migrations).toEqual([
      '0001_group',
      '0002_student',
      '0003_student_group_index',
      '0004_enrollment',
      '0005_copy_students_to_enrollments',
      '0006_enrollment_is_active',
    ]);
    const refused = Object.fromEntries(result.refused.map((r) => [r.tenant, r.lacking]));
    expect(Object.keys(refused).sort()).toEqual([noIndex, noTable, ...f.seed.behind].sort());
    expect(refused[noIndex]).toEqual([
      'missing index `evaluations_student_group_id_idx` on `evaluations_student(group_id)`',
    ]);
    expect(refused[noTable]).toEqual(['missing table `clases_enrollment`']);
    const at0005 = f.seed.behind[0];
    expect(refused[at0005]).toEqual([
      'missing column `is_active` on `clases_enrollment` (`boolean` NOT NULL DEFAULT true)',
    ]);
    expect(result.failed).toEqual([]);
    expect(result.baselined).toHaveLength(200 - 4);
    expect(result.baselined.every((b) => b.recorded.length === 6 && b.alreadyRecorded.length === 0)).toBe(true);
  });

  it('wrote baselined rows only in proven tenants, and dropped its scratch schema', async () => {
    const withLedger = await ledgerTables();
    expect(withLedger).not.toContain(noIndex);
    expect(withLedger).not.toContain(noTable);
    expect(withLedger).toHaveLength(196);
    const proven = f.seed.schemas[0];
    expect((await ledger(proven)).map((r) => r.state)).toEqual(Array(6).fill('baselined'));
    const { rows } = await f.sql.query(
      `SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'tenantry\\_tmp\\_%'`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('counts baselined rows as applied in the migration status', async () => {
    const status = await f.data<{ tenants: { schema: string; pending: string[] }[] }>('migrations.status', {});
    expect(status.tenants.find((t) => t.schema === f.seed.schemas[0])!.pending).toEqual([]);
    expect(status.tenants.find((t) => t.schema === noIndex)!.pending).toHaveLength(6);
  });

  it('is idempotent: a second run records nothing new', async () => {
    const again = await f.data<BaselineResult>('fleet.baseline', {
      to: '0004',
      tenants: [f.seed.schemas[0], f.seed.schemas[1]],
    });
    expect(again.baselined.map((b) => b.recorded)).toEqual([[], []]);
    expect(again.baselined[0].alreadyRecorded).toHaveLength(4);
  });

  it('is audited', () => {
    const dir = path.join(f.home, 'audit');
    const lines = readdirSync(dir)
      .filter((n) => n.endsWith('.jsonl'))
      .flatMap((n) => readFileSync(path.join(dir, n), 'utf8').trim().split('\n'))
      .map((l) => JSON.parse(l) as { action: string; result: string });
    expect(lines.filter((l) => l.action === 'fleet.baseline').map((l) => l.result)).toEqual([
      'intent',
      'ok',
      'intent',
      'ok',
    ]);
  });

  it('is undoable: --undo removes baselined rows in the chosen tenants only', async () => {
    const [a, b, c] = f.seed.schemas;
    const undo = await f.data<BaselineUndoResult>('fleet.baselineUndo', { tenants: [a, b] });
    expect(undo.removed.map((r) => r.tenant)).toEqual([a, b]);
    expect(undo.removed[0].names).toHaveLength(6);
    expect(await ledger(a)).toEqual([]);
    expect(await ledger(c)).toHaveLength(6);
  });
});

describe('baseline bad input', () => {
  it('refuses a baseline past the last file, recording nothing', async () => {
    const before = await ledgerTables();
    const err = await f.error('fleet.baseline', { to: '0007' });
    expect(err.code).toBe('BASELINE_REFUSED');
    expect(err.message).toContain('0006_enrollment_is_active');
    expect(await ledgerTables()).toEqual(before);
  });

  it('refuses an unknown tenant', async () => {
    expect((await f.error('fleet.baseline', { to: '0003', tenants: ['tenant_nobody'] })).code).toBe('TENANT_NOT_FOUND');
  });

  it('refuses a --reference schema that does not exist', async () => {
    expect(
      (await f.error('fleet.baseline', { to: '0003', tenants: [f.seed.schemas[5]], reference: 'tenant_not_there' }))
        .code,
    ).toBe('REFERENCE_NOT_FOUND');
  });

  it('falls back to --reference when the files cannot be applied to a scratch schema', async () => {
    f.addProjectFile('migrations/tenant/0007_needs_missing.sql', 'ALTER TABLE no_such_table ADD COLUMN x integer;\n');
    const t = f.seed.schemas[30];
    const result = await f.data<BaselineResult>('fleet.baseline', {
      to: '0007',
      tenants: [t],
      reference: f.seed.schemas[31],
    });
    expect(result.reference).toMatchObject({ kind: 'schema', schema: f.seed.schemas[31] });
    expect(result.reference.note).toContain('0007_needs_missing');
    expect(result.baselined[0].recorded).toEqual(['0007_needs_missing']);
    const majority = await f.data<BaselineResult>('fleet.baseline', { to: '0007', tenants: [f.seed.schemas[32]] });
    expect(majority.reference.kind).toBe('majority');
    expect(majority.baselined).toHaveLength(1);
  });
});
