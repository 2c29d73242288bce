import type pg from 'pg';
import { test, expect, snap } from './fixtures/console';

test.describe('monitor and audit log', () => {
  let sleeper: pg.Client | undefined;

  test.afterAll(async () => {
    await sleeper?.end().catch(() => undefined);
  });

  test('charts the demo fleet, sees a planted long query and cancels it; the audit log shows it and verifies', async ({
    consolePage: page,
    fleet,
  }) => {
    // A long query planted in another session, as a runaway report would be.
    sleeper = await fleet.db.client();
    sleeper.on('error', () => undefined);
    await sleeper.query(`SET application_name = 'e2e-runaway-report'`);
    const sleeping = sleeper.query('SELECT pg_sleep(120)').catch((e: { code?: string }) => e);

    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Monitor' }).click();
    await page.getByLabel('Query duration threshold (s)').fill('1');
    await expect(
      page.getByRole('figure', { name: 'Largest schemas chart' }).locator('svg.recharts-surface'),
    ).toBeVisible();
    await expect(
      page.getByRole('figure', { name: 'Connections chart' }).locator('.recharts-bar-rectangle').first(),
    ).toBeVisible();
    const sizes = page.getByRole('table', { name: 'Size per schema' });
    await expect(sizes.getByRole('row', { name: new RegExp(fleet.seed.schemas[0]) })).toBeVisible();
    await expect(sizes.getByRole('row', { name: new RegExp(fleet.seed.orphan) })).toContainText('orphan');

    const row = page.getByRole('row', { name: /e2e-runaway-report/ });
    await expect(row).toContainText('pg_sleep(120)');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('list', { name: 'Alerts' })).toContainText(/has run for \d+ s/);
    await expect(page.getByRole('heading', { name: /Monitor/ }).locator('.badge.alert')).toBeVisible();
    await snap(page, 'monitor-charts');

    await row.getByRole('button', { name: 'Cancel' }).click();
    const confirm = page.getByRole('dialog', { name: 'Confirm' });
    await expect(confirm).toContainText('Cancel the query of session');
    await confirm.getByRole('button', { name: 'Cancel query' }).click();
    await expect(page.getByText(/Cancel signal sent to session/)).toBeVisible();
    expect(((await sleeping) as { code?: string }).code).toBe('57014');
    await expect(page.getByRole('row', { name: /e2e-runaway-report/ })).toHaveCount(0);
    await page.getByRole('figure', { name: 'Largest schemas chart' }).scrollIntoViewIfNeeded();
    await snap(page, 'monitor-after-cancel');

    // The audit log: the cancel (intent and outcome) and a profile change, filterable, verified, exported.
    await fleet.core.api.call('profiles.update', { id: fleet.profileId, changes: { color: '#3366cc' } });
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Audit' }).click();
    const lines = page.getByRole('table', { name: 'Audit lines' });
    await expect(lines.getByRole('row', { name: /monitor\.cancelQuery.*ok/ })).toBeVisible();
    await expect(lines.getByRole('row', { name: /profiles\.update/ })).toBeVisible();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect(page.getByRole('status', { name: 'Verify result' })).toContainText('The chain verifies');
    await page.getByLabel('Action').fill('monitor.');
    await expect(lines.getByRole('row', { name: /profiles\.update/ })).toHaveCount(0);
    await lines.getByRole('row', { name: /monitor\.cancelQuery.*ok/ }).click();
    await expect(lines).toContainText('"pid"');
    await snap(page, 'audit-log');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tenantry-audit-.*\.csv$/);
  });
});
