import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { sandboxClusterDir } from '../src/main/core/sandbox/embedded-cluster';
import { snap } from './fixtures/console';

/** The newcomer's path: the real `tenantry sandbox` (embedded PostgreSQL + demo fleet) opened in Chromium. */
test.describe('sandbox console', () => {
  let child: ChildProcess;
  let url: string;
  let pgPort: number;
  let home: string;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    home = mkdtempSync(path.join(tmpdir(), 'tenantry-e2e-sandbox-'));
    child = spawn(
      process.execPath,
      ['out/cli/tenantry.mjs', 'sandbox', '--browser', '--tenants', '6', '--students', '10', '--json'],
      {
        env: { ...process.env, TENANTRY_HOME: home },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const info = await new Promise<{ url: string; pgPort: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${stderr}`)), 170_000);
      child.stdout!.on('data', (d) => {
        stdout += d;
        try {
          const doc = JSON.parse(stdout) as { ok: boolean; data: { url: string; pgPort: number } };
          clearTimeout(timer);
          resolve(doc.data);
        } catch {
          // The JSON document is not complete yet.
        }
      });
      child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${stderr}`)));
    });
    url = info.url;
    pgPort = info.pgPort;
  });

  test.afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
    rmSync(sandboxClusterDir(home), { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  test('shows the console connected to the sandbox with its tenant count', async ({ page }) => {
    await page.goto(url);
    await expect(page.getByTestId('overview-tenants')).toContainText('7 tenants');
    await expect(page.getByTestId('env-banner')).toContainText('LOCAL');
    expect(new URL(page.url()).searchParams.get('token')).toBeNull();
    await snap(page, 'foundation-overview');
  });

  test('adds a production profile, sees the banner, and a wrong password gets AUTH_FAILED', async ({ page }) => {
    await page.goto(url);
    await page.getByRole('button', { name: 'Profiles' }).click();
    await page.getByRole('button', { name: 'Add profile' }).click();
    const form = page.getByRole('form', { name: 'New profile' });
    await form.locator('input[name=name]').fill('demo production');
    await form.locator('select[name=environment]').selectOption('production');
    await form.locator('input[name=port]').fill(String(pgPort));
    await form.locator('input[name=database]').fill('tenantry_demo');
    await form.locator('input[name=user]').fill('tenantry_demo');
    await form.locator('input[name=password]').fill('not-the-password');
    await form.locator('select[name=sslmode]').selectOption('disable');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByRole('region', { name: 'Profile demo production' })).toBeVisible();
    await page.getByRole('button', { name: 'Test connection' }).click();
    const error = page.getByRole('alert').filter({ hasText: 'AUTH_FAILED' });
    await expect(error).toBeVisible();
    await expect(error).toContainText('Check the user name and the password');
    await expect(page.locator('body')).not.toContainText('at Object.');
    await snap(page, 'foundation-auth-failed');

    await page.getByRole('button', { name: 'Use this profile' }).click();
    await expect(page.getByTestId('env-banner')).toContainText('PRODUCTION');
    await snap(page, 'foundation-production-banner');

    await page.getByRole('button', { name: 'Edit' }).click();
    await page
      .getByRole('form', { name: 'Edit demo production' })
      .locator('input[name=password]')
      .fill('demo-password');
    await page.getByRole('button', { name: 'Save profile' }).click();
    // The form has a Test connection of its own (unsaved settings): test the saved profile once the form is gone.
    await expect(page.getByRole('form', { name: 'Edit demo production' })).toBeHidden();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByTestId('connection-report')).toContainText('PostgreSQL 15');
  });
});
