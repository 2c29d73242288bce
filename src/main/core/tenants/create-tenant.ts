import { checkPrivileges } from '../domain/privileges';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ClientBase } from 'pg';
import type { CreateResult } from '../../../shared/model/tenants';
import { suggestSchemaName } from '../../../shared/model/tenants';
import { quoteIdent } from '../db/identifiers';
import { toAppError } from '../db/pg-errors';
import { randomHex } from '../domain/ids';
import type { MigrationFile } from '../domain/ledger/migration-files';
import type { MigrationPort } from '../domain/ports';
import type { Project } from '../project/project';
import { resolveRegistry } from '../domain/registry/detect-registry';
import {
  checkColumnValues,
  cleanDomains,
  inTransaction,
  insertDomains,
  insertRegistryRow,
} from '../domain/registry/registry-writes';
import { readRegistryTable, type RegistryTable } from '../domain/registry/registry-table';
import { assertSchemaFree, assertTenantSchemaName } from './schema-checks';

export interface CreateTenantInput {
  name: string;
  schema?: string;
  domains: string[];
  values: Record<string, string>;
}

export interface CreateTenantEnv {
  spec: string;
  project?: Project;
  files: MigrationFile[];
  appliedBy?: string;
  migrations: MigrationPort;
}

export interface SeedFile {
  name: string;
  sql: string;
}

/** The project's `seeds/*.sql`, in name order (idempotent data run on tenant creation). */
export async function readSeeds(project: Project | undefined): Promise<SeedFile[]> {
  if (!project) return [];
  const dir = path.join(project.dir, 'seeds');
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.sql')).sort();
  return Promise.all(names.map(async (n) => ({ name: n, sql: await fs.readFile(path.join(dir, n), 'utf8') })));
}

async function freeSuggestion(client: ClientBase, name: string): Promise<string> {
  for (;;) {
    const schema = suggestSchemaName(name, randomHex(2));
    const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (!rowCount) return schema;
  }
}

/**
 * Creates a tenant all or nothing: in one transaction the schema, every tenant migration of the
 * project, the project's seeds, the registry row and the domains. Any failure rolls all of it back.
 */
export async function createTenant(
  client: ClientBase,
  env: CreateTenantEnv,
  input: CreateTenantInput,
): Promise<CreateResult> {
  const registry = { ...(await resolveRegistry(client, env.spec)), tenantCount: 0 };
  const table: RegistryTable | undefined = await readRegistryTable(client, registry);
  const schema = assertTenantSchemaName(input.schema ?? (await freeSuggestion(client, input.name)), registry);
  const domains = cleanDomains(input.domains, table);
  if (table) checkColumnValues(table, input.values);
  await assertSchemaFree(client, schema, table);
  // A role that cannot create schemas is refused before anything starts.
  await checkPrivileges(client, { schemas: [], needs: ['create-schema'] }, 'Creating a tenant');
  const seeds = await readSeeds(env.project);
  const warnings: string[] = [];
  if (!env.project)
    warnings.push('No project folder: the schema was created empty and no tenant migrations were applied.');
  else if (!env.files.length)
    warnings.push(`The project ${env.project.dir} has no tenant migrations: the schema is empty.`);

  await inTransaction(client, async () => {
    try {
      await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
      if (env.files.length)
        await env.migrations.applyInTransaction(client, schema, env.files, { appliedBy: env.appliedBy });
      for (const seed of seeds) {
        await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}, public`);
        await client.query(seed.sql);
      }
      if (table) {
        await insertRegistryRow(client, table, schema, input.name, input.values);
        await insertDomains(client, table, schema, domains);
      }
    } catch (e) {
      throw toAppError(e, undefined, schema);
    }
  });
  return {
    schema,
    name: input.name,
    applied: env.files.map((f) => f.name),
    seeds: seeds.map((s) => s.name),
    domains,
    warnings,
  };
}
