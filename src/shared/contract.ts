import type { z } from 'zod';
import type { auditContract } from './contracts/audit';
import type { backupsContract } from './contracts/backups';
import type { checklistsContract } from './contracts/checklists';
import type { checksContract } from './contracts/checks';
import type { fleetContract } from './contracts/fleet';
import type { foundationContract } from './contracts/foundation';
import type { migrationsContract } from './contracts/migrations';
import type { monitorContract } from './contracts/monitor';
import type { profileGroupsContract } from './contracts/profile-groups';
import type { tenantsContract } from './contracts/tenants';

/**
 * The one contract: every call is 'area.verb' → { input, output } as zod schemas.
 * Each area keeps its entries in contracts/<area>.ts; transports need no change when one is added.
 */
export type Contract = typeof foundationContract &
  typeof profileGroupsContract &
  typeof tenantsContract &
  typeof migrationsContract &
  typeof backupsContract &
  typeof checksContract &
  typeof checklistsContract &
  typeof monitorContract &
  typeof auditContract &
  typeof fleetContract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;
export type MethodContract<M extends Method = Method> = Contract[M];

type Area = Partial<Record<Method, MethodContract>>;

// Each area's schemas are built the first time one of its calls is made: a command pays for the
// areas it calls, not for all of them (CLI start-up).
const loaders = {
  foundation: () => import('./contracts/foundation').then((m) => m.foundationContract),
  profileGroups: () => import('./contracts/profile-groups').then((m) => m.profileGroupsContract),
  tenants: () => import('./contracts/tenants').then((m) => m.tenantsContract),
  migrations: () => import('./contracts/migrations').then((m) => m.migrationsContract),
  backups: () => import('./contracts/backups').then((m) => m.backupsContract),
  checks: () => import('./contracts/checks').then((m) => m.checksContract),
  checklists: () => import('./contracts/checklists').then((m) => m.checklistsContract),
  monitor: () => import('./contracts/monitor').then((m) => m.monitorContract),
  audit: () => import('./contracts/audit').then((m) => m.auditContract),
  fleet: () => import('./contracts/fleet').then((m) => m.fleetContract),
} satisfies Record<string, () => Promise<Area>>;
type AreaName = keyof typeof loaders;

type Prefix<M> = M extends `${infer P}.${string}` ? P : never;
/** Where the calls named `prefix.verb` are defined (profiles.* spans the profiles and their groups). */
const AREAS_OF_PREFIX: Record<Prefix<Method>, AreaName[]> = {
  app: ['foundation'],
  jobs: ['foundation'],
  profiles: ['foundation', 'profileGroups'],
  tenants: ['tenants'],
  migrations: ['migrations'],
  backups: ['backups'],
  checks: ['checks'],
  checklists: ['checklists'],
  monitor: ['monitor'],
  ssh: ['monitor'],
  audit: ['audit'],
  fleet: ['fleet'],
};

const loaded = new Map<AreaName, Promise<Area>>();
const areaContract = (name: AreaName): Promise<Area> => {
  let area = loaded.get(name);
  if (!area) loaded.set(name, (area = loaders[name]()));
  return area;
};

/** The schemas of one call, or undefined when no call has that name. */
export async function methodContract(name: string): Promise<MethodContract | undefined> {
  const prefix = name.slice(0, name.indexOf('.'));
  if (!Object.prototype.hasOwnProperty.call(AREAS_OF_PREFIX, prefix)) return undefined;
  for (const areaName of AREAS_OF_PREFIX[prefix as Prefix<Method>]) {
    const area = await areaContract(areaName);
    if (Object.prototype.hasOwnProperty.call(area, name)) return area[name as Method];
  }
  return undefined;
}

/** Every call's name (loads every area: for tests and listings, not for a single call). */
export async function allMethods(): Promise<Method[]> {
  const areas = await Promise.all((Object.keys(loaders) as AreaName[]).map(areaContract));
  return areas.flatMap((area) => Object.keys(area) as Method[]);
}
