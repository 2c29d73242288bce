import { test, expect } from './fixtures/console';

test.describe('profiles: test before saving, and a connection state that is not the environment colour', () => {
  test('the form tests unsaved settings without storing anything; the list marks a failing profile as failed', async ({
    consolePage: page,
    fleet,
  }) => {
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Profiles' }).click();
    const list = page.getByRole('list', { name: 'Profiles' });
    // The active sandbox profile is connected, and says so in words.
    await expect(list.getByRole('button', { name: /sandbox/ }).locator('[data-state]')).toHaveAttribute(
      'data-state',
      'ok',
    );

    await page.getByRole('button', { name: 'Add profile' }).click();
    const form = page.locator('form.profile-form');
    const s = fleet.db.settings;
    await form.locator('input[name=name]').fill('staging-draft');
    await form.locator('input[name=host]').fill(s.host);
    await form.locator('input[name=port]').fill(String(s.port));
    await form.locator('input[name=database]').fill(s.database);
    await form.locator('input[name=user]').fill(s.user);
    await form.getByRole('button', { name: 'Test connection' }).click();
    const trial = page.getByTestId('draft-test');
    await expect(trial).toContainText('Connected with these settings (nothing saved yet).');
    await expect(trial.getByTestId('connection-report')).toContainText('PostgreSQL');
    // Nothing was saved by the test.
    await expect(list.getByRole('listitem')).toHaveCount(1);

    await form.locator('input[name=port]').fill('1');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect(trial).toContainText('These settings do not connect');

    // Saved with the wrong port and tested: its row says failed (not the local environment's green).
    await form.getByRole('button', { name: 'Save profile' }).click();
    const saved = list.getByRole('button', { name: /staging-draft/ });
    await expect(saved.locator('[data-state]')).toHaveAttribute('data-state', 'untested');
    await saved.click();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(saved.locator('[data-state]')).toHaveAttribute('data-state', 'failed');
    await expect(saved).toContainText('failed');
  });
});
