import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { Profile } from '../../../shared/model/profile';

/** Never a named schema: the shared schema, the console's own, and what PostgreSQL reserves. */
const RESERVED_SCHEMAS = /^(public|tenantry|tenantry_tmp_.*|information_schema|pg_.*|shared|tenant)$/;

const namedSchemaSchema = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a schema name holds lower-case letters, digits and underscores (at most 63)')
  .refine(
    (s) => !RESERVED_SCHEMAS.test(s),
    'public, tenantry, shared, tenant, information_schema and pg_* cannot be named schemas',
  );

export const projectConfigSchema = z
  .object({
    registry: z.string().optional(),
    ignoreSchemas: z.array(z.string()).default([]),
    parallelism: z.number().int().min(1).max(64).optional(),
    backupDir: z.string().optional(),
    /** Named schemas in apply order (each with migrations/<schema>/ and its own ledger), run after public, before the tenants. */
    schemas: z
      .array(namedSchemaSchema)
      .default([])
      .refine((list) => new Set(list).size === list.length, 'a schema is listed twice'),
  })
  .passthrough();
export type ProjectConfig = z.infer<typeof projectConfigSchema>;

export interface Project {
  dir: string;
  config: ProjectConfig;
}

function looksLikeProject(dir: string): boolean {
  return existsSync(path.join(dir, 'tenantry.yaml')) || existsSync(path.join(dir, 'migrations', 'tenant'));
}

/** CLI.md: `--project DIR`, else the profile's projectDir, else the current folder if it looks like a project. */
export function findProjectDir(
  profile: Pick<Profile, 'projectDir'> | undefined,
  override?: string,
  cwd = process.cwd(),
): string | undefined {
  if (override) return path.resolve(override);
  if (profile?.projectDir) return path.resolve(profile.projectDir);
  return looksLikeProject(cwd) ? cwd : undefined;
}

export async function loadProject(dir: string): Promise<Project> {
  const file = path.join(dir, 'tenantry.yaml');
  let text: string | undefined;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    text = undefined;
  }
  if (text === undefined) return { dir, config: projectConfigSchema.parse({}) };
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length)
    throw new AppError(
      'VALIDATION_FAILED',
      `${file}: ${doc.errors[0].message}`,
      'Fix the YAML syntax at the line shown.',
    );
  const parsed = projectConfigSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success)
    throw new AppError(
      'VALIDATION_FAILED',
      `${file}: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`,
      'See CLI.md for tenantry.yaml keys.',
    );
  // A named schema is never a tenant (nor an orphan): every fleet reader skips it.
  const config = {
    ...parsed.data,
    ignoreSchemas: [...new Set([...parsed.data.ignoreSchemas, ...parsed.data.schemas])],
  };
  return { dir, config };
}

/** For commands that cannot work without project files: NO_PROJECT with a hint. */
export async function requireProject(
  profile: Pick<Profile, 'projectDir'> | undefined,
  override?: string,
): Promise<Project> {
  const dir = findProjectDir(profile, override);
  if (!dir || !existsSync(dir)) {
    throw new AppError(
      'NO_PROJECT',
      dir
        ? `The project folder ${dir} does not exist.`
        : 'No project folder: this needs migrations/, checks/ or runbooks/.',
      "Pass --project DIR, set the profile's project folder, or run from a folder holding tenantry.yaml or migrations/tenant/.",
    );
  }
  return loadProject(dir);
}

export async function optionalProject(
  profile: Pick<Profile, 'projectDir'> | undefined,
  override?: string,
): Promise<Project | undefined> {
  const dir = findProjectDir(profile, override);
  return dir && existsSync(dir) ? loadProject(dir) : undefined;
}
