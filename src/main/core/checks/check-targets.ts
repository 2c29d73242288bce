import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Profile } from '../../../shared/model/profile';
import type { CoreDeps } from '../core-deps';
import { loadSqlParser } from '../domain/sql';
import { readMigrationDir } from '../domain/ledger/migration-files';
import { requireProject, type Project } from '../project/project';
import { loadFleet, workingTenants } from '../domain/registry/fleet';
import type { CheckParam } from '../../../shared/model/checks';
import { checkParamValue, knowsParamType, paramInvalid } from '../domain/param-values';
import { chooseChecks, readChecksDir, type LoadedCheck } from './check-files';

export interface CheckTargets {
  project: Project;
  checks: LoadedCheck[];
  /** Tenant schemas the tenant-scope checks run in. */
  tenants: string[];
  /** Registered tenants left out (schema missing). */
  skipped: { tenant: string; reason: string }[];
  latestMigration?: string;
}

export interface TargetOptions {
  project?: string;
  checks?: string[];
  tenants?: string[];
  /** Values for `-- param:` headers, by check id then parameter name: type-checked before any tenant. */
  params?: Record<string, Record<string, string>>;
}

/** The registry to read: the profile's unless it says auto, then tenantry.yaml's (CLI.md "Choosing the registry"). */
export function registrySpecFor(profile: Profile, project: Project): string {
  return profile.registry && profile.registry !== 'auto' ? profile.registry : (project.config.registry ?? 'auto');
}

export async function loadProjectChecks(
  profile: Profile,
  projectOverride?: string,
): Promise<{ project: Project; checks: LoadedCheck[] }> {
  const project = await requireProject(profile, projectOverride);
  await loadSqlParser();
  return { project, checks: await readChecksDir(path.join(project.dir, 'checks')) };
}

/**
 * The one rule for parameters (as for actions): a given value or default that fails its declared
 * type is PARAM_INVALID now, not a SQL error in every tenant. Types this console does not know
 * are cast by the server itself, outside any tenant; a type only tenants define is left to them.
 */
async function assertParamValues(
  deps: CoreDeps,
  profile: Profile,
  checks: LoadedCheck[],
  given: Record<string, Record<string, string>>,
): Promise<void> {
  const forServer: { param: CheckParam; value: string }[] = [];
  for (const check of checks) {
    for (const name of Object.keys(given[check.id] ?? {})) {
      if (check.params.some((p) => p.name === name)) continue;
      throw new AppError(
        'PARAM_INVALID',
        `The check ${check.id} has no parameter "${name}".`,
        check.params.length
          ? `Its parameters: ${check.params.map((p) => p.name).join(', ')}.`
          : 'It takes no parameters.',
        { field: name },
      );
    }
    for (const param of check.params) {
      const value = given[check.id]?.[param.name] ?? param.default;
      if (value === undefined) continue;
      if (knowsParamType(param.type)) checkParamValue(param, value);
      else forServer.push({ param, value });
    }
  }
  if (!forServer.length) return;
  await deps.pools.withClient(profile, async (client) => {
    for (const { param, value } of forServer) {
      // The type text comes from the check's header (a strict pattern), the value is bound.
      const refused = await client.query(`SELECT $1::${param.type}`, [value]).then(
        () => undefined,
        (e: { code?: string; message?: string }) => (/^2[23]/.test(e.code ?? '') ? e.message : undefined),
      );
      if (refused) throw paramInvalid(param, value, `must be of type ${param.type} (${refused})`);
    }
  });
}

/**
 * What a run works on: the chosen checks, and the working tenants (CLI.md: fleet-wide commands
 * skip `missing` tenants with a warning and leave orphans out). Named tenants must be working ones.
 */
export async function resolveTargets(deps: CoreDeps, profile: Profile, opts: TargetOptions): Promise<CheckTargets> {
  const { project, checks: all } = await loadProjectChecks(profile, opts.project);
  if (all.length === 0)
    throw new AppError(
      'CHECK_NOT_FOUND',
      `The project ${project.dir} has no checks.`,
      'Add checks/NAME.sql files: one SELECT returning the violating rows.',
    );
  const checks = chooseChecks(all, opts.checks);
  await assertParamValues(deps, profile, checks, opts.params ?? {});
  for (const c of checks) {
    if (c.scope === 'tenant' || c.scope === 'shared' || project.config.schemas.includes(c.scope)) continue;
    throw new AppError(
      'CHECK_FAILED',
      `${c.id} has scope "${c.scope}", which is neither tenant, shared nor a named schema of this project.`,
      project.config.schemas.length
        ? `Named schemas (tenantry.yaml schemas:): ${project.config.schemas.join(', ')}.`
        : 'List named schemas in tenantry.yaml under schemas:, or use scope tenant or shared.',
    );
  }
  const latestMigration = (await readMigrationDir(path.join(project.dir, 'migrations', 'tenant'))).at(-1)?.name;
  if (!checks.some((c) => c.scope === 'tenant')) return { project, checks, tenants: [], skipped: [], latestMigration };

  const fleet = await deps.pools.withClient(profile, (client) =>
    loadFleet(client, registrySpecFor(profile, project), project.config.ignoreSchemas),
  );
  const working = workingTenants(fleet).map((t) => t.schema);
  const missing = fleet.tenants.filter((t) => t.status === 'missing');
  if (!opts.tenants || opts.tenants.length === 0) {
    return {
      project,
      checks,
      tenants: working,
      skipped: missing.map((t) => ({
        tenant: t.schema,
        reason: 'registered, but its schema is missing',
        missing: true,
      })),
      latestMigration,
    };
  }
  const known = new Set(working);
  for (const name of opts.tenants) {
    if (known.has(name)) continue;
    const t = fleet.tenants.find((x) => x.schema === name);
    const why = !t
      ? 'is not a tenant of this database'
      : t.status === 'missing'
        ? 'is registered but its schema is missing'
        : t.status === 'orphan'
          ? 'is an orphan schema (no registry row)'
          : 'is the shared schema';
    throw new AppError(
      'TENANT_NOT_FOUND',
      `"${name}" ${why}.`,
      'Name tenants by schema, as `tenantry tenants list` shows them.',
      { tenant: name },
    );
  }
  return { project, checks, tenants: [...new Set(opts.tenants)], skipped: [], latestMigration };
}
