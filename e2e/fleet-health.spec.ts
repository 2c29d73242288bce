import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect } from './fixtures/console';

test.describe('one vocabulary of counts, and the overview as a fleet health page', () => {
  test('Overview, Tenants, Migrations and the CLI name the fleet with the same numbers', async ({
    consolePage: page,
    fleet,
  }) => {
    // The demo fleet: 12 tenant schemas, one registered tenant without a schema, one orphan schema, public shared.
    const expected = '13 registered (12 with schema, 1 missing) · 1 orphan · 1 shared';
    const counts = page.getByTestId('fleet-counts');
    await expect(counts).toHaveText(expected);
    await expect(page.getByTestId('overview-tenants')).toContainText('13 tenants');

    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Tenants' }).click();
    await expect(page.getByTestId('fleet-counts')).toHaveText(expected);
    // "all" lists every row: registered + orphan + shared.
    await expect(
      page.getByRole('group', { name: 'Filter by state' }).getByRole('button', { name: 'all 15' }),
    ).toBeVisible();

    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Migrations' }).click();
    await expect(page.getByTestId('fleet-counts')).toHaveText(expected);
    // Up to date + behind + missing add up to the registered tenants; public is not counted as a tenant.
    await expect(page.getByLabel('Status summary')).toContainText('13 registered: 10 up to date · 2 behind');
    await expect(page.getByLabel('Status summary')).toContainText('1 missing');
    await expect(page.getByTestId('missing-warning')).toContainText('1 registered tenant has no schema and is skipped');

    // The CLI, a separate process, says the same.
    const home = mkdtempSync(path.join(os.tmpdir(), 'tenantry-counts-'));
    try {
      const run = spawnSync(process.execPath, ['out/cli/tenantry.mjs', '--url', fleet.db.url, 'tenants', 'list'], {
        env: { ...process.env, TENANTRY_HOME: home, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' },
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout.split('\n')[0]).toContain(`${expected} = 15 rows`);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  test('every number on the overview is a link to the screen that shows it', async ({ consolePage: page, fleet }) => {
    const health = page.getByRole('region', { name: 'Fleet health' });
    await expect(health.getByTestId('health-behind')).toContainText('2');
    await expect(health.getByTestId('health-failed')).toContainText('0');
    await expect(health.getByTestId('health-drifted')).toContainText('0');
    await expect(health.getByTestId('health-missing')).toContainText('1');
    await expect(health.getByTestId('health-orphans')).toContainText('1');
    await expect(health.getByTestId('health-backup')).toContainText('never');
    await expect(health.getByTestId('health-verification')).toContainText('never');

    await health.getByTestId('health-behind').click();
    await expect(page.getByRole('heading', { name: 'Migrations' })).toBeVisible();
    await expect(page.locator('[data-filter=behind]')).toHaveAttribute('aria-pressed', 'true');
    for (const schema of fleet.seed.behind) await expect(page.getByText(schema, { exact: true }).first()).toBeVisible();

    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Overview' }).click();
    await health.getByTestId('health-orphans').click();
    await expect(page.getByRole('heading', { name: 'Tenants' })).toBeVisible();
    await expect(
      page.getByRole('group', { name: 'Filter by state' }).getByRole('button', { name: /orphan/ }),
    ).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByText(fleet.seed.orphan).first()).toBeVisible();

    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Overview' }).click();
    await health.getByTestId('health-missing').click();
    await expect(
      page.getByRole('group', { name: 'Filter by state' }).getByRole('button', { name: /missing/ }),
    ).toHaveAttribute('aria-pressed', 'true');

    // After a verification run the overview names its result and leads to its problems.
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Verification' }).click();
    await page.getByTestId('run-checks').click();
    await expect(page.getByTestId('report-summary')).toHaveAttribute('data-passed', 'false');
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Overview' }).click();
    await expect(health.getByTestId('health-verification')).toContainText('problems');
    await health.getByTestId('health-verification').click();
    await expect(
      page.getByRole('group', { name: 'Filter results' }).getByRole('button', { name: 'problems' }),
    ).toHaveAttribute('aria-pressed', 'true');
  });
});
