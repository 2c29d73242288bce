import { expect, test } from './fixtures/console';
import { reviewDialog } from './actions/review';

test.describe('migrate a profile whose backups take a passphrase', () => {
  test('refused until the backup passphrase is typed (Backups screen), then the backup is taken with it and the tenants migrate', async ({
    consolePage: page,
    fleet,
  }) => {
    await fleet.core.profiles.update(fleet.profileId, { backupBeforeMigrate: true, backupEncryption: 'passphrase' });
    await page.reload();
    const areas = page.getByRole('navigation', { name: 'Areas' });

    await areas.getByRole('button', { name: 'Migrations' }).click();
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const dialog = await reviewDialog(page, 'Apply migrations');
    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(page.getByText('PARAM_INVALID').first()).toBeVisible();
    await expect(page.getByText(/type it as the backup passphrase on the Backups screen/).first()).toBeVisible();
    expect(await fleet.core.api.call('backups.list', { profileId: fleet.profileId })).toMatchObject({
      ok: true,
      data: { backups: [] },
    });

    if (await dialog.isVisible()) await page.keyboard.press('Escape');
    await areas.getByRole('button', { name: 'Backups' }).click();
    await page.getByLabel('Backup passphrase').fill('correct horse');
    await areas.getByRole('button', { name: 'Migrations' }).click();
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await (await reviewDialog(page, 'Apply migrations')).getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(page.getByLabel('Run report')).toContainText('Apply: 2/2 ok');
    const list = (await fleet.core.api.call('backups.list', { profileId: fleet.profileId })) as {
      data: { backups: { id: string; encryption?: { mode: string } }[] };
    };
    expect(list.data.backups).toHaveLength(1);
    expect(list.data.backups[0].encryption?.mode).toBe('passphrase');
    expect(
      await fleet.core.api.call('backups.verify', { id: list.data.backups[0].id, passphrase: 'correct horse' }),
    ).toMatchObject({ ok: true, data: { ok: true } });
  });
});
