import { reviewDialog } from './actions/review';
import { test, expect } from './fixtures/console';

test.use({ viewport: { width: 1440, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });

test.describe('tenant names stay readable and the detail answers what comes next', () => {
  test('long schema names are cut in the middle, never before the part that tells them apart; full name on hover, copy and resize', async ({
    consolePage: page,
    fleet,
  }) => {
    const base = 'tenant_colegio_la_salle_de_los_andes_del_pacifico';
    const names = [`${base}_000f`, `${base}_000f_copy`];
    const sql = await fleet.db.client();
    for (const n of names) await sql.query(`CREATE SCHEMA "${n}"`);

    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Tenants' }).click();
    // Nothing chosen: no empty detail pane takes a third of the width.
    await expect(page.locator('.t-side')).toHaveCount(0);
    await page.getByRole('searchbox', { name: 'Search tenants' }).fill('la_salle');
    for (const n of names) {
      const cell = page.getByTestId(`schema-${n}`);
      await expect(cell).toHaveText(n);
      await expect(cell.locator('[title]')).toHaveAttribute('title', n);
      // The tail (what differs) is shown whole, inside the cell.
      const tail = cell.locator('.me-tail');
      await expect(tail).toHaveText(n.slice(-6));
      const [c, tl] = [await cell.boundingBox(), await tail.boundingBox()];
      expect(tl!.x + tl!.width).toBeLessThanOrEqual(c!.x + c!.width + 1);
      expect(tl!.x).toBeGreaterThanOrEqual(c!.x);
    }

    // Resizing the schema column with the keyboard widens it.
    const first = page.getByTestId(`schema-${names[0]}`);
    const before = (await first.boundingBox())!.width;
    const handle = page.getByTestId('resize-schema');
    await handle.focus();
    for (let i = 0; i < 5; i++) await handle.press('ArrowRight');
    await expect.poll(async () => (await first.boundingBox())!.width).toBeGreaterThan(before + 60);

    // The detail shows the whole name, and copies it.
    await page.getByRole('row', { name: new RegExp(`^${names[1]} `) }).click();
    await expect(page.getByTestId('detail-schema')).toHaveText(names[1]);
    await page.getByRole('button', { name: `Copy the schema name ${names[1]}` }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(names[1]);
  });

  test('tenant detail lists pending migrations and the last backup, and leads to back up, restore and migrate', async ({
    consolePage: page,
    fleet,
  }) => {
    const behind = fleet.seed.behind[1];
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Tenants' }).click();
    await page.getByRole('searchbox', { name: 'Search tenants' }).fill(behind);
    await page.getByRole('row', { name: new RegExp(behind) }).click();
    const insight = page.getByRole('region', { name: `Next steps for ${behind}` });
    const status = await fleet.core.api.call('migrations.status', { profileId: fleet.profileId });
    if (!status.ok) throw new Error(status.error.message);
    const pending = (status.data as { tenants: { schema: string; pending: string[] }[] }).tenants.find(
      (r) => r.schema === behind,
    )!.pending;
    expect(pending.length).toBeGreaterThan(0);
    await expect(insight.getByTestId('tenant-pending').locator('li')).toHaveText(pending);
    await expect(insight.getByTestId('tenant-last-backup')).toHaveText('never');
    await expect(insight.getByRole('button', { name: 'Restore…' })).toBeDisabled();

    // Migrate… opens the migrate review for this tenant alone, over the matrix with its row in view and marked.
    await insight.getByRole('button', { name: 'Migrate…' }).click();
    await expect(page.getByRole('heading', { name: 'Migrations', exact: true, level: 1 })).toBeVisible();
    const review = await reviewDialog(page, 'Apply migrations');
    await expect(review).toContainText(behind);
    await expect(review).not.toContainText(fleet.seed.behind[0]);
    const row = page.locator(`.mx-focus[data-schema="${behind}"]`);
    await expect(row).toBeInViewport();
    await review.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(review).toBeHidden();
    await expect
      .poll(
        async () => {
          const after = await fleet.core.api.call('migrations.status', { profileId: fleet.profileId });
          const rows = (after as { ok: true; data: { tenants: { schema: string; pending: string[] }[] } }).data.tenants;
          return [
            rows.find((r) => r.schema === behind)!.pending.length,
            rows.find((r) => r.schema === fleet.seed.behind[0])!.pending.length > 0,
          ];
        },
        { timeout: 30_000 },
      )
      .toEqual([0, true]);

    // Back up now takes a backup of this tenant (nothing in the database changes) on the Backups screen.
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Tenants' }).click();
    await page.getByRole('row', { name: new RegExp(behind) }).click();
    await insight.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByRole('heading', { name: 'Backups' })).toBeVisible();
    const backups = async () => {
      const r = await fleet.core.api.call('backups.list', { profileId: fleet.profileId, tenant: behind });
      if (!r.ok) throw new Error(r.error.message);
      return (r.data as { backups: { id: string }[] }).backups;
    };
    await expect.poll(async () => (await backups()).length, { timeout: 30_000 }).toBe(1);

    // Back on the tenant: the last backup is named, and Restore… opens the restore wizard with it.
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Tenants' }).click();
    await page.getByRole('row', { name: new RegExp(behind) }).click();
    const [backup] = await backups();
    await expect(insight.getByTestId('tenant-last-backup')).toContainText(backup.id);
    await insight.getByRole('button', { name: 'Restore…' }).click();
    await expect(page.getByRole('heading', { name: 'Restore a backup' })).toBeVisible();
    await expect(page.getByRole('radio', { name: new RegExp(backup.id) })).toBeChecked();
  });
});
