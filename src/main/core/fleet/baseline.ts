import type pg from 'pg';
import { AppError } from '../../../shared/errors';
import type { BaselineResult, BaselineUndoResult } from '../../../shared/model/fleet';
import { profileFields } from '../audit/audit-log';
import type { CoreDeps } from '../core-deps';
import { toAppError } from '../db/pg-errors';
import { lockTenantsInTransaction, withTenantLock } from '../domain/tenant-locks';
import { acquireMigrationLock, releaseMigrationLock } from '../domain/ledger/advisory-lock';
import { readAllLedgers } from '../domain/ledger/ledger-read';
import { createLedgerSql } from '../domain/ledger/ledger-sql';
import { recordBaselined, removeBaselinedRows } from '../domain/ledger/ledger-writes';
import type { MigrationFile } from '../domain/ledger/migration-files';
import { requireProject } from '../project/project';
import { assertWritable, requireProductionConfirmation } from '../safety';
import { loadFleet, workingTenants, type Fleet } from '../domain/registry/fleet';
import { tenantContext, tenantMigrations, type TenantTarget } from '../domain/registry/tenant-context';
import { buildReference } from './baseline-reference';
import { checkPrivileges } from '../domain/privileges';
import { compareStructures, describeDifference } from './structure-compare';

export interface BaselineInput extends TenantTarget {
  to: string;
  tenants?: string[];
  reference?: string;
  confirmDatabase?: string;
}

const LEDGER_BATCH = 100;

/** The files a baseline records: every tenant migration up to `to`; past the last file is refused. */
export function filesUpTo(files: MigrationFile[], to: string): MigrationFile[] {
  const version = Number(to);
  const last = files.at(-1);
  if (!last)
    throw new AppError(
      'BASELINE_REFUSED',
      'The project has no tenant migrations to baseline.',
      'Add migrations/tenant/NNNN_name.sql files first.',
      { field: 'to' },
    );
  if (version > last.version) {
    throw new AppError(
      'BASELINE_REFUSED',
      `--to ${to} is past the last migration file (${last.name}).`,
      `Baseline up to ${String(last.version).padStart(4, '0')} at most; nothing was recorded.`,
      { field: 'to' },
    );
  }
  const chosen = files.filter((f) => f.version <= version);
  if (!chosen.length)
    throw new AppError(
      'BASELINE_REFUSED',
      `--to ${to} is before the first migration file (${files[0].name}).`,
      'Name a migration number that exists.',
      { field: 'to' },
    );
  return chosen;
}

/** Named tenants must be working tenants of the fleet (registered, schema present). */
export function chooseTenants(fleet: Fleet, names: string[] | undefined): string[] {
  const working = workingTenants(fleet).map((t) => t.schema);
  if (!names?.length) return working;
  const known = new Set(working);
  for (const name of names) {
    if (!known.has(name))
      throw new AppError(
        'TENANT_NOT_FOUND',
        `"${name}" is not a working tenant of this database.`,
        'Name tenants by schema, as `tenantry tenants list` shows them.',
        { tenant: name },
      );
  }
  return [...new Set(names)];
}

type Ledgers = Awaited<ReturnType<typeof readAllLedgers>>;

