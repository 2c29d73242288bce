import { z } from 'zod';
import { jobStartedSchema } from '../model/job';
import {
  actionDefinitionSchema,
  baselineResultSchema,
  baselineUndoResultSchema,
  diffResultSchema,
  missingPrivilegeSchema,
  privilegeNeedSchema,
  privilegesViewSchema,
} from '../model/fleet';

const profileId = z.uuid();
const schemaName = z.string().min(1).max(63);
const target = {
  profileId,
  registry: z.string().max(300).optional(),
  project: z.string().max(4096).optional(),
};

/** The fleet area's calls ('fleet.verb' → { input, output }). */
export const fleetContract = {
  /** Fingerprints every tenant schema from one catalog round trip and names the odd ones out. */
  'fleet.diff': {
    input: z.object({ ...target, reference: schemaName.optional() }).strict(),
    output: diffResultSchema,
  },
  /** Records migrations up to `to` as `baselined` in tenants whose structure proves them; never runs them. */
  'fleet.baseline': {
    input: z
      .object({
        ...target,
        to: z.string().regex(/^\d{1,8}$/, 'a migration number, e.g. 0006'),
        tenants: z.array(schemaName).max(100_000).optional(),
        reference: schemaName.optional(),
        confirmDatabase: z.string().max(63).optional(),
      })
      .strict(),
    output: baselineResultSchema,
  },
  /** Removes `baselined` ledger rows (never `applied` ones): undoes a baseline. */
  'fleet.baselineUndo': {
    input: z
      .object({
        ...target,
        tenants: z.array(schemaName).max(100_000).optional(),
        confirmDatabase: z.string().max(63).optional(),
      })
      .strict(),
    output: baselineUndoResultSchema,
  },
  /** What the connected role lacks, per schema, for the named needs (one query; does not throw). */
  'fleet.checkPrivileges': {
    input: z
      .object({
        profileId,
        schemas: z.array(schemaName).max(100_000),
        needs: z.array(privilegeNeedSchema).min(1).max(5),
      })
      .strict(),
    output: z.object({ missing: z.array(missingPrivilegeSchema) }),
  },
  /** Roles × schemas grants and row-level-security policies per table. */
  'fleet.privileges': {
    input: z.object({ ...target, maxSchemas: z.number().int().min(1).max(10_000).optional() }).strict(),
    output: privilegesViewSchema,
  },
  'fleet.actions': {
    input: z.object({ profileId, project: z.string().max(4096).optional() }).strict(),
    output: z.object({ projectDir: z.string(), actions: z.array(actionDefinitionSchema) }),
  },
  /** Runs an action per tenant, each in its own transaction (a job; result ActionReport). */
  'fleet.runAction': {
    input: z
      .object({
        ...target,
        action: z.string().min(1).max(200),
        tenants: z.array(schemaName).max(100_000).optional(),
        params: z.record(z.string().max(63), z.string().max(10_000)).optional(),
        dryRun: z.boolean().optional(),
        stopOnError: z.boolean().optional(),
        confirmDatabase: z.string().max(63).optional(),
      })
      .strict(),
    output: jobStartedSchema,
  },
} as const;
