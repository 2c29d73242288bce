import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { LEDGER_TABLE } from '../src/main/core/domain/ledger/ledger-sql';
import { expect, snap, test, type ConsoleFixture } from './fixtures/console';
import { confirmReview, reviewDialog, reviewSteps } from './actions/review';

const STAGING_RUNBOOK = /^Start runbook: Deploy the multi-group Enrollment refactor to staging/;

async function call<T>(fleet: ConsoleFixture, method: string, input: unknown): Promise<T> {
  const reply = await fleet.core.api.call(method as never, input as never);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code}`);
  return reply.data as T;
}

const runsOf = (fleet: ConsoleFixture) => call<unknown[]>(fleet, 'checklists.runs', { profileId: fleet.profileId });
const jobKinds = async (fleet: ConsoleFixture) =>
  (await call<{ kind: string }[]>(fleet, 'jobs.list', {})).map((j) => j.kind);

async function setEnvironment(page: Page, fleet: ConsoleFixture, environment: 'staging' | 'production') {
  await fleet.core.profiles.update(fleet.profileId, { environment });
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveClass(/conn-connected/);
}

async function palette(page: Page, query: string, label: string | RegExp) {
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: /^(Command palette|Paleta de comandos)$/ });
  await expect(dialog).toBeVisible();
  await page.keyboard.type(query);
  await expect(dialog.getByRole('option').first()).toContainText(label);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
}

test.describe('review before every change', () => {
  test('a runbook card opens its preview, steps in order and 0005 before 0006, and starts nothing', async ({
    consolePage: page,
    fleet,
  }) => {
    await page.locator('.sidebar').getByRole('button', { name: 'Checklists' }).click();
    await page.getByRole('button', { name: /Deploy the multi-group Enrollment refactor to staging/ }).click();
    const dialog = await reviewDialog(page, STAGING_RUNBOOK);

    const steps = await reviewSteps(dialog);
    const order = ['Back up every tenant', 'Apply the pending migrations', 'Smoke test — log in'].map((word) =>
      steps.findIndex((s) => s.toLowerCase().includes(word.toLowerCase())),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const migrations = await reviewSteps(dialog, 'review-migration');
    const at = (name: string) => migrations.findIndex((m) => m.includes(name));
    expect(at('0005_copy_students_to_enrollments')).toBeGreaterThanOrEqual(0);
    expect(at('0005_copy_students_to_enrollments')).toBeLessThan(at('0006_enrollment_is_active'));
    for (const schema of fleet.seed.behind) await expect(dialog.getByTestId('review-tenants')).toContainText(schema);
    await expect(dialog.getByTestId('review-backup')).toContainText('public and every tenant');
    await snap(page, 'review-runbook');

    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    expect(await runsOf(fleet)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(await runsOf(fleet)).toEqual([]);
    expect(await jobKinds(fleet)).toEqual([]);
  });

  test('the migrate review lists 0005 before 0006 and a cancelled review leaves the fleet behind', async ({
    consolePage: page,
    fleet,
  }) => {
    await page.locator('.sidebar').getByRole('button', { name: 'Migrations' }).click();
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const dialog = await reviewDialog(page, 'Apply migrations');
    const steps = await reviewSteps(dialog);
    const at = (name: string) => steps.findIndex((m) => m.includes(name));
    expect(at('0005_copy_students_to_enrollments')).toBeGreaterThanOrEqual(0);
    expect(at('0005_copy_students_to_enrollments')).toBeLessThan(at('0006_enrollment_is_active'));
    await expect(dialog.getByTestId('review-tenants')).toContainText('2 tenants');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(await jobKinds(fleet)).toEqual([]);
    await expect(page.locator('[data-filter=behind] .count')).toHaveText('2');
  });

  test('staging: the confirmation button names the database', async ({ consolePage: page, fleet }) => {
    await setEnvironment(page, fleet, 'staging');
    await page.locator('.sidebar').getByRole('button', { name: 'Checklists' }).click();
    await page.getByRole('button', { name: /Deploy the multi-group Enrollment refactor to staging/ }).click();
    const dialog = await reviewDialog(page, STAGING_RUNBOOK);
    await expect(dialog.getByRole('button', { name: `Start runbook on ${fleet.db.settings.database}` })).toBeEnabled();
    await expect(dialog.getByRole('textbox')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await runsOf(fleet)).toEqual([]);
  });

  test('production: the database name is typed once, in the dialog, and no refusal shows elsewhere', async ({
    consolePage: page,
    fleet,
  }) => {
    test.setTimeout(120_000);
    const database = fleet.db.settings.database;
    await setEnvironment(page, fleet, 'production');

    // A production runbook: typed once to start; checking its gates again asks nothing more.
    await page.locator('.sidebar').getByRole('button', { name: 'Checklists' }).click();
    const databaseBoxes = page.getByRole('textbox', { name: /database name/i });
    await expect(databaseBoxes).toHaveCount(0);
    await page.getByRole('button', { name: /to production/ }).click();
    const dialog = await reviewDialog(page, /^Start runbook: .*production/);
    const start = dialog.getByRole('button', { name: `Start runbook on ${database}` });
    await expect(start).toBeDisabled();
    await dialog.getByRole('textbox', { name: 'Database name' }).fill(database);
    await start.click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('run-state')).toHaveText('blocked');
    await expect(databaseBoxes).toHaveCount(0);
    await page.getByRole('button', { name: 'Check the gates again' }).click();
    await expect(page.getByTestId('run-state')).toHaveText('blocked');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText('CONFIRMATION_REQUIRED');
    expect(await runsOf(fleet)).toHaveLength(1);
    // Panel, runs list and job dock say the same thing about the run.
    await expect(page.locator('.run-link.selected')).toContainText('blocked');
    await expect(page.getByTestId('job').filter({ hasText: 'Runbook' }).first()).toContainText('blocked');

    // The run reopened after a restart of the window: going on asks once more, in a dialog.
    await page.reload();
    await page.locator('.sidebar').getByRole('button', { name: 'Checklists' }).click();
    await page.locator('.run-link').first().click();
    await page.getByRole('button', { name: 'Check the gates again' }).click();
    const again = await reviewDialog(page, /to production/);
    await again.getByRole('textbox', { name: 'Database name' }).fill(database);
    await again.getByRole('button', { name: `Check the gates again on ${database}` }).click();
    await expect(again).toBeHidden();
    await expect(page.getByTestId('run-state')).toHaveText('blocked');
    await expect(page.locator('body')).not.toContainText('CONFIRMATION_REQUIRED');

    // Migrate on production: the same typed confirmation, and the backup it takes is said first.
    await page.locator('.sidebar').getByRole('button', { name: 'Migrations' }).click();
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const apply = await reviewDialog(page, 'Apply migrations');
    await expect(apply.getByTestId('review-backup')).toContainText('required on production');
    await apply.getByRole('textbox', { name: 'Database name' }).fill(database);
    await snap(page, 'review-production');
    await apply.getByRole('button', { name: `Apply on ${database}` }).click();
    await expect(apply).toBeHidden();
    await expect(page.getByLabel('Run report')).toContainText('Apply: 2/2 ok', { timeout: 90_000 });
    await expect(page.locator('body')).not.toContainText('CONFIRMATION_REQUIRED');
  });

  test('palette actions land on their review and run nothing', async ({ consolePage: page, fleet }) => {
    await expect(page.getByTestId('connection-state')).toHaveClass(/conn-connected/);
    await palette(page, 'migrate', 'Review and apply the pending migrations (migrate)');
    let dialog = await reviewDialog(page, 'Apply migrations');
    await expect(dialog.getByTestId('review-step').first()).toContainText('0005');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await palette(page, 'dry run', 'Dry run the pending migrations');
    dialog = await reviewDialog(page, 'Dry run of the migrations');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await palette(page, 'run checks', 'Run the verification checks');
    dialog = await reviewDialog(page, 'Run the verification checks');
    await expect(dialog.getByTestId('review-step').filter({ hasText: 'student_without_enrollment' })).toHaveCount(1);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await palette(page, 'back up', 'Back up the fleet');
    dialog = await reviewDialog(page, 'Back up the fleet');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await palette(page, 'restore', 'Restore a backup');
    await expect(page.getByRole('heading', { name: 'Restore a backup' })).toBeVisible();

    await palette(page, 'deploy the multi', /Start runbook: Deploy the multi-group Enrollment refactor to staging/);
    dialog = await reviewDialog(page, STAGING_RUNBOOK);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    expect(await jobKinds(fleet)).toEqual([]);
    expect(await runsOf(fleet)).toEqual([]);
    expect((await call<{ backups: unknown[] }>(fleet, 'backups.list', { profileId: fleet.profileId })).backups).toEqual(
      [],
    );
  });

  test('dropping a tenant is reviewed: the schema name typed, a backup first, then it is gone', async ({
    consolePage: page,
    fleet,
  }) => {
    const schema = fleet.seed.schemas.find(
      (x) => !fleet.seed.behind.includes(x) && x !== fleet.seed.suspended && x !== fleet.seed.missingEnrollment,
    )!;
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Tenants' }).click();
    await page
      .getByRole('table', { name: 'Tenants' })
      .getByRole('row', { name: new RegExp(schema) })
      .click();
    await page.getByRole('button', { name: 'Drop…' }).click();
    const dialog = await reviewDialog(page, `Drop ${schema}`);
    await expect(dialog.getByTestId('review-step')).toContainText('DROP SCHEMA CASCADE');
    await expect(dialog.getByTestId('review-backup')).toContainText(`A backup of ${schema} is taken first`);
    const drop = dialog.getByRole('button', { name: 'Drop the schema' });
    await expect(drop).toBeDisabled();
    await dialog.getByRole('textbox', { name: `Type the schema name (${schema}) to drop it` }).fill(schema);
    await drop.click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    const client = await fleet.db.client();
    expect((await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount).toBe(0);
    const { backups } = await call<{ backups: { reason: string; schemas: string[] }[] }>(fleet, 'backups.list', {
      profileId: fleet.profileId,
    });
    expect(backups.filter((b) => b.reason === 'pre-drop' && b.schemas.includes(schema))).toHaveLength(1);
  });

  test('baseline and its undo open their review first', async ({ consolePage: page, fleet }) => {
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Fleet' }).click();
    await page.getByRole('tab', { name: 'Baseline' }).click();
    await page.getByLabel('Baseline up to').fill('0006');
    await page.getByRole('button', { name: 'Baseline', exact: true }).click();
    let dialog = await reviewDialog(page, 'Baseline up to 0006');
    await expect(dialog.getByTestId('review-tenants')).toContainText('Every tenant');
    await expect(dialog.getByTestId('review-backup')).toContainText('only ledger rows');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Undo baseline' }).click();
    dialog = await reviewDialog(page, 'Undo the baseline');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('baseline-result')).toHaveCount(0);
    const client = await fleet.db.client();
    const schema = fleet.seed.schemas[0];
    const ledger = await client.query(
      `SELECT count(*) FILTER (WHERE state = 'baselined')::int AS baselined, count(*)::int AS rows FROM "${schema}".${LEDGER_TABLE}`,
    );
    expect(ledger.rows[0].rows).toBeGreaterThan(0);
    expect(ledger.rows[0].baselined).toBe(0);
  });

  test('the job dock names jobs in words, in English and Spanish', async ({ consolePage: page }) => {
    await page.locator('.sidebar').getByRole('button', { name: 'Migrations' }).click();
    await page.getByRole('button', { name: 'Dry run' }).click();
    await confirmReview(page, 'Dry run of the migrations', 'Start the dry run');
    const dock = page.getByLabel('Jobs');
    await expect(dock.getByTestId('job').first()).toContainText('Dry run');
    await expect(dock.getByTestId('job').first()).toContainText('succeeded');
    await expect(dock).not.toContainText('migrations.dry-run');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('español');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Tareas').getByTestId('job').first()).toContainText('Ensayo');
    await expect(page.getByLabel('Tareas')).not.toContainText('migrations.dry-run');

    // The review speaks Spanish too.
    await palette(page, 'ensayar', 'Ensayar las migraciones pendientes');
    const dialog = await reviewDialog(page, 'Ensayo de las migraciones');
    await expect(dialog).toContainText('Qué se ejecutará, en este orden');
    await expect(dialog.getByTestId('review-backup')).toContainText('el ensayo deshace cada cambio');
    await expect(dialog.getByRole('button', { name: 'Iniciar el ensayo' })).toBeEnabled();
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
  });
});
