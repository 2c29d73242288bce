import { test, expect } from './fixtures/console';

const CHECK = 'student_without_enrollment';

test.use({ viewport: { width: 1440, height: 900 } });

test.describe('verification shows the answer at a glance', () => {
  test('every check at 1440×900: the failing check is in view without scrolling, problems hides passing rows and columns, the tenant column stays', async ({
    consolePage: page,
    fleet,
  }) => {
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Verification' }).click();
    await page.getByTestId('run-checks').click();
    await expect(page.getByTestId('report-summary')).toHaveAttribute('data-passed', 'false');

    const failing = page.getByTestId(`cell-${fleet.seed.missingEnrollment}-${CHECK}`);
    await expect(failing).toHaveAttribute('data-status', 'fail');
    await expect(failing).toBeInViewport();
    // Failing checks come first, so the column is the first check column.
    const matrix = page.getByRole('table', { name: 'Verification results' });
    await expect(matrix.locator('thead tr').first().locator('th').nth(1)).toHaveAttribute(
      'data-testid',
      /column-(student_without_enrollment|tenant_without_tokens)/,
    );

    // problems: only failing rows, and only checks with a problem among them.
    await page.getByRole('group', { name: 'Filter results' }).getByRole('button', { name: 'problems' }).click();
    const headers = matrix.locator('thead tr').first().locator('th');
    const shown = await headers.evaluateAll((ths) => ths.slice(1).map((th) => th.getAttribute('data-testid')));
    expect(shown).toContain(`column-${CHECK}`);
    // Checks that pass everywhere are gone (the informational one and the profile check find nothing here).
    expect(shown).not.toContain('column-enrollment_without_student');
    expect(shown).not.toContain('column-user_without_profile');
    expect(shown.length).toBeLessThan(7);
    for (const row of await matrix.locator('tbody tr').all()) {
      const statuses = await row
        .locator('[data-status]')
        .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-status')));
      expect(statuses.some((s) => s === 'fail' || s === 'error')).toBe(true);
    }
    for (const id of shown) {
      const check = id!.replace('column-', '');
      expect(
        await matrix
          .locator(`[data-testid$="-${check}"][data-status="fail"], [data-testid$="-${check}"][data-status="error"]`)
          .count(),
      ).toBeGreaterThan(0);
    }
    await expect(failing).toBeInViewport();

    // Back to all checks, scroll the matrix sideways: the tenant column stays at the left edge.
    await page.getByRole('group', { name: 'Filter results' }).getByRole('button', { name: 'all' }).click();
    const wrap = page.locator('.ck-matrix-wrap');
    const tenantCell = matrix.locator(`tbody tr[data-tenant="${fleet.seed.missingEnrollment}"] th`);
    const before = await tenantCell.boundingBox();
    await wrap.evaluate((el) => (el.scrollLeft = el.scrollWidth));
    await expect.poll(() => wrap.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    const after = await tenantCell.boundingBox();
    expect(after?.x).toBe(before?.x);
    await expect(tenantCell).toBeInViewport();

    // The detail pane opens only when there is something to show.
    await expect(page.locator('.ck-side')).toHaveCount(0);
    await failing.click();
    await expect(page.locator('.ck-side')).toBeVisible();
  });

  test('the enrollment report shows Students, Enrollments and ratio per tenant and the fleet total', async ({
    consolePage: page,
    fleet,
  }) => {
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Verification' }).click();
    await page
      .getByRole('group', { name: 'Checks to run' })
      .getByLabel(/enrollment_ratio/)
      .check();
    await page.getByTestId('run-checks').click();
    const table = page.getByTestId('metrics-enrollment_ratio');
    await expect(table).toBeVisible();
    await expect(table.locator('thead')).toContainText('Students');
    await expect(table.locator('thead')).toContainText('Enrollments');
    await expect(table.locator('thead')).toContainText('Ratio');

    const sql = await fleet.db.client();
    const schema = fleet.seed.missingEnrollment;
    const truth = (
      await sql.query(
        `SELECT (SELECT count(*) FROM "${schema}".evaluations_student WHERE user_id IS NOT NULL)::int AS s, (SELECT count(*) FROM "${schema}".clases_enrollment)::int AS e`,
      )
    ).rows[0];
    await expect(page.getByTestId(`metric-${schema}-students`)).toHaveText(String(truth.s));
    await expect(page.getByTestId(`metric-${schema}-enrollments`)).toHaveText(String(truth.e));
    await expect(page.getByTestId(`metric-${schema}-ratio`)).toHaveText(
      new Intl.NumberFormat('en', { maximumFractionDigits: 4 }).format(Number((truth.e / truth.s).toFixed(4))),
    );

    // Fleet total: sums over the tenants where the check ran, and the ratio of the sums.
    const counted = await table.locator('tbody tr').count();
    let s = 0;
    let e = 0;
    for (const tenant of await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-tenant')!))) {
      const r = (
        await sql.query(
          `SELECT (SELECT count(*) FROM "${tenant}".evaluations_student WHERE user_id IS NOT NULL)::int AS s, (SELECT count(*) FROM "${tenant}".clases_enrollment)::int AS e`,
        )
      ).rows[0];
      s += r.s;
      e += r.e;
    }
    await expect(page.getByTestId('metrics-total-enrollment_ratio')).toContainText(`Fleet total (${counted} tenants)`);
    await expect(page.getByTestId('metric-total-students')).toHaveText(new Intl.NumberFormat('en').format(s));
    await expect(page.getByTestId('metric-total-enrollments')).toHaveText(new Intl.NumberFormat('en').format(e));
    await expect(page.getByTestId('metric-total-ratio')).toHaveText(
      new Intl.NumberFormat('en', { maximumFractionDigits: 4 }).format(Number((e / s).toFixed(4))),
    );
  });
});
