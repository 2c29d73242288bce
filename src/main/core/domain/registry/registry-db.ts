import {
  OperationNodeTransformer,
  sql,
  TableNode,
  type Kysely,
  type KyselyPlugin,
  type QueryId,
  type RawBuilder,
} from 'kysely';
import { registryRoleDb, type RegistryTables } from '../ledger/console-db';

/** Where a registry's tables are, as the catalog showed them (registry-table.ts). */
export interface RegistryLocation {
  schema: string;
  table: string;
  domain?: { schema: string; table: string };
}

/**
 * Swaps the role names for the real tables. Built as nodes, so a name is one identifier whatever
 * it holds; kysely's string parser would split a dot.
 */
class RealTableNames extends OperationNodeTransformer {
  constructor(private readonly names: Partial<Record<keyof RegistryTables, { schema: string; table: string }>>) {
    super();
  }

  protected override transformTable(node: TableNode, queryId?: QueryId): TableNode {
    const role = node.table.identifier.name;
    if (node.table.schema || !(role in this.names)) return super.transformTable(node, queryId);
    const real = this.names[role as keyof RegistryTables];
    if (!real) throw new Error(`This registry has no ${role} table.`);
    return TableNode.createWithSchema(real.schema, real.table);
  }
}

/**
 * kysely over one registry: statements name `registry_tenant` and `registry_domain`, typed by
 * console-db.ts, and compile with this registry's schema and table names.
 */
export function registryDb(where: RegistryLocation): Kysely<RegistryTables> {
  const names = new RealTableNames({ registry_tenant: where, registry_domain: where.domain });
  const plugin: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => names.transformNode(node, queryId),
    transformResult: ({ result }) => Promise.resolve(result),
  };
  return registryRoleDb.withPlugin(plugin);
}

/** A column the catalog found, under a table alias; one identifier each, whatever the names hold. */
export function column(alias: string, name: string): RawBuilder<unknown> {
  return sql.id(alias, name);
}
