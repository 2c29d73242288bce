import { readFileSync } from 'node:fs';
import { test, expect, snap } from './fixtures/console';

test.describe('tenants', () => {
  test('sees the missing and orphan rows, creates a tenant, finds it, and queries across tenants', async ({
    consolePage: page,
    fleet,
  }) => {
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Tenants' }).click();
    const table = page.getByRole('table', { name: 'Tenants' });
    await expect(page.getByTestId('registry-line')).toContainText('django-tenants');
    await expect(table.getByRole('row', { name: new RegExp(fleet.seed.schemas[0]) })).toBeVisible();
    await snap(page, 'tenants-list');

    // Reconciliation: the registered tenant whose schema is gone, and the schema nobody registered.
    const filters = page.getByRole('group', { name: 'Filter by state' });
    await filters.getByRole('button', { name: /^missing/ }).click();
    await expect(table.getByRole('row', { name: new RegExp(fleet.seed.missingSchema) })).toBeVisible();
    await expect(table.getByRole('row').filter({ hasText: 'tenant_' })).toHaveCount(1);
    await filters.getByRole('button', { name: /^orphan/ }).click();
    const orphanRow = table.getByRole('row', { name: new RegExp(fleet.seed.orphan) });
    await expect(orphanRow).toBeVisible();
    await orphanRow.click();
    await expect(page.getByRole('button', { name: 'Adopt orphan' })).toBeVisible();
    await snap(page, 'tenants-orphan');
    await filters.getByRole('button', { name: /^all/ }).click();

    // Create: the schema name follows the display name, is checked live, and can be edited.
    await page.getByRole('button', { name: 'New tenant' }).click();
    const form = page.getByRole('form', { name: 'New tenant' });
    await form.getByLabel('Display name').fill('Clínica Dr. Pérez');
    const schemaInput = form.getByLabel('Schema name');
    await expect(schemaInput).toHaveValue(/^tenant_clinica_dr_perez_[0-9a-f]{4}$/);
    await schemaInput.fill('Bad Name;');
    await expect(form.getByText(/Only lower-case ASCII/)).toBeVisible();
    await schemaInput.fill(fleet.seed.schemas[1]);
    await expect(form.getByText(/already exists/)).toBeVisible();
    await schemaInput.fill('tenant_clinica_perez_e2e');
    await expect(form.getByText('✓ a safe, free name')).toBeVisible();
    await form.getByLabel(/Domains/).fill('perez.demo.localhost');
    await snap(page, 'tenants-create-form');
    await form.getByRole('button', { name: 'Create tenant' }).click();

    const created = table.getByRole('row', { name: /tenant_clinica_perez_e2e/ });
    await expect(created).toBeVisible();
    await expect(page.getByRole('region', { name: 'Tenant tenant_clinica_perez_e2e' })).toContainText(
      'perez.demo.localhost',
    );
    await expect(page.getByRole('region', { name: 'Tenant tenant_clinica_perez_e2e' })).toContainText('up to date');
    await snap(page, 'tenants-created');
    const client = await fleet.db.client();
    const { rows } = await client.query(
      `SELECT name FROM public.customers_client WHERE schema_name = 'tenant_clinica_perez_e2e'`,
    );
    expect(rows).toEqual([{ name: 'Clínica Dr. Pérez' }]);

    // Cross-tenant read-only query with a tenant column; a write is refused.
    await page.getByRole('searchbox', { name: 'Search tenants' }).fill('');
    await page.getByRole('button', { name: 'Query across tenants' }).click();
    const panel = page.getByRole('region', { name: 'Cross-tenant query' });
    await panel.getByLabel('SQL').fill('SELECT count(*) AS students FROM evaluations_student');
    await panel.getByRole('button', { name: 'Run query' }).click();
    const result = panel.getByRole('table', { name: 'Query result' });
    await expect(result.getByRole('columnheader', { name: 'tenant' })).toBeVisible();
    await expect(result.getByRole('row')).toHaveCount(fleet.seed.schemas.length + 1 + 1);
    await expect(result.getByRole('row', { name: /tenant_clinica_perez_e2e 0/ })).toBeVisible();
    await snap(page, 'tenants-query');
    // The download is written by main's one CSV writer: exact digits, formula cells neutralised.
    await panel.getByLabel('SQL').fill(`SELECT 9007199254740993::int8 AS big, '=1+1' AS f`);
    await panel.getByRole('button', { name: 'Run query' }).click();
    await expect(result.getByRole('row', { name: /tenant_clinica_perez_e2e 9007199254740993/ })).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('tenantry-query.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('tenant,big,f');
    expect(csv).toContain(`tenant_clinica_perez_e2e,9007199254740993,'=1+1\r\n`);

    await panel.getByLabel('SQL').fill(`UPDATE evaluations_student SET name = 'x'`);
    await panel.getByRole('button', { name: 'Run query' }).click();
    await expect(panel.getByRole('alert')).toContainText('QUERY_NOT_READ_ONLY');
    await snap(page, 'tenants-query-refused');
  });
});
