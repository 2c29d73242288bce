import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/pg-harness';
import { sampleProjectDir } from '../app-root';
import { loadFleet } from '../domain/registry/fleet';
import { seedDemo, type SeedSummary } from './seed-demo';

let db: TestDatabase;
let summary: SeedSummary;

beforeAll(async () => {
  db = await createTestDatabase();
  summary = await seedDemo(await db.client(), { tenants: 8, studentsPerTenant: 30, projectDir: sampleProjectDir() });
});
afterAll(() => db.drop());

describe('the demo fleet', () => {
  it('has django-tenants registry tables, every reconciliation state and the shared public row', async () => {
    const fleet = await loadFleet(await db.client(), 'auto');
    expect(fleet.registry).toMatchObject({
      kind: 'django-tenants',
      source: 'public.customers_client',
      domainTable: 'public.customers_domain',
      tenantCount: 9,
    });
    const byStatus = (s: string) => fleet.tenants.filter((t) => !t.shared && t.status === s).map((t) => t.schema);
    expect(byStatus('missing')).toEqual([summary.missingSchema]);
    expect(byStatus('orphan')).toEqual([summary.orphan]);
    expect(byStatus('suspended')).toEqual([summary.suspended]);
    expect(byStatus('active')).toHaveLength(7);
    expect(fleet.tenants.find((t) => t.schema === 'public')).toMatchObject({ shared: true });
  });

  it('puts most tenants at the latest migration, two behind, and one Student without an Enrollment', async () => {
    const c = await db.client();
    const counts = await Promise.all(
      summary.schemas.map(async (s) => ({
        s,
        n: (await c.query(`SELECT count(*)::int AS n FROM "${s}".tenantry_migrations`)).rows[0].n as number,
      })),
    );
    expect(counts.filter((x) => x.n === 6)).toHaveLength(6);
    expect(
      counts
        .filter((x) => x.n < 6)
        .map((x) => x.s)
        .sort(),
    ).toEqual([...summary.behind].sort());
    const missing = await c.query(`SELECT count(*)::int AS n FROM "${summary.missingEnrollment}".evaluations_student s
      WHERE NOT EXISTS (SELECT 1 FROM "${summary.missingEnrollment}".clases_enrollment e WHERE e.user_id = s.user_id AND e.group_id = s.group_id)`);
    expect(missing.rows[0].n).toBe(1);
  });

  it('reads the same fleet through the pattern registry, without orphans', async () => {
    const fleet = await loadFleet(await db.client(), 'pattern:tenant_*');
    expect(fleet.tenants.map((t) => t.status)).not.toContain('orphan');
    expect(fleet.tenants).toHaveLength(9);
  });
});
