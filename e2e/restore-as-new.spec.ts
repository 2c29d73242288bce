import { expect, test } from './fixtures/console';
import { confirmReview } from './actions/review';

test('a restore under a new name says the copy is not registered, and registers it after its review', async ({
  consolePage: page,
  fleet,
}) => {
  const schema = fleet.seed.schemas[0];
  const copy = 'tenant_restored_copy';
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Backups' }).click();
  await page.getByLabel('Tenant schema to back up').fill(schema);
  await page.getByRole('button', { name: 'Back up tenant' }).click();
  const row = page.locator('tr[data-backup]').filter({ hasText: schema }).first();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Restore…' }).click();
  await page.getByRole('button', { name: 'Next: target' }).click();
  await page.getByRole('radio', { name: 'A new tenant name (the live tenant is not touched)' }).check();
  await page.getByLabel('New schema name').fill(copy);
  await page.getByRole('button', { name: 'Next: preflight' }).click();
  await expect(page.locator('.checks li[data-status="fail"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Restore now' }).click();
  await confirmReview(page, /^Restore /, 'Restore');
  await expect(page.locator('.register-restored')).toContainText(`${copy} is not in the tenant registry yet`, {
    timeout: 60_000,
  });
  await page.getByRole('button', { name: 'Register it as a tenant…' }).click();
  await confirmReview(page, `Adopt orphan: ${copy}`, 'Adopt orphan');
  await expect(page.getByText('Adopted into the registry.')).toBeVisible();
  const list = (await fleet.core.api.call('tenants.list', { profileId: fleet.profileId })) as {
    ok: true;
    data: { tenants: { schema: string; status: string }[] };
  };
  expect(list.data.tenants.find((t) => t.schema === copy)?.status).toBe('active');
});
