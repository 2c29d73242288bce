import { countRows } from '../src/main/core/backups/manifest';
import { expect, snap, test } from './fixtures/console';
import { confirmReview } from './actions/review';

test.describe('backups and the restore wizard', () => {
  test('backs up a tenant, breaks its data, and walks the wizard to restore it', async ({
    consolePage: page,
    fleet,
  }) => {
    const schema = fleet.seed.schemas[0];
    const client = await fleet.db.client();
    const before = (await countRows(client, [schema])).get(schema)!;
    expect(before.clases_enrollment).toBeGreaterThan(0);

    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Backups' }).click();
    await page.getByLabel('Tenant schema to back up').fill(schema);
    await page.getByRole('button', { name: 'Back up tenant' }).click();
    const row = page.locator('tr[data-backup]').filter({ hasText: schema }).first();
    await expect(row).toBeVisible();
    await row.getByRole('button', { name: 'Verify' }).click();
    await expect(row.getByText('verified')).toBeVisible();
    await snap(page, 'backups-catalog');

    // Break the tenant's data behind the console's back.
    await client.query(`DELETE FROM "${schema}".clases_enrollment`);
    await client.query(`DELETE FROM "${schema}".evaluations_student WHERE id % 2 = 0`);

    await row.getByRole('button', { name: 'Restore…' }).click();
    await expect(page.getByRole('heading', { name: 'Restore a backup' })).toBeVisible();
    await expect(page.locator('.wizard-steps [aria-current="step"]')).toHaveText('1 · Backup');
    await snap(page, 'restore-1-backup');
    await page.getByRole('button', { name: 'Next: target' }).click();
    await expect(page.getByText('The same tenant')).toBeVisible();
    await snap(page, 'restore-2-target');
    await page.getByRole('button', { name: 'Next: preflight' }).click();
    const enrollment = page.locator('.replaces tr').filter({ hasText: 'clases_enrollment' });
    await expect(enrollment).toContainText(String(before.clases_enrollment));
    await expect(enrollment.locator('td').nth(1)).toHaveText('0');
    await expect(page.locator('.checks li[data-status="fail"]')).toHaveCount(0);
    await snap(page, 'restore-3-preflight');
    await page.getByRole('button', { name: 'Restore now' }).click();
    await confirmReview(page, /^Restore /, 'Restore');
    await expect(page.locator('.restore-done')).toContainText('Row counts match the backup', { timeout: 60_000 });
    await snap(page, 'restore-4-done');

    expect((await countRows(client, [schema])).get(schema)).toEqual(before);
    const tmp = await client.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenantry\\_tmp\\_%'`);
    expect(tmp.rows).toEqual([]);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.locator('tr[data-backup]').filter({ hasText: 'before restore' })).toBeVisible();
  });
});
