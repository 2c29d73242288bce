import type { ClientBase } from 'pg';
import type { PrivilegesView } from '../../../shared/model/fleet';
import type { CoreDeps } from '../core-deps';
import { loadFleet, workingTenants } from '../domain/registry/fleet';
import { tenantContext, type TenantTarget } from '../domain/registry/tenant-context';

/**
 * Roles × schemas (USAGE, CREATE; owners and superusers count, as PostgreSQL counts them) and
 * every table with row-level security or policies, in one statement ($1 = schemas).
 */
export const PRIVILEGES_VIEW_SQL = `
WITH ns AS (SELECT oid, nspname::text AS nspname, nspowner FROM pg_namespace WHERE nspname = ANY($1::text[])),
     roles AS (SELECT oid, rolname::text AS rolname, rolsuper, rolcanlogin, rolbypassrls FROM pg_roles WHERE rolname !~ '^pg_')
SELECT current_user::text AS "currentUser",
  (SELECT coalesce(json_agg(json_build_object('name', rolname, 'superuser', rolsuper, 'login', rolcanlogin, 'bypassRls', rolbypassrls) ORDER BY rolname), '[]') FROM roles) AS roles,
  (SELECT coalesce(json_agg(json_build_object(
      'schema', ns.nspname,
      'owner', pg_get_userbyid(ns.nspowner),
      'grants', (SELECT coalesce(json_agg(json_build_object('role', g.rolname, 'usage', g.u, 'create', g.c) ORDER BY g.rolname), '[]')
                   FROM (SELECT r.rolname, has_schema_privilege(r.oid, ns.oid, 'USAGE') AS u, has_schema_privilege(r.oid, ns.oid, 'CREATE') AS c FROM roles r) g
                  WHERE g.u OR g.c)
    ) ORDER BY ns.nspname), '[]') FROM ns) AS schemas,
  (SELECT coalesce(json_agg(json_build_object(
      'schema', ns.nspname, 'table', c.relname, 'enabled', c.relrowsecurity, 'forced', c.relforcerowsecurity,
      'policies', (SELECT coalesce(json_agg(json_build_object('name', p.policyname, 'command', p.cmd, 'permissive', p.permissive = 'PERMISSIVE',
                                                            'roles', p.roles, 'using', p.qual, 'check', p.with_check) ORDER BY p.policyname), '[]')
                     FROM pg_policies p WHERE p.schemaname = ns.nspname AND p.tablename = c.relname)
    ) ORDER BY ns.nspname, c.relname), '[]')
     FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND (c.relrowsecurity OR EXISTS (SELECT 1 FROM pg_policy pp WHERE pp.polrelid = c.oid))) AS rls`;

export async function readPrivilegesView(
  client: ClientBase,
  schemas: string[],
): Promise<Omit<PrivilegesView, 'truncated'>> {
  const { rows } = await client.query<Omit<PrivilegesView, 'truncated'>>(PRIVILEGES_VIEW_SQL, [schemas]);
  return rows[0];
}

/** The privileges view of a fleet: public and the working tenants (the first `maxSchemas`). */
export async function fleetPrivileges(
  deps: CoreDeps,
  input: TenantTarget & { maxSchemas?: number },
): Promise<PrivilegesView> {
  const ctx = await tenantContext(deps, input);
  const max = input.maxSchemas ?? 200;
  return deps.pools.withClient(ctx.profile, async (client) => {
    const fleet = await loadFleet(client, ctx.spec, ctx.ignoreSchemas);
    const tenants = workingTenants(fleet).map((t) => t.schema);
    const schemas = ['public', ...tenants.slice(0, max)];
    return { ...(await readPrivilegesView(client, schemas)), truncated: tenants.length > max };
  });
}
