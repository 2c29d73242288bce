import { test, expect } from './fixtures/console';

test.describe('browser mode opened without its token', () => {
  test('explains what happened and how to get in, in the user’s language, with no empty version line', async ({
    page,
    fleet,
  }) => {
    const bare = new URL(fleet.server.url);
    bare.search = '';
    await page.goto(bare.toString());
    const box = page.getByTestId('token-missing');
    await expect(box.getByRole('heading', { name: 'This address has no access token' })).toBeVisible();
    await expect(box).toContainText('tenantry sandbox');
    await expect(box).toContainText('?token=');
    // No app info without the token: the footer shows nothing rather than "v ·".
    await expect(page.getByText(/^v\s*·/)).toHaveCount(0);

    await page.evaluate(() => localStorage.setItem('tenantry.settings', JSON.stringify({ languageChoice: 'es' })));
    await page.reload();
    await expect(
      page.getByTestId('token-missing').getByRole('heading', { name: 'Esta dirección no tiene token de acceso' }),
    ).toBeVisible();
  });

  test('with the token the footer names the version and the mode in words', async ({ consolePage: page }) => {
    await expect(page.getByText(/^v\d+\.\d+\.\d+ · browser$/)).toBeVisible();
  });
});
