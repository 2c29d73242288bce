import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures/console';

const SCREENS = [
  'Overview',
  'Tenants',
  'Migrations',
  'Backups',
  'Verification',
  'Checklists',
  'Fleet',
  'Monitor',
  'Audit',
  'Profiles',
  'Settings',
];

/** Serious and critical axe findings, as short lines a failing test can print. */
async function axeProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

async function openPalette(page: Page, name = 'Command palette') {
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name });
  await expect(palette).toBeVisible();
  return palette;
}

test.describe('desktop comfort', () => {
  test('the command palette goes to a screen, a tenant and a backup by keyboard alone', async ({
    consolePage: page,
    fleet,
  }) => {
    await expect(page.getByTestId('overview-tenants')).toBeVisible();
    let palette = await openPalette(page);
    await expect(page.getByRole('combobox', { name: 'Search commands, tenants and backups' })).toBeFocused();
    await page.keyboard.type('migra');
    await expect(palette.getByRole('option').first()).toContainText('Go to Migrations');
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Migrations');

    // A tenant by part of its name: the Tenants screen opens on it.
    const schema = fleet.seed.schemas.find(
      (s) => !fleet.seed.behind.includes(s) && s !== fleet.seed.suspended && s !== fleet.seed.missingEnrollment,
    )!;
    const tenant = { schema };
    palette = await openPalette(page);
    await page.keyboard.type(tenant.schema.slice(7, 20));
    const option = palette.getByRole('option').filter({ hasText: 'Tenant' }).first();
    await expect(option).toContainText(tenant.schema);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tenants');
    await expect(page.locator('.t-side')).toContainText(tenant.schema);

    // A backup made through the API is found by its tenant's schema, and its row gets the focus.
    const started = await fleet.core.api.call('backups.create', {
      profileId: fleet.profileId,
      scope: 'tenant',
      schemas: [tenant.schema],
    });
    if (!started.ok) throw new Error(started.error.message);
    await fleet.core.jobs.wait((started.data as { jobId: string }).jobId);
    palette = await openPalette(page);
    await page.keyboard.type(`${tenant.schema} `);
    await expect(palette.getByRole('option').filter({ hasText: 'Backup' }).first()).toBeVisible();
    // Arrow down to the first backup among the results.
    for (
      let i = 0;
      i < 6 && !((await palette.getByRole('option', { selected: true }).textContent()) ?? '').startsWith('Backup');
      i++
    )
      await page.keyboard.press('ArrowDown');
    await expect(palette.getByRole('option', { selected: true })).toContainText('Backup');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Backups');
    await expect(page.locator('tr.flash button').first()).toBeFocused();

    // Escape closes without doing anything; "g then a" and "?" work from the page.
    await openPalette(page);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('g');
    await page.keyboard.press('a');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Audit');
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toContainText('Go to Tenants');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
  });

  test('every screen is reachable through the palette alone, typing part of its name', async ({
    consolePage: page,
  }) => {
    await expect(page.getByTestId('overview-tenants')).toBeVisible();
    for (const [typed, heading] of [
      ['tenan', 'Tenants'],
      ['migr', 'Migrations'],
      ['backu', 'Backups'],
      ['verif', 'Verification'],
      ['checkl', 'Deploy checklists'],
      ['fleet', 'Fleet'],
      ['monit', 'Monitor'],
      ['audit', 'Audit log'],
      ['profil', 'Connection profiles'],
      ['setti', 'Settings'],
      ['overv', 'Overview'],
    ]) {
      const palette = await openPalette(page);
      await page.keyboard.type(`go to ${typed}`);
      await expect(palette.getByRole('option', { selected: true })).toContainText('Screen');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    }
  });

  test('switches language and theme, remembers them, and formats per locale', async ({ consolePage: page }) => {
    await expect(page.getByTestId('overview-tenants')).toContainText('tenants');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('radio', { name: 'Español' }).check();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ajustes');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByTestId('format-sample')).toContainText('1.234.567,5');
    await expect(page.getByTestId('format-sample')).toContainText('1,5 MB');
    await page.getByRole('radio', { name: 'Claro', exact: true }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    const bg = await page.evaluate(() =>
      getComputedStyle(document.body.parentElement!).getPropertyValue('--bg').trim(),
    );
    expect(bg).toBe('#f4f6f9');
    await page.reload();
    await expect(
      page.getByRole('navigation', { name: 'Áreas' }).getByRole('button', { name: 'Inquilinos' }),
    ).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.getByTestId('overview-tenants')).toContainText('inquilinos');
    // Through the palette, by keyboard: back to English and dark.
    await openPalette(page, 'Paleta de comandos');
    await page.keyboard.type('language english');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('overview-tenants')).toContainText('tenants');
    await openPalette(page);
    await page.keyboard.type('dark theme');
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });

  test('follows the OS colour scheme until a theme is chosen', async ({ page, fleet }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(fleet.server.url);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });

  for (const theme of ['dark', 'light'] as const) {
    test(`every main screen passes axe (no serious or critical violations), ${theme} theme`, async ({
      consolePage: page,
    }) => {
      await page.evaluate(
        (t) => localStorage.setItem('tenantry.settings', JSON.stringify({ languageChoice: 'system', themeChoice: t })),
        theme,
      );
      await page.reload();
      await expect(page.getByTestId('overview-tenants')).toBeVisible();
      const problems: string[] = [];
      for (const name of SCREENS) {
        await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name, exact: true }).click();
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        problems.push(...(await axeProblems(page)).map((p) => `${name}: ${p}`));
      }
      await openPalette(page);
      problems.push(...(await axeProblems(page)).map((p) => `palette: ${p}`));
      await page.keyboard.press('Escape');
      await page.keyboard.press('?');
      problems.push(...(await axeProblems(page)).map((p) => `help: ${p}`));
      await snap(page, `desktop-help-${theme}`);
      expect(problems).toEqual([]);
    });
  }

  test('every sidebar control is reachable by Tab with a visible focus ring', async ({ consolePage: page }) => {
    await expect(page.getByTestId('overview-tenants')).toBeVisible();
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return {
          name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '',
          outline: style.outlineStyle,
          inNav: !!el.closest('nav.sidebar'),
        };
      });
      if (info.inNav) {
        expect(info.outline, `focus ring on ${info.name}`).not.toBe('none');
        seen.add(info.name);
      }
    }
    for (const name of ['Tenants', 'Backups', 'Audit', 'Active profile']) expect([...seen]).toContain(name);
  });
});

test.describe('on a Spanish-speaking system', () => {
  test.use({ locale: 'es-AR' });

  test('the console speaks Spanish by itself, palette included', async ({ consolePage: page }) => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(
      page.getByRole('navigation', { name: 'Áreas' }).getByRole('button', { name: 'Inquilinos' }),
    ).toBeVisible();
    await expect(page.getByTestId('overview-tenants')).toContainText('inquilinos');
    await page.keyboard.press('Control+k');
    await expect(page.getByRole('dialog', { name: 'Paleta de comandos' })).toBeVisible();
    await page.keyboard.type('ir a respal');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Respaldos');
    expect((await axeProblems(page)).length).toBe(0);
  });
});
