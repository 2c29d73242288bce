import type { DjangoStatus, SchemaStatus, StatusCounts } from '../../../shared/model/migrations';
import type { LedgerRow, SchemaLedgers } from '../domain/ledger/ledger-read';
import type { MigrationFile } from '../domain/ledger/migration-files';

type Lists = Pick<SchemaStatus, 'applied' | 'pending' | 'failed' | 'drifted' | 'missingFile' | 'outOfOrder' | 'errors'>;

/** One schema's states against the files: applied, pending, failed, drifted, missing file, out of order. */
export function schemaLists(files: MigrationFile[], rows: LedgerRow[] = []): Lists {
  const byName = new Map(rows.map((r) => [r.name, r]));
  const fileNames = new Set(files.map((f) => f.name));
  const lists: Lists = { applied: [], pending: [], failed: [], drifted: [], missingFile: [], outOfOrder: [] };
  let newestApplied = -1;
  files.forEach((f, i) => {
    const row = byName.get(f.name);
    if (row && row.state !== 'failed') {
      lists.applied.push(f.name);
      newestApplied = i;
      if (row.state === 'applied' && row.checksum !== f.checksum) lists.drifted.push(f.name);
    } else {
      lists.pending.push(f.name);
      if (row?.state === 'failed') {
        lists.failed.push(f.name);
        (lists.errors ??= {})[f.name] = row.error ?? 'failed';
      }
    }
  });
  files.forEach((f, i) => {
    if (i < newestApplied && lists.pending.includes(f.name)) lists.outOfOrder.push(f.name);
  });
  for (const row of rows) if (!fileNames.has(row.name) && row.state !== 'failed') lists.missingFile.push(row.name);
  return lists;
}

export function isBehind(s: Pick<SchemaStatus, 'pending'>): boolean {
  return s.pending.length > 0;
}

/** A schema needs attention when it is behind, failed, drifted or carries unknown migrations. */
export function needsAttention(s: SchemaStatus): boolean {
  return s.status !== 'missing' && (s.pending.length > 0 || s.failed.length > 0 || s.drifted.length > 0);
}

export function countStatus(rows: SchemaStatus[]): StatusCounts {
  const present = rows.filter((r) => r.status !== 'missing');
  return {
    tenants: rows.filter((r) => !r.shared && !r.named).length,
    // Tenants only, as `tenants` counts them: public and named schemas are not "up to date tenants".
    upToDate: present.filter((r) => !r.shared && !r.named && !needsAttention(r)).length,
    behind: present.filter((r) => r.pending.length > 0).length,
    failed: present.filter((r) => r.failed.length > 0).length,
    drifted: present.filter((r) => r.drifted.length > 0).length,
    missingFile: present.filter((r) => r.missingFile.length > 0).length,
    outOfOrder: present.filter((r) => r.outOfOrder.length > 0).length,
    missing: rows.filter((r) => r.status === 'missing').length,
  };
}

/** `showmigrations` for all schemas: what each Django ledger lacks against the union of all of them. */
export function djangoStatus(schemas: string[], ledgers: Map<string, SchemaLedgers>): DjangoStatus | undefined {
  const withDjango = schemas.filter((s) => ledgers.get(s)?.django);
  if (!withDjango.length) return undefined;
  const all: string[] = [];
  const seen = new Set<string>();
  for (const s of withDjango) {
    for (const m of ledgers.get(s)!.django!) {
      if (seen.has(m)) continue;
      seen.add(m);
      all.push(m);
    }
  }
  return {
    migrations: all,
    tenants: withDjango.map((schema) => {
      const applied = ledgers.get(schema)!.django!;
      const have = new Set(applied);
      return { schema, applied, missing: all.filter((m) => !have.has(m)) };
    }),
  };
}
