import type { ClientBase } from 'pg';
import type { RegistryInfo } from '../../../../shared/model/connection';
import { detectRegistry } from './detect-registry';
import { sql } from 'kysely';
import { runOn } from '../ledger/console-db';
import { notExcluded } from './excluded-schemas';
import { candidateSchemas, patternSchemas } from './registry-catalog';
import { registryDb } from './registry-db';
import { globToLike } from './registry-spec';
import { nameExpr, readRegistryTable, statusExpr } from './registry-table';

export type TenantState = 'active' | 'suspended' | 'missing' | 'orphan';

export interface FleetTenant {
  schema: string;
  name: string;
  status: TenantState;
  /** django-tenants' row for `public`: the shared schema, never a tenant. */
  shared?: boolean;
}

export interface Fleet {
  registry: RegistryInfo;
  tenants: FleetTenant[];
}

/**
 * The registry reconciled with the catalog in one query: every registered tenant (active,
 * suspended, or missing its schema) and every unregistered schema that is not excluded (orphan).
 */
export async function loadFleet(
  client: ClientBase,
  registrySpec: string | undefined,
  ignoreSchemas: string[] = [],
): Promise<Fleet> {
  const registry = await detectRegistry(client, registrySpec);
  if (registry.kind === 'pattern') {
    const schemas = await patternSchemas(client, globToLike(registry.source), ignoreSchemas);
    return { registry, tenants: schemas.map((schema) => ({ schema, name: schema, status: 'active' })) };
  }
  const table = (await readRegistryTable(client, registry))!;
  const { rows } = await runOn<{ schema: string; name: string | null; status: TenantState; shared: boolean }>(
    client,
    registryDb(table)
      .with('reg', (db) =>
        db
          .selectFrom('registry_tenant as r')
          .select((eb) => [
            eb.cast<string>('r.schema_name', 'text').as('schema'),
            sql.raw<string | null>(nameExpr(table)).as('name'),
            sql.raw<'active' | 'suspended'>(statusExpr(table)).as('status'),
          ]),
      )
      .selectFrom('reg')
      .fullJoin(candidateSchemas(ignoreSchemas).as('n'), 'n.nspname', 'reg.schema')
      .select((eb) => [
        eb.fn.coalesce('reg.schema', 'n.nspname').as('schema'),
        eb.fn.coalesce('reg.name', 'n.nspname').as('name'),
        eb
          .case()
          .when('reg.schema', 'is', null)
          .then(sql.lit('orphan'))
          .when(eb.and([eb('n.nspname', 'is', null), eb('reg.schema', '<>', sql.lit('public'))]))
          .then(sql.lit('missing'))
          .else(eb.ref('reg.status'))
          .end()
          .as('status'),
        eb.fn.coalesce(eb('reg.schema', '=', sql.lit('public')), sql.lit(false)).as('shared'),
      ])
      .where((eb) =>
        eb.or([
          eb('reg.schema', 'is', null),
          eb('reg.schema', '=', sql.lit('public')),
          notExcluded('"reg"."schema"', ignoreSchemas),
        ]),
      )
      .orderBy('shared', 'desc')
      .orderBy('schema'),
  );
  return {
    registry,
    tenants: rows.map((r) => ({
      schema: r.schema,
      name: r.name ?? r.schema,
      status: r.status,
      ...(r.shared ? { shared: true } : {}),
    })),
  };
}

/** The tenants a fleet-wide command works on: registered, schema present, not shared. */
export function workingTenants(
  fleet: Fleet,
  opts: { includeSuspended?: boolean } = { includeSuspended: true },
): FleetTenant[] {
  return fleet.tenants.filter(
    (t) => !t.shared && (t.status === 'active' || (opts.includeSuspended && t.status === 'suspended')),
  );
}
