import type { z } from 'zod';
import { auditContract } from './contracts/audit';
import { backupsContract } from './contracts/backups';
import { checklistsContract } from './contracts/checklists';
import { checksContract } from './contracts/checks';
import { fleetContract } from './contracts/fleet';
import { foundationContract } from './contracts/foundation';
import { migrationsContract } from './contracts/migrations';
import { monitorContract } from './contracts/monitor';
import { profileGroupsContract } from './contracts/profile-groups';
import { tenantsContract } from './contracts/tenants';

/**
 * The one contract: every call is 'area.verb' → { input, output } as zod schemas.
 * Each area keeps its entries in contracts/<area>.ts; transports need no change when one is added.
 */
export const contract = {
  ...foundationContract,
  ...profileGroupsContract,
  ...tenantsContract,
  ...migrationsContract,
  ...backupsContract,
  ...checksContract,
  ...checklistsContract,
  ...monitorContract,
  ...auditContract,
  ...fleetContract,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;
export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
