import { sampleDomainsDir } from '../src/main/core/app-root';
import { createTestDatabase } from '../test/pg-harness';
import { expect, test } from './fixtures/console';

/**
 * A profile group in the browser: two databases (the demo fleet, and the domain-split sample on
 * an empty database) saved as one group, picked in the profile selector, and shown grouped by server.
 */
test('a saved profile group is picked in the selector and shows each server with its own status', async ({
  page,
  fleet,
}) => {
  const second = await createTestDatabase('tenantry_e2e_domains');
  try {
    await fleet.core.profiles.add({ ...second.settings, name: 'domains', projectDir: sampleDomainsDir() });
    await page.goto(fleet.server.url);
    await page.getByRole('button', { name: 'Profiles', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Profile groups' });
    await panel.getByLabel('Group name').fill('both-servers');
    await panel.getByLabel('sandbox').check();
    await panel.getByLabel('domains').check();
    await panel.getByRole('button', { name: 'Save group' }).click();
    await expect(panel.getByText('both-servers')).toBeVisible();

    await page.getByLabel('Active profile').selectOption({ label: 'Group: both-servers' });
    await expect(page.getByRole('heading', { name: 'Migration status of group both-servers' })).toBeVisible();
    const demo = page.getByRole('region', { name: 'Server sandbox' });
    const domains = page.getByRole('region', { name: 'Server domains' });
    await expect(demo).toContainText('tenants');
    await expect(
      domains.getByRole('row', { name: /auth\s+named schema\s+0001_accounts, 0002_password_resets/ }),
    ).toBeVisible();
    await expect(domains.getByRole('row', { name: /files\s+named schema/ })).toBeVisible();
    await expect(page.getByTestId('group-total')).toContainText('2 databases');

    await page.getByLabel('Active profile').selectOption({ label: 'sandbox (local)' });
    await expect(page.getByRole('heading', { name: 'Migration status of group both-servers' })).toBeHidden();
  } finally {
    await second.drop();
  }
});
