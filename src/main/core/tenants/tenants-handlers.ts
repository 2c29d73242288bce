import { AppError } from '../../../shared/errors';
import { schemaNameProblem, type CrossQueryResult } from '../../../shared/model/tenants';
import type { tenantsContract } from '../../../shared/contracts/tenants';
import type { AreaHandlers } from '../api';
import { profileFields } from '../audit/audit-log';
import type { CoreDeps } from '../core-deps';
import { toCsv } from '../domain/csv';
import { assertWritable, requireProductionConfirmation } from '../safety';
import { cloneTenant, moveTenant } from './clone-move';
import { installConsoleSql, NATIVE_REGISTRY_MIGRATION } from '../domain/ledger/console-sql';
import { createTenant, readSeeds } from './create-tenant';
import { assertQueryShape, crossTenantQuery } from './cross-query';
import { resolveRegistry } from '../domain/registry/detect-registry';
import { loadFleet, workingTenants } from '../domain/registry/fleet';
import { catalogKey, lastBackupFor, lastBackups } from './last-backups';
import { readRegistryTable, requiredColumns } from '../domain/registry/registry-table';
import { assertSchemaFree, assertTenantSchemaName } from './schema-checks';
import { adoptOrphan, dropTenant, forgetMissingTenant, setTenantStatus } from './tenant-admin';
import {
  tenantContext,
  tenantMigrations,
  type TenantContext,
  type TenantTarget,
} from '../domain/registry/tenant-context';
import { filterTenants, listTenants } from './tenant-list';

