import { test, expect, snap } from './fixtures/console';
import { confirmReview } from './actions/review';

test.describe('fleet operations', () => {
  test('the drift view groups the demo fleet and explains a planted drift, with SQL to bring it back', async ({
    consolePage: page,
    fleet,
  }) => {
    const drifted = fleet.seed.schemas[5];
    const sql = await fleet.db.client();
    await sql.query(`CREATE INDEX x_idx ON "${drifted}".evaluations_student (name)`);

    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Fleet' }).click();
    await expect(page.getByRole('heading', { name: 'Fleet' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Drift' })).toHaveAttribute('aria-selected', 'true');

    const table = page.getByTestId('drifted');
    const row = table.getByRole('row', { name: new RegExp(drifted) });
    await expect(row).toContainText('extra index `x_idx` on `evaluations_student(name)`');
    // The two tenants the demo seeds behind are drift too (they lack 0006's column); nothing else is.
    for (const behind of fleet.seed.behind)
      await expect(table.getByRole('row', { name: new RegExp(behind) })).toContainText('missing column `is_active`');
    await expect(table.locator('tbody tr')).toHaveCount(3);
    await expect(page.getByTestId('diff-summary')).toContainText('3 drifted');

    await row.getByRole('button', { name: drifted }).click();
    await expect(page.getByTestId('fix-sql')).toContainText('DROP INDEX "x_idx";');
    await snap(page, 'fleet-drift');

    // Offered, never run: the index is still there.
    const { rows } = await sql.query(
      `SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = $1 AND indexname = 'x_idx'`,
      [drifted],
    );
    expect(rows[0].n).toBe(1);
  });

  test('previews the token rotation in one tenant, then runs it; the privileges tab shows grants', async ({
    consolePage: page,
    fleet,
  }) => {
    const tenant = fleet.seed.schemas[0];
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Fleet' }).click();
    await page.getByRole('tab', { name: 'Actions' }).click();
    await page.getByLabel('Action', { exact: true }).selectOption('rotate_tokens');
    await page.getByLabel('Tenants').fill(tenant);
    await page.getByRole('button', { name: 'Preview' }).click();
    const report = page.getByTestId('action-report');
    await expect(report).toContainText('Preview (rolled back)');
    await expect(report).toContainText('previewed');
    await page.getByRole('button', { name: 'Run for real' }).click();
    await confirmReview(page, 'Run action rotate_tokens', 'Run for real');
    await expect(report).toContainText('1 done');
    await snap(page, 'fleet-action');

    await page.getByRole('tab', { name: 'Privileges' }).click();
    await expect(page.getByRole('table', { name: 'Grants by role and schema' })).toContainText(tenant);
    await snap(page, 'fleet-privileges');
  });
});
