import { existsSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport, FixApply, FixPreview } from '../../../shared/model/checks';
import type { Profile } from '../../../shared/model/profile';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import { sampleProjectDir } from '../app-root';
import { createCore, type Core } from '../create-core';
import { seedDemo, type SeedSummary } from '../sandbox/seed-demo';
import { applyFix, previewFix } from './check-fix';
import { runChecks } from './check-runner';

let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
let core: Core;
let profile: Profile;
let sql: pg.Client;
let seed: SeedSummary;
/** Clean tenants at the latest migration where violations are planted. */
let plantA: string;
let plantB: string;

const ENROLLMENT = 'student_without_enrollment';

/** Every Enrollment of a schema; is_active read through jsonb since tenants behind lack the column. */
async function enrollments(
  schema: string,
): Promise<{ id: number; user_id: number; group_id: number; is_active: boolean | null }[]> {
  return (
    await sql.query(
      `SELECT id::int, user_id, group_id::int, (to_jsonb(e) -> 'is_active')::boolean AS is_active FROM "${schema}".clases_enrollment e ORDER BY id`,
    )
  ).rows;
}

function cells(report: CheckReport, check: string) {
  return report.results.filter((r) => r.check === check);
}

beforeAll(async () => {
  db = await createTestDatabase('tenantry_checks');
  home = tempHome();
  sql = await db.client();
  seed = await seedDemo(sql, { tenants: 8, studentsPerTenant: 20, projectDir: sampleProjectDir() });
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
  profile = await core.profiles.add({ ...db.settings, projectDir: sampleProjectDir() });
  const clean = seed.schemas.filter(
    (s) => s !== seed.missingEnrollment && s !== seed.suspended && !seed.behind.includes(s),
  );
  [plantA, plantB] = [clean[0], clean[1]];
  // Plant: two students of A lose their Enrollment; one Enrollment of B is deactivated; one tenant loses a token.
  await sql.query(
    `DELETE FROM "${plantA}".clases_enrollment e USING "${plantA}".evaluations_student s WHERE s.user_id = e.user_id AND s.id IN (3, 7)`,
  );
  await sql.query(`UPDATE "${plantB}".clases_enrollment SET is_active = false WHERE user_id = 1005`);
  await sql.query(`UPDATE public.customers_client SET ai_token = '' WHERE schema_name = $1`, [plantB]);
});

afterAll(async () => {
  await core?.close();
  await db?.drop();
  home?.cleanup();
});