/** The tenants area's calls, implemented over the core's shared services. */
export function createTenantsHandlers(deps: CoreDeps): AreaHandlers<typeof tenantsContract> {
  /** Refuses (and audits the refusal) a change a read-only or unconfirmed production profile must not make. */
  async function guard(
    ctx: TenantContext,
    action: string,
    target: string,
    input: { confirmDatabase?: string },
    params: Record<string, unknown>,
  ): Promise<void> {
    try {
      assertWritable(ctx.profile, action);
      requireProductionConfirmation(ctx.profile, input.confirmDatabase, action);
    } catch (e) {
      await deps.audit.record({
        action,
        ...profileFields(ctx.profile),
        target,
        params,
        result: 'refused',
        error: (e as Error).message,
      });
      throw e;
    }
  }

  /** Checks a change may happen, then runs it audited. */
  async function change<T>(
    ctx: TenantContext,
    action: string,
    target: string,
    input: { confirmDatabase?: string },
    params: Record<string, unknown>,
    work: () => Promise<T>,
  ): Promise<T> {
    await guard(ctx, action, target, input, params);
    return deps.audit.around({ action, ...profileFields(ctx.profile), target, params }, work);
  }

  const withDb = <T>(ctx: TenantContext, fn: Parameters<typeof deps.pools.withClient<T>>[1]) =>
    deps.pools.withClient(ctx.profile, fn);
  const open = (t: TenantTarget) => tenantContext(deps, t);

  return {
    'tenants.list': async (input) => {
      const ctx = await open(input);
      const files = ctx.project ? await tenantMigrations(ctx.project) : undefined;
      const backups = await lastBackups(
        deps.dataDir,
        catalogKey(ctx.profile, deps.profiles.isEphemeral(ctx.profile.id)),
      );
      const list = await withDb(ctx, (client) =>
        listTenants(client, {
          spec: ctx.spec,
          ignoreSchemas: ctx.ignoreSchemas,
          migrations: files?.map((f) => f.name),
          lastBackup: (s) => lastBackupFor(backups, s),
          another: () => deps.pools.lease(ctx.profile),
        }),
      );
      return { ...list, tenants: filterTenants(list.tenants, input.status) };
    },

    'tenants.createForm': async (input) => {
      const ctx = await open(input);
      const files = await tenantMigrations(ctx.project);
      const seeds = await readSeeds(ctx.project);
      return withDb(ctx, async (client) => {
        const registry = { ...(await resolveRegistry(client, ctx.spec)), tenantCount: 0 };
        const table = await readRegistryTable(client, registry);
        const required = table ? requiredColumns(table) : [];
        const skip = new Set([
          'schema_name',
          'name',
          'id',
          ...required.map((c) => c.name),
          ...(table?.status ? [table.status.column] : []),
        ]);
        return {
          registry,
          requiredColumns: required.map(({ name, type }) => ({ name, type })),
          optionalColumns: (table?.columns ?? [])
            .filter((c) => !skip.has(c.name))
            .map(({ name, type }) => ({ name, type })),
          hasProject: Boolean(ctx.project),
          migrations: files.map((f) => f.name),
          seeds: seeds.map((s) => s.name),
          supportsDomains: Boolean(table?.domain),
        };
      });
    },

    'tenants.checkSchema': async (input) => {
      const ctx = await open(input);
      return withDb(ctx, async (client) => {
        try {
          const registry = { ...(await resolveRegistry(client, ctx.spec)), tenantCount: 0 };
          assertTenantSchemaName(input.schema, registry);
          await assertSchemaFree(client, input.schema, await readRegistryTable(client, registry));
          return { schema: input.schema, ok: true };
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          return { schema: input.schema, ok: false, code: e.code, message: e.message };
        }
      });
    },

    'tenants.create': async (input) => {
      const ctx = await open(input);
      const files = await tenantMigrations(ctx.project);
      return change(
        ctx,
        'tenants.create',
        input.schema ?? input.name,
        input,
        { name: input.name, schema: input.schema, domains: input.domains, columns: Object.keys(input.values) },
        () =>
          withDb(ctx, (client) =>
            createTenant(
              client,
              {
                spec: ctx.spec,
                project: ctx.project,
                files,
                appliedBy: 'tenantry tenants create',
                migrations: deps.ports.migrations,
              },
              input,
            ),
          ),
      );
    },

    'tenants.setStatus': async (input) => {
      const ctx = await open(input);
      const action = input.status === 'suspended' ? 'tenants.suspend' : 'tenants.reactivate';
      await change(ctx, action, input.schema, input, {}, () =>
        withDb(ctx, (client) => setTenantStatus(client, ctx.spec, input.schema, input.status)),
      );
      return { schema: input.schema, status: input.status };
    },

    'tenants.drop': async (input) => {
      const ctx = await open(input);
      return change(ctx, 'tenants.drop', input.schema, input, {}, async () => {
        if (input.confirm !== input.schema) {
          throw new AppError(
            'CONFIRMATION_REQUIRED',
            `Dropping ${input.schema} needs its name typed to confirm.`,
            `Type the schema name exactly (CLI: --confirm ${input.schema}).`,
            { field: 'confirm' },
          );
        }
        const outcome = await withDb(ctx, (client) =>
          dropTenant(client, { spec: ctx.spec, profile: ctx.profile, backups: deps.ports.backups }, input.schema),
        );
        return { schema: input.schema, ...outcome };
      });
    },

    'tenants.forget': async (input) => {
      const ctx = await open(input);
      const removed = await change(ctx, 'tenants.forget', input.schema, input, {}, () =>
        withDb(ctx, (client) => forgetMissingTenant(client, ctx.spec, input.schema)),
      );
      return { schema: input.schema, removed };
    },

    'tenants.adopt': async (input) => {
      const ctx = await open(input);
      const name = input.name ?? input.schema;
      await change(ctx, 'tenants.adopt', input.schema, input, { name, columns: Object.keys(input.values) }, () =>
        withDb(ctx, (client) => adoptOrphan(client, ctx.spec, input.schema, name, input.values)),
      );
      return { schema: input.schema, name };
    },

    'tenants.clone': async (input) => {
      const ctx = await open(input);
      const problem = schemaNameProblem(input.as);
      if (problem)
        throw new AppError(
          'INVALID_IDENTIFIER',
          `The new schema name "${input.as}": ${problem}`,
          'Choose a lower-case ASCII name.',
          { field: 'as' },
        );
      const base = {
        action: 'tenants.clone',
        ...profileFields(ctx.profile),
        target: input.schema,
        params: { as: input.as },
      };
      await guard(ctx, 'tenants.clone', input.schema, input, { as: input.as });
      return {
        jobId: deps.jobs.start(
          'tenants.clone',
          (job) =>
            deps.audit.around(base, () => cloneTenant(deps, job, { profile: ctx.profile, spec: ctx.spec }, input)),
          { profileId: ctx.profile.id },
        ),
      };
    },

    'tenants.move': async (input) => {
      const ctx = await open(input);
      const dest = await open({ profileId: input.toProfileId });
      assertWritable(dest.profile, 'Moving a tenant here');
      requireProductionConfirmation(dest.profile, input.confirmDatabase, 'Moving a tenant here');
      const base = {
        action: 'tenants.move',
        ...profileFields(ctx.profile),
        target: input.schema,
        params: { to: dest.profile.name },
      };
      await guard(ctx, 'tenants.move', input.schema, input, { to: dest.profile.name });
      return {
        jobId: deps.jobs.start(
          'tenants.move',
          (job) =>
            deps.audit.around(base, () =>
              moveTenant(
                deps,
                job,
                { profile: ctx.profile, spec: ctx.spec, dest: dest.profile, destSpec: dest.spec },
                input.schema,
              ),
            ),
          { profileId: ctx.profile.id },
        ),
      };
    },

    'tenants.query': async (input) => {
      await assertQueryShape(input.sql);
      const ctx = await open(input);
      const fleet = await withDb(ctx, (client) => loadFleet(client, ctx.spec, ctx.ignoreSchemas));
      const working = workingTenants(fleet).map((t) => t.schema);
      let chosen = working;
      if (input.tenants?.length) {
        const known = new Set(working);
        const unknown = input.tenants.filter((t) => !known.has(t));
        if (unknown.length)
          throw new AppError(
            'TENANT_NOT_FOUND',
            `Not a tenant with a schema here: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}.`,
            'List tenants with `tenantry tenants list`.',
            { field: 'tenants' },
          );
        chosen = [...new Set(input.tenants)];
      }
      const parallel = input.parallel ?? ctx.project?.config.parallelism ?? 4;
      return {
        jobId: deps.jobs.start(
          'tenants.query',
          (job) =>
            crossTenantQuery(() => deps.pools.dedicatedClient(ctx.profile), {
              sql: input.sql,
              tenants: chosen,
              timeoutMs: input.timeoutMs,
              maxRows: input.maxRows,
              parallel,
              signal: job.signal,
              onProgress: (done, total, current) => job.progress(done, total, current),
            }),
          { profileId: ctx.profile.id },
        ),
      };
    },

    'tenants.queryCsv': async ({ jobId }) => {
      const job = deps.jobs.get(jobId);
      if (job.kind !== 'tenants.query' || job.state !== 'succeeded')
        throw new AppError(
          'JOB_NOT_FOUND',
          `Job ${jobId} is not a finished cross-tenant query.`,
          'Run the query again, then export it.',
        );
      const result = job.result as CrossQueryResult;
      return { fileName: 'tenantry-query.csv', content: toCsv(result.columns, result.rows) };
    },

    'tenants.installNative': async (input) => {
      const ctx = await open({ profileId: input.profileId });
      return change(ctx, 'tenants.installNative', 'tenantry', input, {}, () =>
        withDb(ctx, (client) => installConsoleSql(client, { only: [NATIVE_REGISTRY_MIGRATION] })),
      );
    },
  };
}
