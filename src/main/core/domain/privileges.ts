import type { ClientBase } from 'pg';
import { AppError } from '../../../shared/errors';
import type { MissingPrivilege, PrivilegeNeed } from '../../../shared/model/fleet';

export type { MissingPrivilege, PrivilegeNeed } from '../../../shared/model/fleet';

export interface PrivilegeRequest {
  /** Target schemas; one that does not exist is not reported (it is not a privilege problem). */
  schemas: string[];
  needs: PrivilegeNeed[];
}

/**
 * Every need checked in ONE query, for the connected role ($1 schemas, $2… flags per need):
 * - create-schema: CREATE on the database (creating tenants, scratch schemas);
 * - own-or-create-in-schema: the role owns the schema (or is a member of its owner), or has USAGE and CREATE on it;
 * - select-all: USAGE on the schema and SELECT on every table, view and sequence in it (pg_dump);
 * - createdb: the CREATEDB attribute (a scratch database for restores);
 * - advisory-lock: EXECUTE on pg_try_advisory_lock / pg_advisory_unlock (the migration lock).
 * Superusers pass every check (the has_*_privilege functions say so).
 */
export const MISSING_PRIVILEGES_SQL = `
WITH me AS (SELECT r.rolsuper, r.rolcreatedb FROM pg_roles r WHERE r.rolname = current_user),
     ns AS (SELECT n.oid, n.nspname::text AS nspname, n.nspowner FROM pg_namespace n WHERE n.nspname = ANY($1::text[]))
SELECT m.schema, m.need, m.what, current_user::text AS role FROM (
SELECT NULL::text AS schema, 'create-schema' AS need, 'CREATE on database ' || quote_ident(current_database()) AS what
 WHERE $2 AND NOT has_database_privilege(current_database(), 'CREATE')
UNION ALL
SELECT NULL, 'createdb', 'the CREATEDB attribute on role ' || quote_ident(current_user)
 WHERE $5 AND NOT EXISTS (SELECT 1 FROM me WHERE rolsuper OR rolcreatedb)
UNION ALL
SELECT NULL, 'advisory-lock', 'EXECUTE on ' || f
  FROM unnest(ARRAY['pg_catalog.pg_try_advisory_lock(bigint)', 'pg_catalog.pg_try_advisory_lock(integer,integer)', 'pg_catalog.pg_advisory_unlock(integer,integer)']) AS f
 WHERE $6 AND NOT has_function_privilege(f, 'EXECUTE')
UNION ALL
SELECT ns.nspname, 'own-or-create-in-schema', 'ownership of, or USAGE and CREATE on, schema ' || quote_ident(ns.nspname) || ' (owner ' || quote_ident(pg_get_userbyid(ns.nspowner)) || ')'
  FROM ns
 WHERE $3 AND NOT pg_has_role(ns.nspowner, 'USAGE') AND NOT (has_schema_privilege(ns.oid, 'USAGE') AND has_schema_privilege(ns.oid, 'CREATE'))
UNION ALL
SELECT ns.nspname, 'select-all', 'USAGE on schema ' || quote_ident(ns.nspname)
  FROM ns WHERE $4 AND NOT has_schema_privilege(ns.oid, 'USAGE')
UNION ALL
SELECT ns.nspname, 'select-all', 'SELECT on ' || CASE c.relkind WHEN 'S' THEN 'sequence ' WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' ELSE 'table ' END || quote_ident(c.relname)
  FROM ns JOIN pg_class c ON c.relnamespace = ns.oid
 WHERE $4 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
   AND NOT CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(c.oid, 'SELECT') ELSE has_table_privilege(c.oid, 'SELECT') END
) m ORDER BY 1 NULLS FIRST, 2, 3`;

/** What the connected role lacks for `needs`, per schema; empty when nothing is missing. */
export async function findMissingPrivileges(
  client: ClientBase,
  request: PrivilegeRequest,
): Promise<MissingPrivilege[]> {
  return (await queryMissing(client, request)).map(({ schema, need, what }) => ({ schema, need, what }));
}

async function queryMissing(
  client: ClientBase,
  request: PrivilegeRequest,
): Promise<(MissingPrivilege & { role: string })[]> {
  const has = (n: PrivilegeNeed) => request.needs.includes(n);
  const { rows } = await client.query<MissingPrivilege & { role: string }>(MISSING_PRIVILEGES_SQL, [
    request.schemas,
    has('create-schema'),
    has('own-or-create-in-schema'),
    has('select-all'),
    has('createdb'),
    has('advisory-lock'),
  ]);
  return rows;
}

/** "tenant_a: SELECT on table x, SELECT on sequence y; database: CREATEDB…" (at most `max` schemas spelled out). */
export function describeMissing(missing: MissingPrivilege[], max = 10): string {
  const bySchema = new Map<string, string[]>();
  for (const m of missing) {
    const key = m.schema ?? 'database';
    const list = bySchema.get(key);
    if (list) list.push(m.what);
    else bySchema.set(key, [m.what]);
  }
  const parts = [...bySchema]
    .slice(0, max)
    .map(
      ([schema, whats]) =>
        `${schema}: ${whats.slice(0, 5).join(', ')}${whats.length > 5 ? ` and ${whats.length - 5} more` : ''}`,
    );
  const more = bySchema.size > max ? `; and ${bySchema.size - max} more schema(s)` : '';
  return parts.join('; ') + more;
}

/**
 * The preflight every fleet-wide writer calls before it starts: refuses with
 * INSUFFICIENT_PRIVILEGE naming exactly what is missing, per schema, before anything is touched.
 */
export async function checkPrivileges(
  client: ClientBase,
  request: PrivilegeRequest,
  what = 'This operation',
): Promise<void> {
  const rows = await queryMissing(client, request);
  if (!rows.length) return;
  const missing = rows.map(({ schema, need, what: w }) => ({ schema, need, what: w }));
  throw Object.assign(
    new AppError(
      'INSUFFICIENT_PRIVILEGE',
      `${what} needs rights that role ${rows[0].role} lacks: ${describeMissing(missing)}.`,
      "Grant them (or connect as the schemas' owner) and try again; nothing was changed.",
      { tenant: missing.find((m) => m.schema)?.schema ?? undefined },
    ),
    { missing },
  );
}
