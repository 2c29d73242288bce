import { AppError } from '../../../shared/errors';
import type { MigrationPlan, PlanFile, SchemaStatus } from '../../../shared/model/migrations';
import { destructiveReasons } from '../domain/sql';
import type { FleetTask } from './fleet-runner';
import type { MigrationFile } from '../domain/ledger/migration-files';
import { migrationStatements } from './migration-statements';
import { chooseNamedRows, filesForRow } from './named-schemas';
import type { StatusContext } from './status-service';

export interface Targets {
  tasks: FleetTask[];
  /** Every schema chosen (up to date or not), public included when it is chosen. */
  chosen: SchemaStatus[];
  skippedMissing: string[];
  upToDate: number;
}

function pendingFiles(files: MigrationFile[], row: SchemaStatus): MigrationFile[] {
  const pending = new Set(row.pending);
  return files.filter((f) => pending.has(f.name));
}

/**
 * The schemas a fleet-wide command works on: public (when it is behind) first, then the chosen
 * tenants. Missing tenants are skipped with a warning; orphans and unknown names are refused.
 */
export function selectTargets(
  ctx: StatusContext,
  tenants?: string[],
  retryFailed = false,
  schemas?: string[],
): Targets {
  const rows = new Map(ctx.status.tenants.map((r) => [r.schema, r]));
  let chosen: SchemaStatus[];
  if (schemas && !tenants?.length) {
    // --schemas alone: those named schemas (public first when it is behind), no tenant.
    const shared = rows.get('public');
    chosen = [
      ...(shared?.shared && shared.pending.length ? [shared] : []),
      ...chooseNamedRows(ctx.status.tenants, schemas, ctx.project.config.schemas),
    ];
  } else if (tenants?.length) {
    chosen = [];
    for (const name of new Set(tenants)) {
      const row = rows.get(name);
      if (!row) {
        const orphan = ctx.status.orphans.includes(name);
        throw new AppError(
          'TENANT_NOT_FOUND',
          orphan
            ? `${name} is an orphan schema (no registry row); fleet commands never touch orphans.`
            : `No tenant ${name} in the registry.`,
          orphan
            ? 'Adopt it (tenants) or drop it explicitly first.'
            : 'See `tenantry tenants list` for the schema names.',
          { tenant: name },
        );
      }
      chosen.push(row);
    }
    const shared = rows.get('public');
    if (shared?.shared && shared.pending.length && !chosen.includes(shared)) chosen.unshift(shared);
    // Tenants may reference named schemas: those behind (or those of --schemas) run before them.
    const named = schemas
      ? chooseNamedRows(ctx.status.tenants, schemas, ctx.project.config.schemas)
      : ctx.status.tenants.filter((r) => r.named && r.pending.length);
    chosen.push(...named.filter((r) => !chosen.includes(r)));
  } else {
    chosen = ctx.status.tenants;
  }
  const namedOrder = ctx.status.tenants.filter((r) => r.named);
  chosen = [
    ...chosen.filter((r) => r.shared),
    ...namedOrder.filter((r) => chosen.includes(r)),
    ...chosen.filter((r) => !r.shared && !r.named),
  ];
  const skippedMissing = chosen.filter((r) => r.status === 'missing').map((r) => r.schema);
  const present = chosen.filter((r) => r.status !== 'missing' && (!retryFailed || r.failed.length > 0 || r.shared));
  const tasks: FleetTask[] = [];
  let upToDate = 0;
  for (const row of present) {
    const files = pendingFiles(filesForRow(ctx.files, row), row);
    if (!files.length) upToDate++;
    else
      tasks.push({
        schema: row.schema,
        ...(row.shared ? { shared: true } : {}),
        ...(row.named ? { named: true } : {}),
        files,
      });
  }
  return { tasks, chosen: present, skippedMissing, upToDate };
}

export function driftedOf(rows: SchemaStatus[]): { schema: string; name: string }[] {
  return rows.flatMap((r) => r.drifted.map((name) => ({ schema: r.schema, name })));
}

export function refuseDrift(rows: SchemaStatus[]): void {
  const drifted = driftedOf(rows);
  if (!drifted.length) return;
  const list = drifted
    .slice(0, 5)
    .map((d) => `${d.schema}.${d.name}`)
    .join(', ');
  throw new AppError(
    'CHECKSUM_DRIFT',
    `${drifted.length} applied migration(s) no longer match their files: ${list}${drifted.length > 5 ? ', …' : ''}.`,
    'An applied file was edited. Restore its original text (git), or write a new migration for the change; applying is blocked until then.',
    { tenant: drifted[0].schema },
  );
}

/**
 * The files of a run in apply order: each folder's files by version, the folders in the order the
 * run reaches them (public, named schemas, tenants) — not in the order the first schema needing a
 * file was met (a tenant lacking only 0006 would list it before 0005).
 */
export function planFiles(tasks: FleetTask[]): PlanFile[] {
  const seen = new Map<string, { file: MigrationFile; scope: PlanFile['scope']; schema?: string; rank: number }>();
  const folderRank = new Map<string, number>();
  for (const task of tasks) {
    const scope = task.shared ? 'shared' : task.named ? 'named' : 'tenant';
    // Each named schema has its own folder (and may reuse numbers): its files are keyed by schema.
    const owner = task.named ? task.schema : '';
    for (const file of task.files) {
      const folder = `${scope}:${owner}:${file.file?.split('/')[0] ?? ''}`;
      if (!folderRank.has(folder)) folderRank.set(folder, folderRank.size);
      const key = `${scope}:${owner}:${file.name}`;
      if (!seen.has(key))
        seen.set(key, { file, scope, ...(owner ? { schema: owner } : {}), rank: folderRank.get(folder)! });
    }
  }
  return [...seen.values()]
    .sort((a, b) => a.rank - b.rank || a.file.version - b.file.version)
    .map(({ file, scope, schema }) => ({
      name: file.name,
      scope,
      ...(schema ? { schema } : {}),
      noTransaction: file.noTransaction,
      hasDown: file.downSql !== undefined,
      destructive: destructiveReasons(migrationStatements(file)),
    }));
}

export function buildPlan(ctx: StatusContext, targets: Targets): MigrationPlan {
  const files = planFiles(targets.tasks);
  const warnings = [...ctx.status.warnings];
  if (files.some((f) => f.noTransaction))
    warnings.push('Files marked no-transaction run on their own; a dry run lists them as not dry-runnable.');
  return {
    profileId: ctx.profile.id,
    schemas: targets.tasks.map((t) => ({
      schema: t.schema,
      ...(t.shared ? { shared: true } : {}),
      ...(t.named ? { named: true } : {}),
      pending: t.files.map((f) => f.name),
    })),
    files,
    upToDate: targets.upToDate,
    skippedMissing: targets.skippedMissing,
    drifted: driftedOf(targets.chosen),
    destructive: files.some((f) => f.destructive.length > 0),
    warnings,
  };
}
