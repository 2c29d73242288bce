import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { Profile } from '../../../shared/model/profile';

export const projectConfigSchema = z
  .object({
    registry: z.string().optional(),
    ignoreSchemas: z.array(z.string()).default([]),
    parallelism: z.number().int().min(1).max(64).optional(),
    backupDir: z.string().optional(),
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
export function findProjectDir(profile: Pick<Profile, 'projectDir'> | undefined, override?: string, cwd = process.cwd()): string | undefined {
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
  if (doc.errors.length) throw new AppError('VALIDATION_FAILED', `${file}: ${doc.errors[0].message}`, 'Fix the YAML syntax at the line shown.');
  const parsed = projectConfigSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `${file}: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`, 'See CLI.md for tenantry.yaml keys.');
  return { dir, config: parsed.data };
}

/** For commands that cannot work without project files: NO_PROJECT with a hint. */
export async function requireProject(profile: Pick<Profile, 'projectDir'> | undefined, override?: string): Promise<Project> {
  const dir = findProjectDir(profile, override);
  if (!dir || !existsSync(dir)) {
    throw new AppError('NO_PROJECT', dir ? `The project folder ${dir} does not exist.` : 'No project folder: this needs migrations/, checks/ or runbooks/.', 'Pass --project DIR, set the profile\'s project folder, or run from a folder holding tenantry.yaml or migrations/tenant/.');
  }
  return loadProject(dir);
}

export async function optionalProject(profile: Pick<Profile, 'projectDir'> | undefined, override?: string): Promise<Project | undefined> {
  const dir = findProjectDir(profile, override);
  return dir && existsSync(dir) ? loadProject(dir) : undefined;
}
