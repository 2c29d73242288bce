import { readFileSync } from 'node:fs';
import { expect, snap, test } from './fixtures/console';

test('walks the staging runbook on the demo fleet, ticks the manual steps and downloads the report', async ({ consolePage: page }) => {
  test.setTimeout(180_000);
  await page.getByRole('button', { name: 'Checklists' }).click();
  await page.getByRole('button', { name: /Deploy the multi-group Enrollment refactor to staging/ }).click();

  const login = page.getByTestId('step-smoke-login');
  await expect(login).toHaveAttribute('aria-current', 'step', { timeout: 120_000 });
  for (const id of ['backup', 'verify-backup', 'migrate', 'status', 'enrollments']) await expect(page.getByTestId(`step-${id}`)).toHaveClass(/step-succeeded/);
  await expect(page.getByTestId('step-enrollments')).toContainText('fixed: student_without_enrollment');
  await snap(page, 'checklists-waiting-manual');

  await login.getByRole('textbox').fill('Logged in as Estudiante 1; both groups visible');
  await login.getByRole('button', { name: 'Mark done' }).click();
  const invite = page.getByTestId('step-smoke-invite');
  await expect(invite).toHaveAttribute('aria-current', 'step');
  await invite.getByRole('button', { name: 'Mark done' }).click();
  await expect(page.getByTestId('run-state')).toHaveText('succeeded');
  await snap(page, 'checklists-succeeded');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report (Markdown)' }).click()]);
  const report = readFileSync((await download.path())!, 'utf8');
  expect(report).toContain('Deploy the multi-group Enrollment refactor to staging');
  expect(report).toContain('Note: Logged in as Estudiante 1; both groups visible');
  expect(report).toMatch(/backup `\d{8}T\d{6}Z-[0-9a-f]{6}`/);
});
