import { sampleDomainsDir } from '../src/main/core/app-root';
import { createTestDatabase } from '../test/pg-harness';
import { expect, test } from './fixtures/console';

/** The Migrations screen on a database split by domain: each named schema is its own row under public, against its own files. */
test('the migrations matrix shows named schemas as their own rows, in apply order', async ({ page, fleet }) => {
  const domains = await createTestDatabase('tenantry_e2e_named');
  try {
    await fleet.core.profiles.add({ ...domains.settings, name: 'domains', projectDir: sampleDomainsDir() });
    await page.goto(fleet.server.url);
    await page.getByLabel('Active profile').selectOption({ label: 'domains (local)' });
    await page.getByRole('button', { name: 'Migrations', exact: true }).click();
    const matrix = page.getByRole('region', { name: /matrix/i });
    const named = matrix.locator('.mx-named');
    await expect(named).toHaveCount(8);
    await expect(named.first()).toHaveAttribute('data-schema', 'auth');
    await expect(named.last()).toHaveAttribute('data-schema', 'files');
    const auth = matrix.locator('[data-schema="auth"]');
    await expect(auth).toContainText('named schema');
    await expect(auth.getByRole('img')).toHaveCount(2);
    await expect(auth).toHaveAttribute('data-state', 'behind');
  } finally {
    await domains.drop();
  }
});
