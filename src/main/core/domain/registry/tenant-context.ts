import path from 'node:path';
import type { Profile } from '../../../../shared/model/profile';
import type { CoreDeps } from '../../core-deps';
import { readMigrationDir, type MigrationFile } from '../ledger/migration-files';
import { optionalProject, type Project } from '../../project/project';

export interface TenantTarget {
  registry?: string;
  project?: string;
  profileId: string;
}

export interface TenantContext {
  profile: Profile;
  project?: Project;
  /** The registry spec in force: the CLI's --registry, else the profile's, else tenantry.yaml's. */
  spec: string;
  ignoreSchemas: string[];
}

/** The profile, project and registry a tenants call works with. */
export async function tenantContext(deps: CoreDeps, target: TenantTarget): Promise<TenantContext> {
  const stored = deps.profiles.get(target.profileId);
  const profile = target.project ? { ...stored, projectDir: target.project } : stored;
  const project = await optionalProject(profile);
  const profileSpec = profile.registry && profile.registry !== 'auto' ? profile.registry : undefined;
  const spec = target.registry ?? profileSpec ?? project?.config.registry ?? 'auto';
  return { profile, project, spec, ignoreSchemas: project?.config.ignoreSchemas ?? [] };
}

export async function tenantMigrations(project: Project | undefined): Promise<MigrationFile[]> {
  return project ? readMigrationDir(path.join(project.dir, 'migrations', 'tenant')) : [];
}
