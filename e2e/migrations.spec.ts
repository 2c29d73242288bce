import { expect, snap, test } from './fixtures/console';
import { confirmReview } from './actions/review';

test.describe('migrations', () => {
  test('plan, dry run and apply the pending migrations to the demo fleet; the matrix turns green', async ({
    consolePage: page,
    fleet,
  }) => {
    await page.locator('.sidebar').getByRole('button', { name: 'Migrations' }).click();
    const matrix = page.getByLabel('Migration status matrix');
    await expect(page.locator('[data-filter=behind] .count')).toHaveText('2');
    await expect(matrix.locator('[data-state=behind]')).toHaveCount(2);
    for (const schema of fleet.seed.behind)
      await expect(matrix.locator(`[data-schema="${schema}"]`)).toHaveAttribute('data-state', 'behind');
    await expect(matrix.locator(`[data-schema="${fleet.seed.missingSchema}"]`)).toHaveAttribute(
      'data-state',
      'missing',
    );
    await expect(matrix.locator(`[data-schema="${fleet.seed.orphan}"]`)).toHaveCount(0);
    await snap(page, 'migrations-before');

    await page.locator('[data-filter=behind]').click();
    await expect(matrix.locator('.mx-row[data-state]')).toHaveCount(3); // public + the two behind

    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    const plan = page.getByLabel('Plan', { exact: true });
    await expect(plan).toContainText('2 schema(s) to migrate');
    await expect(plan).toContainText('0005_copy_students_to_enrollments');

    await page.getByRole('button', { name: 'Dry run' }).click();
    await confirmReview(page, 'Dry run of the migrations', 'Start the dry run');
    await expect(page.getByLabel('Run report')).toContainText('Dry run: 2/2 ok');
    await expect(page.locator('[data-filter=behind] .count')).toHaveText('2');

    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await confirmReview(page, 'Apply migrations', 'Apply');
    const bar = page.getByRole('progressbar', { name: 'migration progress' });
    await expect(bar).toBeVisible();
    await expect(page.getByLabel('Run report')).toContainText('Apply: 2/2 ok');
    await expect(bar).toHaveAttribute('aria-valuenow', '2');
    await expect(page.locator('[data-filter=behind] .count')).toHaveText('0');
    await expect(matrix).toContainText('No tenant matches this filter.');

    await page.locator('[data-filter=all]').click();
    await expect(matrix.locator('[data-state=behind]')).toHaveCount(0);
    for (const schema of fleet.seed.behind)
      await expect(matrix.locator(`[data-schema="${schema}"]`)).toHaveAttribute('data-state', 'ok');
    await expect(matrix.locator('.mx-row .mx-pending')).toHaveCount(0);
    await snap(page, 'migrations-applied');

    await page.getByRole('tab', { name: 'History' }).click();
    await expect(page.getByLabel('History')).toContainText('Slowest tenants');
    await expect(page.locator('.history .recharts-bar-rectangle').first()).toBeVisible();
    await snap(page, 'migrations-history');
  });
});