/** One chunk of tenants in one transaction: ledgers created, rows inserted, one commit (one WAL flush) for all. */
async function writeChunk(
  client: pg.ClientBase,
  tenants: string[],
  files: MigrationFile[],
  ledgers: Ledgers,
): Promise<Map<string, string[]>> {
  const recorded = new Map<string, string[]>();
  const withoutLedger = tenants.filter((t) => !ledgers.get(t)?.tenantry);
  await client.query('BEGIN');
  try {
    await lockTenantsInTransaction(client, tenants, { what: 'baseline' });
    if (withoutLedger.length) await client.query(withoutLedger.map(createLedgerSql).join(';\n'));
    for (const tenant of tenants) {
      recorded.set(tenant, await recordBaselined(client, tenant, files));
    }
    await client.query('COMMIT');
    return recorded;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/**
 * Writes the ledgers in chunks, each one transaction; a chunk that fails is retried tenant by
 * tenant, so that one tenant's problem (a ledger it cannot write) is named and the rest still land.
 */
async function writeLedgers(
  client: pg.ClientBase,
  proven: string[],
  files: MigrationFile[],
  ledgers: Ledgers,
  result: BaselineResult,
): Promise<void> {
  const names = files.map((f) => f.name);
  const note = (tenant: string, rows: string[]) => {
    const recorded = new Set(rows);
    result.baselined.push({
      tenant,
      recorded: names.filter((n) => recorded.has(n)),
      alreadyRecorded: names.filter((n) => !recorded.has(n)),
    });
  };
  for (let i = 0; i < proven.length; i += LEDGER_BATCH) {
    const chunk = proven.slice(i, i + LEDGER_BATCH);
    try {
      for (const [tenant, rows] of await writeChunk(client, chunk, files, ledgers)) note(tenant, rows);
    } catch {
      for (const tenant of chunk) {
        try {
          note(tenant, (await writeChunk(client, [tenant], files, ledgers)).get(tenant) ?? []);
        } catch (e) {
          const err = toAppError(e, undefined, tenant);
          result.failed.push({ tenant, code: err.code, message: err.message });
        }
      }
    }
  }
}

/**
 * `tenantry baseline --to NNNN`: records migrations up to NNNN as `baselined`, without running
 * them, in each chosen tenant whose structure holds every object the reference has. The others
 * get no ledger row and are listed with what they lack.
 */
export async function runBaseline(deps: CoreDeps, input: BaselineInput): Promise<BaselineResult> {
  const ctx = await tenantContext(deps, input);
  const project = ctx.project ?? (await requireProject(ctx.profile, input.project));
  const files = filesUpTo(await tenantMigrations(project), input.to);
  assertWritable(ctx.profile, 'Baseline');
  requireProductionConfirmation(ctx.profile, input.confirmDatabase, 'Baseline');
  const client = await deps.pools.dedicatedClient(ctx.profile);
  try {
    const fleet = await loadFleet(client, ctx.spec, project.config.ignoreSchemas);
    const tenants = chooseTenants(fleet, input.tenants);
    await checkPrivileges(client, { schemas: tenants, needs: ['own-or-create-in-schema'] }, 'Baseline');
    const audit = {
      ...profileFields(ctx.profile),
      action: 'fleet.baseline',
      target: `${tenants.length} tenant(s)`,
      params: { to: files.at(-1)!.name, tenants: input.tenants?.length ?? 'all', reference: input.reference },
    };
    return await deps.audit.around(audit, async () => {
      await acquireMigrationLock(client, 'baseline');
      try {
        const ref = await buildReference(client, files, tenants, input.reference);
        const result: BaselineResult = {
          to: files.at(-1)!.name,
          migrations: files.map((f) => f.name),
          reference: ref.reference,
          baselined: [],
          refused: [],
          failed: [],
        };
        const proven: string[] = [];
        for (const tenant of tenants) {
          const lacking = compareStructures(ref.referenceObjects, ref.tenants.get(tenant) ?? [], {
            ignoreExtra: true,
          }).map(describeDifference);
          if (lacking.length) result.refused.push({ tenant, lacking });
          else proven.push(tenant);
        }
        await writeLedgers(client, proven, files, await readAllLedgers(client), result);
        return result;
      } finally {
        await releaseMigrationLock(client);
      }
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Undoes baselines: deletes `baselined` rows (never `applied` or `failed` ones) in the chosen tenants. */
export async function runBaselineUndo(
  deps: CoreDeps,
  input: TenantTarget & { tenants?: string[]; confirmDatabase?: string },
): Promise<BaselineUndoResult> {
  const ctx = await tenantContext(deps, input);
  assertWritable(ctx.profile, 'Undoing a baseline');
  requireProductionConfirmation(ctx.profile, input.confirmDatabase, 'Undoing a baseline');
  return deps.pools.withClient(ctx.profile, async (client) => {
    const fleet = await loadFleet(client, ctx.spec, ctx.ignoreSchemas);
    const tenants = chooseTenants(fleet, input.tenants);
    const ledgers = await readAllLedgers(client);
    const targets = tenants.filter((t) => ledgers.get(t)?.tenantry?.some((r) => r.state === 'baselined'));
    const audit = {
      ...profileFields(ctx.profile),
      action: 'fleet.baselineUndo',
      target: `${targets.length} tenant(s)`,
      params: { tenants: input.tenants?.length ?? 'all' },
    };
    return deps.audit.around(audit, async () => {
      const removed: BaselineUndoResult['removed'] = [];
      for (const tenant of targets) {
        const names = await withTenantLock(client, tenant, { what: 'baseline undo' }, () =>
          removeBaselinedRows(client, tenant),
        );
        removed.push({ tenant, names: names.sort() });
      }
      return { removed };
    });
  });
}
