import type { ClientBase } from 'pg';
import type { BaselineResult } from '../../../shared/model/fleet';
import { quoteIdent } from '../db/identifiers';
import { tempName } from '../domain/ids';
import type { MigrationFile } from '../domain/ledger/migration-files';
import { readSchemaObjects, type SchemaObject } from './catalog-objects';
import { referenceNotFound } from './drift';
import { fingerprint, groupByFingerprint } from './fingerprint';

export interface ReferenceAndTenants {
  reference: BaselineResult['reference'];
  referenceObjects: SchemaObject[];
  /** Tenants' objects, read in the same catalog round trip as the scratch schema's. */
  tenants: Map<string, SchemaObject[]>;
}

/** CONCURRENTLY cannot run in a transaction; on an empty scratch table plain CREATE INDEX builds the same index. */
function scratchSql(file: MigrationFile): string {
  return file.noTransaction ? file.sql.replace(/\bCONCURRENTLY\b/gi, '') : file.sql;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * CLI.md: the reference structure is the files applied to a scratch schema where that works, else
 * the `--reference` schema, else the fleet's majority. The scratch schema lives only inside a
 * transaction that is rolled back, so it is gone afterwards whatever happens (even a crash).
 */
export async function buildReference(
  client: ClientBase,
  files: MigrationFile[],
  tenants: string[],
  referenceSchema?: string,
): Promise<ReferenceAndTenants> {
  const scratch = tempName();
  const extra = referenceSchema && !tenants.includes(referenceSchema) ? [referenceSchema] : [];
  await client.query('BEGIN');
  try {
    let note: string | undefined;
    await client.query('SAVEPOINT scratch');
    try {
      await client.query(
        `CREATE SCHEMA ${quoteIdent(scratch)}; SET LOCAL search_path TO ${quoteIdent(scratch)}, public; SET CONSTRAINTS ALL IMMEDIATE`,
      );
      for (const f of files) {
        try {
          await client.query(scratchSql(f));
        } catch (e) {
          throw new Error(`${f.name}: ${message(e)}`);
        }
      }
      await client.query('RELEASE SAVEPOINT scratch');
    } catch (e) {
      note = `The migrations could not be applied to a scratch schema (${message(e)}).`;
      await client.query('ROLLBACK TO SAVEPOINT scratch');
    }
    await client.query('SET LOCAL search_path TO public');
    const schemas = note ? [...tenants, ...extra] : [scratch, ...tenants, ...extra];
    const { objects } = await readSchemaObjects(client, schemas);
    if (referenceSchema && !objects.has(referenceSchema)) throw referenceNotFound(referenceSchema);
    const tenantObjects = new Map(tenants.filter((t) => objects.has(t)).map((t) => [t, objects.get(t)!]));
    if (!note)
      return {
        reference: { kind: 'scratch', schema: scratch },
        referenceObjects: objects.get(scratch) ?? [],
        tenants: tenantObjects,
      };
    if (referenceSchema)
      return {
        reference: { kind: 'schema', schema: referenceSchema, note },
        referenceObjects: objects.get(referenceSchema)!,
        tenants: tenantObjects,
      };
    const prints = new Map([...tenantObjects].map(([t, o]) => [t, fingerprint(o)]));
    const majority = groupByFingerprint(prints)[0]?.tenants[0];
    return {
      reference: { kind: 'majority', ...(majority ? { schema: majority } : {}), note },
      referenceObjects: majority ? tenantObjects.get(majority)! : [],
      tenants: tenantObjects,
    };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
}
