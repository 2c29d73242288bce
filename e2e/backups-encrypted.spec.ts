import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, snap, test } from './fixtures/console';

test.describe('encrypted, copied backups', () => {
  test('the profile form shows the encryption and second destination; a backup is marked encrypted and copied, and verifies', async ({
    consolePage: page,
    fleet,
  }) => {
    const share = mkdtempSync(path.join(tmpdir(), 'tenantry-e2e-share-'));
    try {
      await fleet.core.profiles.update(fleet.profileId, { backupEncryption: 'keychain', backupCopyDir: share });
      await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Profiles' }).click();
      await page.getByRole('button', { name: 'Edit' }).first().click();
      await expect(page.locator('select[name=backupEncryption]')).toHaveValue('keychain');
      await expect(page.locator('input[name=backupCopyDir]')).toHaveValue(share);
      await snap(page, 'profile-backup-encryption');

      await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Backups' }).click();
      await page.getByLabel('Tenant schema to back up').fill(fleet.seed.schemas[0]);
      await page.getByRole('button', { name: 'Back up tenant' }).click();
      const row = page.locator('tr[data-backup]').first();
      await expect(row.locator('.badge-encrypted')).toHaveText('encrypted');
      await expect(row.locator('.copy-ok')).toHaveText('copied');
      await row.getByRole('button', { name: 'Verify' }).click();
      await expect(row.locator('.good')).toHaveText('verified');
      await snap(page, 'backups-encrypted-copied');
    } finally {
      await fleet.core.profiles.update(fleet.profileId, { backupEncryption: 'none' });
      rmSync(share, { recursive: true, force: true });
    }
  });
});
