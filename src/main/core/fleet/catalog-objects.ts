import type { ClientBase } from 'pg';
import { DJANGO_LEDGER_TABLE } from '../domain/ledger/ledger-read';
import { LEDGER_TABLE } from '../domain/ledger/ledger-sql';

export const OBJECT_KINDS = ['table', 'column', 'index', 'constraint', 'trigger', 'view', 'function'] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

/** One structural object of a schema, with every schema qualification of its own schema removed. */
export interface SchemaObject {
  kind: ObjectKind;
  /** The table (or view) it belongs to; for a table or view its own name; null for functions. */
  rel: string | null;
  name: string;
  /** Column: its type; index/constraint/trigger/function: the catalog's definition; view: its query; table: its relkind. */
  def: string;
  /** Columns only: NOT NULL. */
  notNull: boolean | null;
  /** Columns only: the default expression. */
  dflt: string | null;
}

export interface CatalogRow {
  schema: string;
  kind: ObjectKind;
  rel: string | null;
  name: string;
  def: string;
  nn: boolean | null;
  dflt: string | null;
}

/**
 * Every schema's tables, columns, indexes, constraints, triggers, views and functions in ONE
 * statement ($1 = schema names). Owners and ACLs are left out on purpose: they are not structure.
 * The ledgers are left out too, so a tenant with a ledger and one without look alike.
 */
export const CATALOG_OBJECTS_SQL = `
WITH ns AS (
  SELECT oid, nspname::text AS nspname FROM pg_namespace WHERE nspname = ANY($1::text[])
), rel AS (
  SELECT c.oid, c.relname::text AS relname, c.relkind, ns.nspname
    FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname NOT IN ('${LEDGER_TABLE}', '${DJANGO_LEDGER_TABLE}')
)
SELECT nspname AS schema, 'table' AS kind, relname AS rel, relname AS name, relkind::text AS def, NULL::boolean AS nn, NULL::text AS dflt
  FROM rel WHERE relkind IN ('r', 'p', 'f')
UNION ALL
SELECT r.nspname, 'column', r.relname, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid)
  FROM rel r
  JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE r.relkind IN ('r', 'p', 'f')
UNION ALL
SELECT r.nspname, 'index', r.relname, ic.relname::text, pg_get_indexdef(i.indexrelid), NULL, NULL
  FROM rel r
  JOIN pg_index i ON i.indrelid = r.oid
  JOIN pg_class ic ON ic.oid = i.indexrelid
 WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = r.oid AND k.contype IN ('p', 'u', 'x'))
UNION ALL
SELECT r.nspname, 'constraint', r.relname, k.conname::text, pg_get_constraintdef(k.oid), NULL, NULL
  FROM rel r JOIN pg_constraint k ON k.conrelid = r.oid
 WHERE k.contype IN ('p', 'u', 'f', 'c', 'x', 't')
UNION ALL
SELECT r.nspname, 'trigger', r.relname, t.tgname::text, pg_get_triggerdef(t.oid), NULL, NULL
  FROM rel r JOIN pg_trigger t ON t.tgrelid = r.oid
 WHERE NOT t.tgisinternal
UNION ALL
SELECT r.nspname, 'view', r.relname, r.relname, CASE r.relkind WHEN 'm' THEN 'materialized:' ELSE '' END || pg_get_viewdef(r.oid), NULL, NULL
  FROM rel r WHERE r.relkind IN ('v', 'm')
UNION ALL
SELECT ns.nspname, 'function', NULL, p.proname::text || '(' || pg_get_function_identity_arguments(p.oid) || ')', pg_get_functiondef(p.oid), NULL, NULL
  FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
 WHERE p.prokind IN ('f', 'p')
   AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = 'pg_proc'::regclass AND dep.objid = p.oid AND dep.deptype = 'e')`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes `schema.` and `"schema".` qualifications of the object's own schema, so that the same
 * DDL applied to two schemas reads the same (the catalog qualifies names not on the search path).
 */
export function schemaStripper(schema: string): (text: string | null) => string | null {
  const quoted = `"${schema.replace(/"/g, '""')}"`;
  const re = new RegExp(`(^|[^\\w$"])(?:${escapeRegExp(quoted)}|${escapeRegExp(schema)})\\.`, 'g');
  return (text) => (text === null ? null : text.includes(schema) ? text.replace(re, '$1') : text);
}

/** Catalog rows → objects per schema (every asked schema that exists gets an entry, even if empty). */
export function objectsBySchema(
  rows: CatalogRow[],
  schemas: Iterable<string>,
  present: Set<string>,
): Map<string, SchemaObject[]> {
  const out = new Map<string, SchemaObject[]>();
  for (const s of schemas) if (present.has(s)) out.set(s, []);
  const strippers = new Map<string, (t: string | null) => string | null>();
  for (const r of rows) {
    let strip = strippers.get(r.schema);
    if (!strip) strippers.set(r.schema, (strip = schemaStripper(r.schema)));
    let list = out.get(r.schema);
    if (!list) out.set(r.schema, (list = []));
    list.push({ kind: r.kind, rel: r.rel, name: r.name, def: strip(r.def) ?? '', notNull: r.nn, dflt: strip(r.dflt) });
  }
  return out;
}

/**
 * One round trip: the catalog rows of every named schema, plus one 'schema' row per schema that
 * exists, so that an empty schema is told apart from a missing one without a second query.
 */
export async function readSchemaObjects(
  client: ClientBase,
  schemas: string[],
): Promise<{ objects: Map<string, SchemaObject[]>; rows: number }> {
  const { rows } = await client.query<CatalogRow>(
    `SELECT * FROM (${CATALOG_OBJECTS_SQL}) o
     UNION ALL
     SELECT nspname::text, 'schema', NULL, nspname::text, '', NULL, NULL FROM pg_namespace WHERE nspname = ANY($1::text[])`,
    [schemas],
  );
  const present = new Set<string>();
  const objects: CatalogRow[] = [];
  for (const r of rows) {
    if ((r.kind as string) === 'schema') present.add(r.schema);
    else objects.push(r);
  }
  return { objects: objectsBySchema(objects, schemas, present), rows: objects.length };
}
