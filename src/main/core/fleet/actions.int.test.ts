import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionDefinition, ActionReport } from '../../../shared/model/fleet';
import { fleetFixture, type FleetFixture } from './fleet-fixture.test-helper';

let f: FleetFixture;

async function tokens(): Promise<Map<string, string>> {
  const { rows } = await f.sql.query(
    `SELECT schema_name, ai_token || '/' || cwu_token AS t FROM public.customers_client`,
  );
  return new Map(rows.map((r: { schema_name: string; t: string }) => [r.schema_name, r.t]));
}

beforeAll(async () => {
  f = await fleetFixture(8, { prefix: 'tenantry_actions' });
  // Deterministic order for --stop-on-error: one tenant at a time.
  f.addProjectFile('tenantry.yaml', 'registry: auto\nparallelism: 1\n');
  f.addProjectFile(
    'actions/fail_in_one.sql',
    "-- description: renames groups, and divides by zero in the victim tenant\n-- param: victim text\nUPDATE clases_group SET name = name || '!' WHERE 1 / (CASE WHEN current_schema() = :victim THEN 0 ELSE 1 END) = 1;\n",
  );
}, 120_000);

afterAll(async () => {
  await f?.close();
});

describe('tenant actions', () => {
  it('lists the project actions with their parameters', async () => {
    const { actions } = await f.data<{ actions: ActionDefinition[] }>('fleet.actions', {});
    const rotate = actions.find((a) => a.id === 'rotate_tokens')!;
    expect(rotate.description).toMatch(/Rotate/);
    expect(rotate.params).toEqual([{ name: 'rotate_cwu', type: 'boolean', default: 'true' }]);
    expect(actions.find((a) => a.id === 'change_quota')!.params.map((p) => p.type)).toEqual([
      'integer',
      'integer',
      'integer',
    ]);
  });

  it('previews the token rotation (rolled back), then runs it in the chosen tenants only', async () => {
    const [a, b] = [f.seed.schemas[0], f.seed.schemas[3]];
    const before = await tokens();
    const preview = await f.job<ActionReport>('fleet.runAction', {
      action: 'rotate_tokens',
      tenants: [a, b],
      dryRun: true,
    });
    expect(preview.tenants.map((t) => [t.tenant, t.state, t.rowsChanged])).toEqual([
      [a, 'previewed', 1],
      [b, 'previewed', 1],
    ]);
    expect(preview.tenants[0].rows[0]).toMatchObject({ schema_name: a });
    expect(await tokens()).toEqual(before);

    const run = await f.job<ActionReport>('fleet.runAction', { action: 'rotate_tokens', tenants: [a, b] });
    expect(run.counts).toEqual({ done: 2, previewed: 0, failed: 0, skipped: 0 });
    const after = await tokens();
    for (const [schema, t] of before) {
      if (schema === a || schema === b) expect(after.get(schema)).not.toBe(t);
      else expect(after.get(schema)).toBe(t);
    }
  });

  it('binds typed parameters', async () => {
    const t = f.seed.schemas[2];
    const run = await f.job<ActionReport>('fleet.runAction', {
      action: 'change_quota',
      tenants: [t],
      params: { max_agents: '42' },
    });
    expect(run.tenants[0].rows[0]).toMatchObject({ max_agents: 42, max_documents: 1000 });
    const { rows } = await f.sql.query('SELECT max_agents FROM public.customers_client WHERE schema_name = $1', [t]);
    expect(rows[0].max_agents).toBe(42);
  });

  it('rolls back the tenant where the action fails, names it, and goes on with the rest', async () => {
    const [a, b, c] = f.seed.schemas;
    const run = await f.job<ActionReport>('fleet.runAction', {
      action: 'fail_in_one',
      tenants: [a, b, c],
      params: { victim: b },
    });
    expect(run.tenants.map((t) => t.state)).toEqual(['done', 'failed', 'done']);
    expect(run.tenants[1].error).toMatchObject({ sqlstate: '22012' });
    const { rows } = await f.sql.query(`SELECT count(*)::int AS n FROM "${b}".clases_group WHERE name LIKE '%!'`);
    expect(rows[0].n).toBe(0);
  });

  it('stops at the failing tenant with stopOnError', async () => {
    const [a, b, c] = f.seed.schemas;
    const run = await f.job<ActionReport>('fleet.runAction', {
      action: 'fail_in_one',
      tenants: [a, b, c],
      params: { victim: b },
      stopOnError: true,
    });
    expect(run.tenants.map((t) => t.state)).toEqual(['done', 'failed', 'skipped']);
    expect(run.stopped).toBe(true);
  });

  it('audits real runs (not previews), naming the tenants that failed', () => {
    const dir = path.join(f.home, 'audit');
    const lines = readdirSync(dir)
      .filter((n) => n.endsWith('.jsonl'))
      .flatMap((n) => readFileSync(path.join(dir, n), 'utf8').trim().split('\n'))
      .map((l) => JSON.parse(l) as { action: string; result: string; target: string; error?: string });
    const runs = lines.filter((l) => l.action === 'fleet.runAction' && l.result !== 'intent');
    expect(runs.map((l) => [l.target, l.result])).toEqual([
      ['rotate_tokens', 'ok'],
      ['change_quota', 'ok'],
      ['fail_in_one', 'failed'],
      ['fail_in_one', 'failed'],
    ]);
    expect(runs[2].error).toContain(f.seed.schemas[1]);
  });
});

describe('tenant action bad input', () => {
  it('refuses a missing parameter (PARAM_INVALID)', async () => {
    const err = await f.error('fleet.runAction', { action: 'fail_in_one', tenants: [f.seed.schemas[0]] });
    expect(err).toMatchObject({ code: 'PARAM_INVALID', field: 'victim' });
  });

  it('refuses a parameter of the wrong type (PARAM_INVALID)', async () => {
    const err = await f.error('fleet.runAction', {
      action: 'change_quota',
      tenants: [f.seed.schemas[0]],
      params: { max_agents: 'many' },
    });
    expect(err).toMatchObject({ code: 'PARAM_INVALID', field: 'max_agents' });
    expect(
      (await f.error('fleet.runAction', { action: 'rotate_tokens', params: { rotate_cwu: 'perhaps' } })).code,
    ).toBe('PARAM_INVALID');
    expect((await f.error('fleet.runAction', { action: 'rotate_tokens', params: { nope: '1' } })).code).toBe(
      'PARAM_INVALID',
    );
  });

  it('refuses an unknown action and an unknown tenant', async () => {
    expect((await f.error('fleet.runAction', { action: 'no_such_action' })).code).toBe('ACTION_NOT_FOUND');
    expect((await f.error('fleet.runAction', { action: 'rotate_tokens', tenants: ['tenant_nobody'] })).code).toBe(
      'TENANT_NOT_FOUND',
    );
  });

  it('needs the database name on production', async () => {
    const profile = f.core.profiles.get(f.profileId);
    const prod = await f.core.profiles.add({
      ...profile,
      id: undefined,
      name: `${profile.name}-prod`,
      environment: 'production',
    } as never);
    const env = await f.core.api.call('fleet.runAction', {
      profileId: prod.id,
      action: 'rotate_tokens',
      tenants: [f.seed.schemas[0]],
    });
    expect(env.ok ? null : env.error.code).toBe('CONFIRMATION_REQUIRED');
  });
});
