import { createCore, type Core } from '../src/main/core/create-core';
import { rendererDir } from '../src/main/core/app-root';
import { startBrowserServer, type BrowserServer } from '../src/main/server/browser-server';
import { startArchivingCluster, STANZA, type ArchivingCluster } from '../test/archiving-cluster';
import { tempHome } from '../test/pg-harness';
import { confirmReview } from './actions/review';
import { expect, snap, test } from './fixtures/console';

/** The restore wizard's "a point in time" source, on a cluster that archives its WAL with pgBackRest. */
test.describe('restore a tenant to a point in time', () => {
  test.use({ timezoneId: 'UTC' });
  let cluster: ArchivingCluster;
  let core: Core;
  let server: BrowserServer;
  let home: ReturnType<typeof tempHome>;
  let t: string;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    cluster = await startArchivingCluster();
    await cluster.sql('CREATE DATABASE app', 'postgres');
    await cluster.sql(
      `CREATE SCHEMA tenant_acme; CREATE TABLE tenant_acme.invoices (id int PRIMARY KEY, total numeric); INSERT INTO tenant_acme.invoices SELECT g, g * 10 FROM generate_series(1, 120) g; SELECT 1`,
    );
    cluster.pgbackrest('backup', '--type=full');
    await new Promise((r) => setTimeout(r, 1100));
    // Whole seconds: the form's time field has a one-second step.
    t = (await cluster.now()).slice(0, 19);
    await new Promise((r) => setTimeout(r, 1100));
    await cluster.sql('DELETE FROM tenant_acme.invoices WHERE id > 20; SELECT 1');
    home = tempHome();
    core = await createCore({ mode: 'browser', dataDir: home.dir, keychain: null });
    const profile = await core.profiles.add({
      name: 'archived',
      environment: 'local',
      readOnly: false,
      keepAsideAfterRestore: false,
      host: '127.0.0.1',
      port: cluster.port,
      database: 'app',
      user: 'postgres',
      sslmode: 'disable',
      registry: 'pattern:tenant_*',
      pgbackrestConfig: cluster.conf,
      pgbackrestStanza: STANZA,
    });
    core.setDefaultProfile(profile.id);
    server = await startBrowserServer({ core, rendererDir: rendererDir() });
  });

  test.afterAll(async () => {
    await server?.close();
    await core?.close();
    await cluster?.destroy();
    home?.cleanup();
  });

  test('brings the tenant back as it was, through the checks and the review', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Backups' }).click();
    await page.getByRole('button', { name: 'Restore…' }).first().click();
    await page.getByRole('radio', { name: 'A point in time (the WAL archive)' }).check();
    await expect(page.getByText(/Archive: stanza demo, PostgreSQL 15, 1 backup/)).toBeVisible();
    await page.getByRole('combobox', { name: 'Tenant' }).fill('tenant_acme');
    await page.getByLabel(/As it was at/).fill(t);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page.locator('.point-in-time .checks li')).not.toHaveCount(0);
    await expect(page.locator('.point-in-time .checks li[data-status="fail"]')).toHaveCount(0);
    await snap(page, 'restore-point-in-time-checks');
    await page.getByRole('button', { name: 'Restore to this time…' }).click();
    await confirmReview(page, /^Restore tenant_acme to /, 'Restore to this time');
    await expect(page.locator('.restore-done')).toContainText('is back as it was', { timeout: 150_000 });
    await snap(page, 'restore-point-in-time-done');
    expect(await cluster.sql('SELECT count(*) FROM tenant_acme.invoices')).toBe('120');
  });

  test('Test connection reports the archive, and the profile form holds its settings', async ({ page }) => {
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Profiles' }).click();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByTestId('connection-report')).toContainText('PostgreSQL 15');
    await expect(page.getByTestId('archive-report')).toContainText('stanza demo, PostgreSQL 15');
    await expect(page.getByTestId('archive-report')).toContainText(/WAL 0{7}1/);
    await page.getByRole('button', { name: 'Edit' }).click();
    await expect(page.locator('input[name=pgbackrestConfig]')).toHaveValue(cluster.conf);
    await expect(page.locator('input[name=pgbackrestStanza]')).toHaveValue(STANZA);
  });
});
