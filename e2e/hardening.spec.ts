import { test, expect, snap } from './fixtures/console';

const PAYLOAD = '<img src=x onerror="window.__pwned=1">';

test.describe('hardening in the browser', () => {
  test('database error text containing HTML is shown as text, never as markup', async ({
    consolePage: page,
    fleet,
  }) => {
    const added = await fleet.core.api.call('profiles.add', {
      ...fleet.db.settings,
      name: 'xss-probe',
      database: PAYLOAD,
    });
    expect(added.ok).toBe(true);
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Profiles' }).click();
    await page.getByRole('button', { name: /xss-probe/ }).click();
    await page.getByRole('button', { name: 'Test connection' }).click();
    const error = page.getByRole('alert').filter({ hasText: 'does not exist' });
    await expect(error).toContainText(PAYLOAD);
    await expect(page.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await snap(page, 'hardening-error-as-text');
  });

  test('the API refuses calls without the token and from a foreign origin', async ({ page, fleet }) => {
    const base = `http://127.0.0.1:${fleet.server.port}`;
    const noToken = await page.request.post(`${base}/api/profiles.list`, { data: {} });
    expect(noToken.status()).toBe(401);
    const foreign = await page.request.post(`${base}/api/profiles.list`, {
      data: {},
      headers: { Authorization: `Bearer ${fleet.server.token}`, Origin: 'http://evil.example' },
    });
    expect(foreign.status()).toBe(403);
    const ok = await page.request.post(`${base}/api/profiles.list`, {
      data: {},
      headers: { Authorization: `Bearer ${fleet.server.token}` },
    });
    expect(ok.status()).toBe(200);
  });
});
