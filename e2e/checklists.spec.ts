import { readFileSync } from 'node:fs';
import { expect, snap, test } from './fixtures/console';
import { confirmReview } from './actions/review';

test('walks the staging runbook on the demo fleet, ticks the manual steps and downloads the report', async ({
  consolePage: page,
  fleet,
}) => {
  test.setTimeout(180_000);
  await page.getByRole('button', { name: 'Checklists' }).click();
  await page.getByRole('button', { name: /Deploy the multi-group Enrollment refactor to staging/ }).click();
  await confirmReview(page, /^Start runbook: Deploy the multi-group Enrollment refactor to staging/, 'Start runbook');

  const login = page.getByTestId('step-smoke-login');
  await expect(login).toHaveAttribute('aria-current', 'step', { timeout: 120_000 });
  for (const id of ['backup', 'verify-backup', 'migrate', 'status', 'enrollments'])
    await expect(page.getByTestId(`step-${id}`)).toHaveClass(/step-succeeded/);
  await expect(page.getByTestId('step-enrollments')).toContainText('fixed: student_without_enrollment');
  await snap(page, 'checklists-waiting-manual');

  await login.getByRole('textbox').fill('Logged in as Estudiante 1; both groups visible');
  await login.getByRole('button', { name: 'Mark done' }).click();
  const invite = page.getByTestId('step-smoke-invite');
  await expect(invite).toHaveAttribute('aria-current', 'step');
  await invite.getByRole('button', { name: 'Mark done' }).click();
  await expect(page.getByTestId('run-state')).toHaveText('succeeded');
  // The run panel, the runs list and the job dock agree once the last manual step is ticked.
  await expect(page.locator('.run-link.selected')).toContainText('succeeded');
  const job = page.getByTestId('job').filter({ hasText: 'Runbook' });
  await expect(job).toContainText('succeeded');
  await expect(page.getByLabel('Jobs')).not.toContainText('checklist');
  await snap(page, 'checklists-succeeded');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download report (Markdown)' }).click(),
  ]);
  const report = readFileSync((await download.path())!, 'utf8');
  expect(report).toContain('Deploy the multi-group Enrollment refactor to staging');
  expect(report).toContain('Note: Logged in as Estudiante 1; both groups visible');
  expect(report).toMatch(/backup `\d{8}T\d{6}Z-[0-9a-f]{6}`/);

  // Another profile shows its own (empty) runs: the previous profile's run leaves the screen.
  const other = await fleet.core.profiles.add({
    ...fleet.db.settings,
    name: 'second',
    projectDir: fleet.core.profiles.get(fleet.profileId).projectDir,
  });
  await page.reload();
  await page.getByLabel('Active profile').selectOption({ label: 'second (local)' });
  await page.locator('.sidebar').getByRole('button', { name: 'Checklists' }).click();
  await expect(page.getByText('Choose a runbook to start, or open a previous run.')).toBeVisible();
  await expect(page.getByTestId('run-state')).toHaveCount(0);
  await expect(page.locator('.run-link')).toHaveCount(0);
  await expect(page.getByTestId('job')).toHaveCount(0);
  expect(other.id).not.toBe(fleet.profileId);
});
