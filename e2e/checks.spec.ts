import { test, expect, snap } from './fixtures/console';
import { confirmReview } from './actions/review';

const CHECK = 'student_without_enrollment';

test.describe('verification reports', () => {
  test('runs the enrollment verification, sees the planted failure, previews and applies the fix, and the report turns green', async ({
    consolePage: page,
    fleet,
  }) => {
    const broken = fleet.seed.missingEnrollment;
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Verification' }).click();
    await expect(page.getByRole('heading', { name: 'Verification' })).toBeVisible();

    // Only the enrollment check: the demo fleet has other, unrelated findings (a tenant without tokens).
    await page.getByRole('group', { name: 'Checks to run' }).getByLabel(new RegExp(CHECK)).check();
    await page.getByTestId('run-checks').click();

    const summary = page.getByTestId('report-summary');
    await expect(summary).toHaveAttribute('data-passed', 'false');
    await expect(summary).toContainText('1 fail');
    const failing = page.getByTestId(`cell-${broken}-${CHECK}`);
    await expect(failing).toHaveAttribute('data-status', 'fail');
    await expect(failing).toHaveText('fail 1');
    for (const behind of fleet.seed.behind)
      await expect(page.getByTestId(`cell-${behind}-${CHECK}`)).toHaveAttribute('data-status', 'not_applicable');
    await snap(page, 'checks-report-failing');

    // Drill down: the Student without an Enrollment.
    await failing.click();
    const rows = page.getByRole('table', { name: 'Violating rows table' });
    await expect(rows).toContainText('Estudiante');
    await expect(rows.getByRole('row')).toHaveCount(2);

    // Filters: problems only leaves the failing tenant.
    await page.getByRole('group', { name: 'Filter results' }).getByRole('button', { name: 'problems' }).click();
    await expect(page.getByRole('table', { name: 'Verification results' }).locator('tbody tr')).toHaveCount(1);
    await snap(page, 'checks-drilldown');

    // Preview (rolled back), then apply.
    await page.getByRole('button', { name: 'Preview fix in every failing tenant' }).click();
    await expect(page.getByTestId('fix-preview-total')).toContainText('1 row in 1 tenant');
    await expect(page.getByTestId(`preview-${broken}`)).toContainText('1 row');
    await snap(page, 'checks-fix-preview');
    const before = await (
      await fleet.db.client()
    ).query(`SELECT count(*)::int AS n FROM "${broken}".clases_enrollment`);
    expect(before.rows[0].n).toBe(19);

    await page.getByRole('button', { name: 'Apply fix to 1 tenant' }).click();
    await confirmReview(page, /^Apply fix /, 'Apply the fix');
    await expect(page.getByTestId('fix-applied')).toContainText('the check now passes');
    await expect(summary).toHaveAttribute('data-passed', 'true');
    await expect(summary).toContainText('0 fail');
    await page.getByRole('group', { name: 'Filter results' }).getByRole('button', { name: 'all' }).click();
    await expect(page.getByTestId(`cell-${broken}-${CHECK}`)).toHaveAttribute('data-status', 'pass');
    await expect(page.getByTestId('comparison')).toContainText('1 better');
    await snap(page, 'checks-report-green');

    const after = await (await fleet.db.client()).query(`SELECT count(*)::int AS n FROM "${broken}".clases_enrollment`);
    expect(after.rows[0].n).toBe(20);
    const audit = await fleet.core.audit.readAll();
    expect(audit.some((l) => l.action === 'checks.fix' && l.target === broken && l.result === 'ok')).toBe(true);

    // The history keeps both runs; export works as a download.
    await expect(page.getByRole('region', { name: 'History' }).getByRole('button')).toHaveCount(2);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export HTML' }).click();
    expect((await download).suggestedFilename()).toMatch(/^verify-\d{8}T\d{6}Z-[0-9a-f]{6}\.html$/);
  });
});
