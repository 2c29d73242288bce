import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/console';

/**
 * The README's screenshots: the main screens in both themes and both languages, on the demo
 * fleet, reached by keyboard ("g then <letter>"), written to docs/screenshots/ with UPDATE_SCREENSHOTS=1.
 */
// Every run takes them; only UPDATE_SCREENSHOTS=1 writes over the README's copies in docs/ (a plain
// test run would otherwise change 28 tracked files each time: new database names and clocks).
const OUT = process.env.UPDATE_SCREENSHOTS
  ? path.join(process.cwd(), 'docs', 'screenshots')
  : path.join(process.cwd(), 'e2e', 'artifacts', 'screenshots');
mkdirSync(OUT, { recursive: true });

const SHOTS: { name: string; key: string; ready(page: Page): Promise<void> }[] = [
  { name: 'overview', key: 'o', ready: (p) => expect(p.getByTestId('health-verification')).toBeVisible() },
  { name: 'tenants', key: 't', ready: (p) => expect(p.locator('.t-row').first()).toBeVisible() },
  { name: 'migrations', key: 'm', ready: (p) => expect(p.locator('[data-schema]').first()).toBeVisible() },
  { name: 'backups', key: 'b', ready: (p) => expect(p.locator('tr[data-backup]').first()).toBeVisible() },
  { name: 'verification', key: 'v', ready: (p) => expect(p.getByTestId('report-summary')).toBeVisible() },
  { name: 'monitor', key: 'n', ready: (p) => expect(p.locator('.chart-panel').first()).toBeVisible() },
];

for (const language of ['en', 'es'] as const) {
  test.describe(`screenshots in ${language}`, () => {
    // The language is not chosen in Settings here: it follows the browser's, as it follows the OS.
    test.use({ locale: language === 'es' ? 'es-ES' : 'en-US' });
    for (const theme of ['dark', 'light'] as const) {
      test(`screenshots: ${language}, ${theme}`, async ({ consolePage: page, fleet }) => {
        // Something in every screen: a backup in the catalog and a verification run.
        const started = await fleet.core.api.call('backups.create', { profileId: fleet.profileId, scope: 'shared' });
        if (started.ok) await fleet.core.jobs.wait((started.data as { jobId: string }).jobId);
        await page.evaluate(
          (t) =>
            localStorage.setItem('tenantry.settings', JSON.stringify({ languageChoice: 'system', themeChoice: t })),
          theme,
        );
        await page.reload();
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        await expect(page.getByTestId('overview-tenants')).toBeVisible();
        await page.keyboard.press('g');
        await page.keyboard.press('v');
        await page.getByTestId('run-checks').click();
        await expect(page.getByTestId('report-summary')).toBeVisible();
        for (const shot of SHOTS) {
          await page.locator('body').click({ position: { x: 700, y: 5 } });
          await page.keyboard.press('g');
          await page.keyboard.press(shot.key);
          await shot.ready(page);
          await page.waitForTimeout(250);
          await page.screenshot({ path: path.join(OUT, `${shot.name}-${language}-${theme}.png`) });
        }
        await page.keyboard.press('Control+k');
        await page.keyboard.type(language === 'es' ? 'colegio' : 'academia');
        await expect(page.getByRole('dialog').getByRole('option').first()).toBeVisible();
        await page.screenshot({ path: path.join(OUT, `palette-${language}-${theme}.png`) });
      });
    }
  });
}
