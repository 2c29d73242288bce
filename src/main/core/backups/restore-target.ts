import type { ClientBase } from 'pg';
import path from 'node:path';
import type { Preflight, SchemaManifest } from '../../../shared/model/backups';
import type { Profile } from '../../../shared/model/profile';
import type { CoreDeps } from '../core-deps';
import { readMigrationDir } from '../domain/ledger/migration-files';
import { loadFleet } from '../domain/registry/fleet';
import { optionalProject } from '../project/project';
import { countRows } from './manifest';

/** What the target holds now: the schema's size and row counts, who references it, whether it is registered. */
export async function readLive(deps: CoreDeps, target: Profile, targetSchema: string, checkRegistry: boolean) {
  return deps.pools.withClient(target, async (c) => {
    const { rows } = await c.query<{ n: string; size: string | null; exists: boolean }>(
      `SELECT current_setting('server_version_num') AS n,
              (SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1) AS size,
              EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS exists`,
      [targetSchema],
    );
    const exists = rows[0].exists;
    const counts = exists ? (await countRows(c, [targetSchema])).get(targetSchema)! : undefined;
    // Named schemas reference each other: swapping one would drop (CASCADE) the foreign keys other schemas hold on it.
    const referencedBy = exists ? await foreignKeysInto(c, targetSchema) : [];
    let registered: boolean | undefined;
    if (checkRegistry) {
      const project = await optionalProject(target);
      const fleet = await loadFleet(
        c,
        project?.config.registry ?? target.registry,
        project?.config.ignoreSchemas ?? [],
      ).catch(() => undefined);
      if (fleet && fleet.registry.kind !== 'pattern')
        registered = fleet.tenants.some((t) => t.schema === targetSchema && t.status !== 'orphan');
    }
    return {
      live: { exists, counts, size: Number(rows[0].size ?? 0), registered, referencedBy },
      server: Math.floor(Number(rows[0].n) / 10000),
    };
  });
}

/** The backup's applied migrations against the project's files. */
export async function compareMigrations(profile: Profile, source: SchemaManifest): Promise<Preflight['migrations']> {
  const project = await optionalProject(profile).catch(() => undefined);
  const inBackup = source.ledger.filter((l) => l.state !== 'failed').map((l) => l.name);
  const files = project
    ? await readMigrationDir(
        path.join(project.dir, 'migrations', source.schema === 'public' ? 'shared' : 'tenant'),
      ).catch(() => [])
    : [];
  const inProject = files.map((f) => f.name);
  return {
    inBackup,
    inProject,
    missingInBackup: inProject.filter((n) => !inBackup.includes(n)),
    unknownToProject: project ? inBackup.filter((n) => !inProject.includes(n)) : [],
  };
}

/** Foreign keys held by tables of other schemas on tables of `schema` (as schema.table.constraint). */
async function foreignKeysInto(c: ClientBase, schema: string): Promise<string[]> {
  const { rows } = await c.query<{ fk: string }>(
    `SELECT format('%s.%s.%s', fn.nspname, ft.relname, k.conname) AS fk
       FROM pg_constraint k
       JOIN pg_class ft ON ft.oid = k.conrelid JOIN pg_namespace fn ON fn.oid = ft.relnamespace
       JOIN pg_class rt ON rt.oid = k.confrelid JOIN pg_namespace rn ON rn.oid = rt.relnamespace
      WHERE k.contype = 'f' AND rn.nspname = $1 AND fn.nspname <> $1
      ORDER BY 1`,
    [schema],
  );
  return rows.map((r) => r.fk);
}
