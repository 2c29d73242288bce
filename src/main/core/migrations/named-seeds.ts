import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { SeedResult, SeedSchemaRun } from '../../../shared/model/migrations';
import { profileFields } from '../audit/audit-log';
import type { CoreDeps } from '../core-deps';
import { quoteIdent } from '../db/identifiers';
import { toAppError } from '../db/pg-errors';
import { lockTenantInTransaction } from '../domain/tenant-locks';
import { requireProject } from '../project/project';
import { refuseUnlistedSchemas } from './named-schemas';
import { assertWritable, requireProductionConfirmation } from '../safety';

export interface SeedInput {
  profileId: string;
  project?: string;
  /** Named schemas to seed; none: every named schema that has a seeds/<schema>/ folder. */
  schemas?: string[];
  confirmDatabase?: string;
}

async function seedFiles(projectDir: string, schema: string): Promise<{ name: string; sql: string }[]> {
  const dir = path.join(projectDir, 'seeds', schema);
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (n) => ({ name: n.slice(0, -'.sql'.length), sql: await fs.readFile(path.join(dir, n), 'utf8') })),
  );
}

/**
 * `tenantry seed [SCHEMA …]`: each named schema's seeds/<schema>/*.sql, in apply order, one
 * transaction per schema (search_path: the schema, then public), only on request. Seeds are
 * written to be idempotent; a failing file rolls back its schema and stops the schemas after it,
 * since a later schema's seeds may reference the earlier one's rows.
 */
export async function seedNamedSchemas(deps: CoreDeps, input: SeedInput): Promise<SeedResult> {
  const profile = deps.profiles.get(input.profileId);
  const project = await requireProject(profile, input.project);
  const listed = project.config.schemas;
  refuseUnlistedSchemas(input.schemas ?? [], listed);
  const chosen = listed.filter((s) => !input.schemas?.length || input.schemas.includes(s));
  const plans = await Promise.all(
    chosen.map(async (schema) => ({ schema, files: await seedFiles(project.dir, schema) })),
  );
  const work = plans.filter((p) => p.files.length);
  if (!work.length)
    throw new AppError(
      'NO_PROJECT',
      `No seed files under ${path.join(project.dir, 'seeds')}/<schema>/ for ${chosen.join(', ') || 'any named schema'}.`,
      'Put idempotent NNNN_name.sql files in seeds/<schema>/.',
    );
  assertWritable(profile, 'Seeding');
  requireProductionConfirmation(profile, input.confirmDatabase, 'Seeding');
  const params = { schemas: work.map((p) => p.schema), files: work.reduce((n, p) => n + p.files.length, 0) };
  const started = performance.now();
  const runs: SeedSchemaRun[] = [];
  await deps.audit
    .around({ ...profileFields(profile), action: 'migrations.seed', target: params.schemas.join(','), params }, () =>
      deps.pools.withClient(profile, async (client) => {
        let stopped = false;
        for (const plan of work) {
          const t0 = performance.now();
          const run: SeedSchemaRun = { schema: plan.schema, state: 'applied', files: [], durationMs: 0 };
          runs.push(run);
          if (stopped) {
            run.state = 'skipped';
            continue;
          }
          let current = plan.files[0].name;
          try {
            await client.query('BEGIN');
            await lockTenantInTransaction(client, plan.schema, { what: 'seed' });
            const { rows } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [plan.schema]);
            if (!rows.length)
              throw new AppError(
                'TENANT_NOT_FOUND',
                `Schema ${plan.schema} does not exist yet.`,
                'Run `tenantry migrate` first: it creates the named schemas.',
                { tenant: plan.schema },
              );
            await client.query(`SET LOCAL search_path TO ${quoteIdent(plan.schema)}, public`);
            for (const file of plan.files) {
              current = file.name;
              await client.query(file.sql);
              run.files.push(file.name);
            }
            await client.query('COMMIT');
          } catch (e) {
            await client.query('ROLLBACK').catch(() => undefined);
            const err = e instanceof AppError ? e : toAppError(e, undefined, plan.schema);
            run.state = 'failed';
            run.failedFile = current;
            run.files = [];
            run.error = {
              code: err.code,
              message: err.message,
              ...(err.sqlstate ? { sqlstate: err.sqlstate } : {}),
              ...(err.hint ? { hint: err.hint } : {}),
            };
            stopped = true;
          }
          run.durationMs = Math.round(performance.now() - t0);
        }
        const failed = runs.find((r) => r.state === 'failed');
        if (failed)
          throw Object.assign(
            new AppError(
              'MIGRATION_FAILED',
              `Seeding ${failed.schema} failed at ${failed.failedFile}: ${failed.error?.message}`,
            ),
            { seedRuns: runs },
          );
      }),
    )
    .catch((e) => {
      if ((e as { seedRuns?: unknown }).seedRuns) return;
      throw e;
    });
  const failed = runs.filter((r) => r.state === 'failed').map((r) => r.schema);
  return { schemas: runs, failed, durationMs: Math.round(performance.now() - started) };
}
