import { expect, snap, test } from './fixtures/console';
import { confirmReview } from './actions/review';

test('rolls back the newest migration on one chosen tenant from the screen; the matrix shows it behind', async ({
  consolePage: page,
  fleet,
}) => {
  const victim = fleet.seed.schemas[0];
  await page.locator('.sidebar').getByRole('button', { name: 'Migrations' }).click();
  const matrix = page.getByLabel('Migration status matrix');
  await expect(matrix.locator(`[data-schema="${victim}"]`)).toHaveAttribute('data-state', 'ok');

  await page.getByRole('tab', { name: 'Roll back' }).click();
  await page.getByLabel('Migration to undo').selectOption('0006_enrollment_is_active');
  await page.getByRole('checkbox', { name: victim }).check();
  await page.getByRole('button', { name: 'Roll back 0006_enrollment_is_active on 1 tenant(s)' }).click();
  await confirmReview(page, 'Roll back 0006_enrollment_is_active', 'Roll back');
  await expect(page.getByLabel('Run report')).toContainText('1/1');
  await snap(page, 'migrations-rollback');

  await page.getByRole('tab', { name: 'Status matrix' }).click();
  await expect(matrix.locator(`[data-schema="${victim}"]`)).toHaveAttribute('data-state', 'behind');
  const c = await fleet.db.client();
  const cols = await c.query(
    `SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'clases_enrollment' AND column_name = 'is_active'`,
    [victim],
  );
  expect(cols.rowCount).toBe(0);
});
