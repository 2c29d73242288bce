import type { ClientBase } from 'pg';
import { AppError } from '../../../shared/errors';
import type { SchemaStatus } from '../../../shared/model/migrations';
import { loadSqlParser, type SqlStatement } from '../domain/sql';
import type { MigrationFile } from '../domain/ledger/migration-files';
import { migrationStatements, sourceOf } from './migration-statements';

/**
 * A no-transaction file runs outside a transaction: when its process is killed after sending
 * CREATE INDEX CONCURRENTLY, the server may still finish the index, and the ledger never gets its
 * row. A retry must not loop on "already exists": it checks the index, and either rebuilds an
 * INVALID one or records the file as applied after an audited repair (`migrate --repair`).
 */
export interface ConcurrentIndex {
  name: string;
  table: string;
  unique: boolean;
  ifNotExists: boolean;
}

export type IndexState = { state: 'absent' } | { state: 'valid' | 'invalid'; table: string; unique: boolean };

/** The index a CREATE INDEX CONCURRENTLY statement builds, when it names one. */
export function concurrentIndexOf(statement: SqlStatement | undefined): ConcurrentIndex | undefined {
  if (statement?.kind !== 'IndexStmt' || !statement.node.concurrent) return undefined;
  const name = statement.node.idxname as string | undefined;
  const relation = statement.node.relation as { relname?: string } | undefined;
  if (!name || !relation?.relname) return undefined;
  return {
    name,
    table: relation.relname,
    unique: Boolean(statement.node.unique),
    ifNotExists: Boolean(statement.node.if_not_exists),
  };
}

/** The index of a no-transaction file, if the file is one CREATE INDEX CONCURRENTLY. */
export function fileIndex(file: MigrationFile): ConcurrentIndex | undefined {
  if (!file.noTransaction) return undefined;
  try {
    return concurrentIndexOf(migrationStatements(file)[0]);
  } catch {
    return undefined;
  }
}

export async function inspectIndex(client: ClientBase, schema: string, name: string): Promise<IndexState> {
  const { rows } = await client.query<{ valid: boolean; table: string; unique: boolean }>(
    `SELECT i.indisvalid AS valid, t.relname AS table, i.indisunique AS unique
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2`,
    [schema, name],
  );
  if (!rows.length) return { state: 'absent' };
  return { state: rows[0].valid ? 'valid' : 'invalid', table: rows[0].table, unique: rows[0].unique };
}

export interface Leftover {
  file: string;
  index: string;
  state: 'valid' | 'invalid';
}

/**
 * Before running a no-transaction file: 'run' when there is nothing to settle (no index, an
 * INVALID one the caller drops, or IF NOT EXISTS); 'record' when the index is already built and
 * valid and `repair` was asked for. Without `repair`, a built index is MIGRATION_NEEDS_REPAIR.
 */
export async function settleLeftover(
  client: ClientBase,
  schema: string,
  file: MigrationFile,
  statement: SqlStatement | undefined,
  repair: boolean,
): Promise<'run' | 'record'> {
  const index = concurrentIndexOf(statement);
  if (!index || index.ifNotExists) return 'run';
  const found = await inspectIndex(client, schema, index.name);
  if (found.state !== 'valid') return 'run';
  const source = sourceOf(file);
  if (found.table !== index.table || found.unique !== index.unique) {
    throw new AppError(
      'MIGRATION_FAILED',
      `In ${schema}, ${source} creates the index ${index.name} on ${index.table}, but an index of that name already exists on ${found.table}${found.unique !== index.unique ? ` (${found.unique ? 'unique' : 'not unique'})` : ''}; it is not this file's work.`,
      'Rename or drop that index by hand, then retry; nothing was recorded.',
      { tenant: schema },
    );
  }
  if (repair) return 'record';
  throw new AppError(
    'MIGRATION_NEEDS_REPAIR',
    `In ${schema}, ${source} has already built its index ${index.name} (valid, on ${index.table}) but the ledger has no row for it: an earlier run was stopped after the server had started it.`,
    `Record it as applied after the index is checked again: tenantry migrate --repair --tenants ${schema}. The repair is written to the audit log.`,
    { tenant: schema },
  );
}

/**
 * For status: the pending no-transaction files of each schema whose index already exists (valid:
 * needs --repair; invalid: dropped and rebuilt by the next run). One query for the whole fleet.
 */
export async function findLeftovers(
  client: ClientBase,
  pending: Map<string, MigrationFile[]>,
): Promise<Map<string, Leftover[]>> {
  const wanted: { schema: string; file: string; index: string }[] = [];
  for (const [schema, files] of pending) {
    for (const file of files) {
      const index = fileIndex(file);
      if (index) wanted.push({ schema, file: file.name, index: index.name });
    }
  }
  const found = new Map<string, Leftover[]>();
  if (!wanted.length) return found;
  const { rows } = await client.query<{ schema: string; index: string; valid: boolean }>(
    `SELECT n.nspname AS schema, c.relname AS index, i.indisvalid AS valid
       FROM unnest($1::text[], $2::text[]) AS w(s, x)
       JOIN pg_namespace n ON n.nspname = w.s JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = w.x JOIN pg_index i ON i.indexrelid = c.oid`,
    [wanted.map((w) => w.schema), wanted.map((w) => w.index)],
  );
  const state = new Map(rows.map((r) => [`${r.schema}\u0000${r.index}`, r.valid]));
  for (const w of wanted) {
    const valid = state.get(`${w.schema}\u0000${w.index}`);
    if (valid === undefined) continue;
    const list = found.get(w.schema) ?? [];
    list.push({ file: w.file, index: w.index, state: valid ? 'valid' : 'invalid' });
    found.set(w.schema, list);
  }
  return found;
}

/** Marks each status row whose pending no-transaction files left an index behind (`leftovers`), so `status` names the tenant. */
export async function noteLeftovers(
  client: ClientBase,
  rows: SchemaStatus[],
  filesOf: (row: SchemaStatus) => MigrationFile[],
): Promise<void> {
  const pending = new Map<string, MigrationFile[]>();
  for (const row of rows) {
    const waiting = new Set(row.pending);
    const files = filesOf(row).filter((f) => f.noTransaction && waiting.has(f.name));
    if (files.length) pending.set(row.schema, files);
  }
  if (!pending.size) return;
  await loadSqlParser();
  const found = await findLeftovers(client, pending);
  for (const row of rows) {
    const leftovers = found.get(row.schema);
    if (leftovers) row.leftovers = leftovers;
  }
}
