import type { ClientBase } from 'pg';
import type { RegistryInfo } from '../../../shared/model/connection';
import type { TenantFilter, TenantList, TenantRow } from '../../../shared/model/tenants';
import { toAppError } from '../db/pg-errors';
import { resolveRegistry } from '../domain/registry/detect-registry';
import { globToLike } from '../domain/registry/registry-spec';
import { readRegistryTable } from '../domain/registry/registry-table';
import { onTwoSessions, type OpenSession } from '../domain/two-sessions';
import { LEDGER_CHUNK_SQL, tenantListSql, type TenantListRow } from './tenant-list-sql';

export interface ListOptions {
  spec: string;
  ignoreSchemas: string[];
  /** The project's tenant migration names; undefined without a project (behind stays unknown). */
  migrations?: string[];
  /** Newest backup per schema (`*` for whole-database backups). */
  lastBackup?: (schema: string) => string | null;
  /** A second session for the ledgers read past the lock budget. */
  another?: OpenSession;
}

/**
 * The reconciled tenant list: registry × catalog × every schema's ledger, with size, table count
 * and domains, in one query on the server.
 */
export async function listTenants(client: ClientBase, opts: ListOptions): Promise<TenantList> {
  const registry: RegistryInfo = { ...(await resolveRegistry(client, opts.spec)), tenantCount: 0 };
  const table = await readRegistryTable(client, registry);
  const names = opts.migrations ?? [];
  const params: unknown[] = [opts.ignoreSchemas, names, opts.migrations ? names.length : null];
  if (!table) params.push(globToLike(registry.source));
  const started = performance.now();
  let rows: TenantListRow[];
  try {
    rows = (await client.query<TenantListRow>(tenantListSql(table), params)).rows;
  } catch (e) {
    throw toAppError(e);
  }
  const queryMs = Math.round((performance.now() - started) * 10) / 10;
  await fillBehindPastLockBudget(client, rows, opts.migrations, opts.another);
  const tenants: TenantRow[] = rows.map((r) => ({
    schema: r.schema,
    name: r.name,
    status: r.status,
    behind: r.behind,
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    tables: r.tables,
    lastBackupAt: opts.lastBackup && r.status !== 'missing' ? opts.lastBackup(r.schema) : null,
    domains: r.domains,
    extra: r.extra,
    ...(r.shared ? { shared: true } : {}),
  }));
  const warnings: string[] = [];
  if (!opts.migrations)
    warnings.push(
      'No project folder: "behind" is unknown. Set the profile\'s project folder to compare with migrations/tenant/.',
    );
  return {
    registry: { ...registry, tenantCount: tenants.filter((t) => !t.shared && t.status !== 'orphan').length },
    migrations: names,
    extraColumns: table?.extraColumns ?? [],
    canSuspend: Boolean(table?.status),
    tenants,
    warnings,
    queryMs,
  };
}

/** `tenants list --status …`: a state, or "behind on migrations". */
export function filterTenants(tenants: TenantRow[], filter: TenantFilter | undefined): TenantRow[] {
  if (!filter) return tenants;
  if (filter === 'behind') return tenants.filter((t) => !t.shared && (t.behind ?? 0) > 0);
  return tenants.filter((t) => !t.shared && t.status === filter);
}

/**
 * Past the lock budget the one query leaves ledgers unread: read them in chunks of 250 (a UNION ALL
 * that size keeps its parse tree inside max_stack_depth), each its own statement, drawn by the
 * caller's session and a second one when `another` opens it.
 */
async function fillBehindPastLockBudget(
  client: ClientBase,
  rows: TenantListRow[],
  migrations: string[] | undefined,
  another: OpenSession | undefined,
): Promise<void> {
  if (!migrations || !rows.length || rows[0].ledgers_inline) return;
  const schemas = rows.filter((r) => r.has_ledger).map((r) => r.schema);
  const chunks = Array.from({ length: Math.ceil(schemas.length / 250) }, (_, i) =>
    schemas.slice(i * 250, i * 250 + 250),
  );
  const applied = new Map<string, number>();
  await onTwoSessions(client, another, chunks, async (session, chunk) => {
    const { rows: counts } = await session.query<{ s: string; n: number }>(LEDGER_CHUNK_SQL, [chunk, migrations]);
    for (const c of counts) applied.set(c.s, c.n);
  });
  for (const r of rows) if (r.behind !== null) r.behind = migrations.length - (applied.get(r.schema) ?? 0);
}
