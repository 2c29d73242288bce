import { expect, snap, test } from './fixtures/console';
import { confirmReview } from './actions/review';

test.describe('migrations in waves', () => {
  test('a staged migration: a wave size of 0 is refused, then canary and waves run with the waves visible as they go', async ({
    consolePage: page,
    fleet,
  }) => {
    await page.locator('.sidebar').getByRole('button', { name: 'Migrations' }).click();
    await expect(page.locator('[data-filter=behind] .count')).toHaveText('2');
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await expect(page.getByLabel('Plan', { exact: true })).toContainText('2 schema(s) to migrate');

    const controls = page.getByLabel('Staged rollout');
    await controls.getByLabel('Wave size').fill('0');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const review = page.getByRole('dialog', { name: 'Apply migrations' });
    await review.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(review.locator('.error-box[data-code=PARAM_INVALID]')).toBeVisible();
    await review.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator('[data-filter=behind] .count')).toHaveText('2');

    await controls.getByLabel('Canary').fill('1');
    await controls.getByLabel('Wave size').fill('3');
    await controls.getByLabel('Pause between').fill('1s');
    await controls.getByLabel('Max failures').fill('0');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Apply migrations' }).getByTestId('review-waves')).toContainText(
      'Wave size 3',
    );
    await confirmReview(page, 'Apply migrations', 'Apply');
    const live = page.getByLabel('Waves as they go');
    await expect(live).toContainText(/wave 1\/\d+ \(canary\)/);
    await expect(live).toContainText('pausing 1s');
    await snap(page, 'migrations-waves-running');

    const report = page.getByLabel('Waves', { exact: true });
    await expect(report).toBeVisible({ timeout: 30_000 });
    const rows = report.locator('tbody tr');
    await expect(rows.first()).toContainText('canary');
    expect(await rows.count()).toBeGreaterThanOrEqual(4);
    await expect(report.locator('[data-state=done]')).not.toHaveCount(0);
    await expect(report.locator('[data-state=failed], [data-state=stopped], [data-state=not-started]')).toHaveCount(0);
    await expect(page.getByLabel('Run report')).toContainText('Apply: 2/2 ok');
    await expect(page.locator('[data-filter=behind] .count')).toHaveText('0');
    for (const schema of fleet.seed.behind)
      await expect(page.getByLabel('Migration status matrix').locator(`[data-schema="${schema}"]`)).toHaveAttribute(
        'data-state',
        'ok',
      );
    await snap(page, 'migrations-waves-done');
  });
});