describe('verification run on a demo fleet with planted violations', () => {
  let report: CheckReport;

  it('runs as a job and finds exactly the planted Students without an Enrollment', async () => {
    const started = await core.api.call('checks.run', { profileId: profile.id });
    expect(started.ok).toBe(true);
    const job = await core.jobs.wait((started as { ok: true; data: { jobId: string } }).data.jobId);
    expect(job.state).toBe('succeeded');
    report = job.result as CheckReport;

    const failing = cells(report, ENROLLMENT).filter((r) => r.status === 'fail');
    expect(failing.map((r) => r.tenant).sort()).toEqual([seed.missingEnrollment, plantA, plantB].sort());
    const a = failing.find((r) => r.tenant === plantA)!;
    expect(a.count).toBe(2);
    // bigint ids come back as exact text (never through a JS double).
    expect(a.rows.map((r) => r.student_id)).toEqual(['3', '7']);
    expect(a.columns).toEqual(['student_id', 'user_id', 'group_id', 'student']);
    expect(failing.find((r) => r.tenant === plantB)!.rows).toEqual([expect.objectContaining({ user_id: 1005 })]);
    expect(failing.find((r) => r.tenant === seed.missingEnrollment)!.count).toBe(1);
    expect(report.passed).toBe(false);
  });

  it('reports tenants behind on migrations as not applicable, not as failures', () => {
    for (const behind of seed.behind) {
      const cell = cells(report, ENROLLMENT).find((r) => r.tenant === behind)!;
      expect(cell.status).toBe('not_applicable');
      expect(cell.reason).toMatch(/^behind: at 000[45]/);
    }
  });

  it('covers every working tenant, skips the missing one, and keeps the shared checks in public', () => {
    expect(report.tenants.sort()).toEqual([...seed.schemas].sort());
    expect(report.skipped).toEqual([
      expect.objectContaining({ tenant: seed.missingSchema, reason: expect.stringMatching(/missing/) }),
    ]);
    expect(report.tenants).not.toContain(seed.orphan);
    const tokens = cells(report, 'tenant_without_tokens');
    expect(tokens).toHaveLength(1);
    // seedDemo registers the schema-less tenant without tokens; the planted one lost only its AI token.
    expect(tokens[0]).toMatchObject({
      tenant: 'public',
      status: 'fail',
      count: 2,
      rows: [
        expect.objectContaining({ tenant: seed.missingSchema, missing_ai_token: true, missing_cwu_token: true }),
        expect.objectContaining({ tenant: plantB, missing_ai_token: true, missing_cwu_token: false }),
      ],
    });
    expect(cells(report, 'registered_schema_missing')[0]).toMatchObject({
      status: 'fail',
      severity: 'warning',
      rows: [expect.objectContaining({ tenant: seed.missingSchema })],
    });
    expect(cells(report, 'public_not_migrated')[0].status).toBe('pass');
    expect(cells(report, 'user_without_profile').every((r) => r.status === 'not_applicable')).toBe(true);
  });

  it('flags the ratio only where it is outside the tolerance, and bound the tolerance as a parameter', async () => {
    const ratio = cells(report, 'enrollment_ratio')
      .filter((r) => r.status === 'fail')
      .map((r) => r.tenant);
    // 0004 has an empty Enrollment table (the copy 0005 never ran); A lost 2 of 20 (0.9).
    expect(ratio.sort()).toEqual([seed.behind.find((s) => s !== seed.behind[0])!, plantA].sort());
    const loose = await runChecks(core, profile, {
      checks: ['enrollment_ratio'],
      tenants: [plantA],
      params: { enrollment_ratio: { tolerance: '0.5' } },
      save: false,
    });
    expect(loose.results).toEqual([expect.objectContaining({ tenant: plantA, status: 'pass' })]);
  });

  it('saves the run in the history and lists it', async () => {
    expect(existsSync(path.join(home.dir, 'checks', `${report.id}.json`))).toBe(true);
    expect(report.id).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    const runs = await core.api.call('checks.runs', { profileId: profile.id });
    expect(runs.ok && (runs.data as { id: string }[]).map((r) => r.id)).toContain(report.id);
  });

  it('previews the fix (rolled back), applies it, and the check passes again; only the missing Enrollments are created', async () => {
    const before = new Map<string, Awaited<ReturnType<typeof enrollments>>>();
    for (const s of seed.schemas) before.set(s, await enrollments(s));

    const preview: FixPreview = await previewFix(core, profile, { check: ENROLLMENT });
    expect(preview.tenants.map((t) => [t.tenant, t.count]).sort()).toEqual(
      [
        [seed.missingEnrollment, 1],
        [plantA, 2],
        [plantB, 1],
      ].sort(),
    );
    expect(
      preview.tenants
        .find((t) => t.tenant === plantA)!
        .rows.map((r) => r.user_id)
        .sort(),
    ).toEqual([1003, 1007]);
    for (const s of seed.schemas) expect(await enrollments(s)).toEqual(before.get(s));

    const started = await core.api.call('checks.fixApply', {
      profileId: profile.id,
      check: ENROLLMENT,
      tenants: preview.tenants.map((t) => ({ tenant: t.tenant, expected: t.count })),
    });
    expect(started.ok).toBe(true);
    const job = await core.jobs.wait((started as { ok: true; data: { jobId: string } }).data.jobId);
    const applied = job.result as FixApply;
    expect(applied.allPassing).toBe(true);
    expect(applied.outcomes.every((o) => o.status === 'fixed' && o.recheck?.status === 'pass')).toBe(true);

    for (const s of seed.schemas) {
      const now = await enrollments(s);
      const old = before.get(s)!;
      const added = now.filter((e) => !old.some((o) => o.id === e.id));
      const changed = now.filter((e) => old.some((o) => o.id === e.id && o.is_active !== e.is_active));
      if (s === plantA) expect(added.map((e) => e.user_id).sort()).toEqual([1003, 1007]);
      else if (s === seed.missingEnrollment) expect(added).toHaveLength(1);
      else expect(added).toEqual([]);
      if (s === plantB) expect(changed).toEqual([expect.objectContaining({ user_id: 1005, is_active: true })]);
      else expect(changed).toEqual([]);
      expect(now.length).toBe(old.length + added.length);
    }
    const audit = await core.audit.readAll();
    expect(
      audit
        .filter((l) => l.action === 'checks.fix' && l.result === 'ok')
        .map((l) => l.target)
        .sort(),
    ).toEqual([seed.missingEnrollment, plantA, plantB].sort());
  });

  it('compares the next run with the previous one: the fixed tenants got better', async () => {
    const next = await runChecks(core, profile, { checks: [ENROLLMENT] });
    expect(cells(next, ENROLLMENT).filter((r) => r.status === 'fail')).toEqual([]);
    expect(next.passed).toBe(true);
    const cmp = await core.api.call('checks.compare', { id: next.id });
    expect(cmp.ok).toBe(true);
    const data = (cmp as { ok: true; data: { previousId: string; better: { tenant: string }[]; worse: unknown[] } })
      .data;
    expect(data.previousId).toBe(report.id);
    expect(data.better.map((b) => b.tenant).sort()).toEqual([seed.missingEnrollment, plantA, plantB].sort());
    expect(data.worse).toEqual([]);
  });

  it('refuses a fix that would touch more rows than the preview said (FIX_ROWS_MISMATCH), changing nothing', async () => {
    await sql.query(`DELETE FROM "${plantA}".clases_enrollment WHERE user_id = 1010`);
    const preview = await previewFix(core, profile, { check: ENROLLMENT, tenants: [plantA] });
    expect(preview.tenants).toEqual([expect.objectContaining({ tenant: plantA, count: 1 })]);
    await sql.query(`DELETE FROM "${plantA}".clases_enrollment WHERE user_id = 1011`);
    const before = await enrollments(plantA);
    const result = await applyFix(core, profile, { check: ENROLLMENT, tenants: [{ tenant: plantA, expected: 1 }] });
    expect(result.outcomes[0]).toMatchObject({ status: 'refused', changed: 0, error: { code: 'FIX_ROWS_MISMATCH' } });
    expect(result.allPassing).toBe(false);
    expect(await enrollments(plantA)).toEqual(before);
    const audit = await core.audit.readAll();
    expect(audit.at(-1)).toMatchObject({ action: 'checks.fix', target: plantA, result: 'refused' });
  });

  it('exports CSV, Markdown and a standalone HTML with database text escaped', async () => {
    await sql.query(
      `INSERT INTO "${plantA}".evaluations_student (user_id, name, group_id) VALUES (4242, '<script>alert("x")</script>', 1)`,
    );
    const run = await runChecks(core, profile, { checks: [ENROLLMENT], tenants: [plantA] });
    const html = await core.api.call('checks.export', { id: run.id, format: 'html' });
    const content = (html as { ok: true; data: { content: string; fileName: string } }).data;
    expect(content.fileName).toBe(`verify-${run.id}.html`);
    expect(content.content).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(content.content).not.toContain('<script>');
    const csv = (await core.api.call('checks.export', { id: run.id, format: 'csv' })) as {
      ok: true;
      data: { content: string };
    };
    expect(csv.data.content.split('\r\n')[0]).toBe(
      'run,tenant,check,severity,status,count,reason,error_code,error,first_row',
    );
    expect(csv.data.content).toContain(`${plantA},${ENROLLMENT},error,fail,3`);
    const md = (await core.api.call('checks.export', { id: run.id, format: 'md' })) as {
      ok: true;
      data: { content: string };
    };
    expect(md.data.content).toContain('**FAILED**');
    expect(md.data.content).toContain('&lt;script&gt;');
  });

  it('cancels a run', async () => {
    const started = (await core.api.call('checks.run', { profileId: profile.id, parallel: 1 })) as {
      ok: true;
      data: { jobId: string };
    };
    core.jobs.cancel(started.data.jobId);
    const job = await core.jobs.wait(started.data.jobId);
    expect(job.state).toBe('cancelled');
  });

  it('refuses to read a run id that is not one (RUN_NOT_FOUND)', async () => {
    const res = await core.api.call('checks.report', { id: '20990101T000000Z-abcdef' });
    expect(res).toMatchObject({ ok: false, error: { code: 'RUN_NOT_FOUND' } });
  });
});
