import { z } from 'zod';
import { jobStartedSchema } from '../model/job';
import {
  createFormSchema,
  createResultSchema,
  dropResultSchema,
  schemaCheckSchema,
  tenantFilterSchema,
  tenantListSchema,
} from '../model/tenants';

/** Overrides a CLI run may pass (`--registry`, `--project`); the profile's settings otherwise. */
const target = {
  profileId: z.uuid(),
  registry: z.string().max(200).optional(),
  project: z.string().max(4096).optional(),
};
const schemaName = z.string().min(1).max(200);
const confirmDatabase = z.string().max(200).optional();
const columnValues = z.record(z.string().max(63), z.string().max(10_000));

/** The tenants area's calls ('tenants.verb' → { input, output }). */
export const tenantsContract = {
  'tenants.list': {
    input: z.object({ ...target, status: tenantFilterSchema.optional() }).strict(),
    output: tenantListSchema,
  },
  'tenants.createForm': { input: z.object(target).strict(), output: createFormSchema },
  'tenants.checkSchema': {
    input: z.object({ ...target, schema: z.string().max(200) }).strict(),
    output: schemaCheckSchema,
  },
  'tenants.create': {
    input: z
      .object({
        ...target,
        name: z.string().trim().min(1).max(200),
        schema: schemaName.optional(),
        domains: z.array(z.string().max(253)).max(50).default([]),
        values: columnValues.default({}),
        confirmDatabase,
      })
      .strict(),
    output: createResultSchema,
  },
  'tenants.setStatus': {
    input: z
      .object({ ...target, schema: schemaName, status: z.enum(['active', 'suspended']), confirmDatabase })
      .strict(),
    output: z.object({ schema: z.string(), status: z.enum(['active', 'suspended']) }),
  },
  'tenants.drop': {
    input: z.object({ ...target, schema: schemaName, confirm: z.string().max(200), confirmDatabase }).strict(),
    output: dropResultSchema,
  },
  /** Reconciliation: removes the registry row of a tenant whose schema is missing. */
  'tenants.forget': {
    input: z.object({ ...target, schema: schemaName, confirmDatabase }).strict(),
    output: z.object({ schema: z.string(), removed: z.boolean() }),
  },
  /** Reconciliation: registers an orphan schema. */
  'tenants.adopt': {
    input: z
      .object({
        ...target,
        schema: schemaName,
        name: z.string().trim().min(1).max(200).optional(),
        values: columnValues.default({}),
        confirmDatabase,
      })
      .strict(),
    output: z.object({ schema: z.string(), name: z.string() }),
  },
  'tenants.clone': {
    input: z
      .object({
        ...target,
        schema: schemaName,
        as: schemaName,
        name: z.string().trim().min(1).max(200).optional(),
        confirmDatabase,
      })
      .strict(),
    output: jobStartedSchema,
  },
  'tenants.move': {
    input: z.object({ ...target, schema: schemaName, toProfileId: z.uuid(), confirmDatabase }).strict(),
    output: jobStartedSchema,
  },
  /** Cross-tenant read-only query; the job's result is a CrossQueryResult. */
  'tenants.query': {
    input: z
      .object({
        ...target,
        sql: z.string().min(1).max(100_000),
        tenants: z.array(schemaName).max(100_000).optional(),
        timeoutMs: z.number().int().min(10).max(3_600_000).default(10_000),
        maxRows: z.number().int().min(1).max(1_000_000).default(10_000),
        parallel: z.number().int().min(1).max(64).optional(),
      })
      .strict(),
    output: jobStartedSchema,
  },
  /** A finished cross-tenant query's result as CSV, written by main's one CSV writer. */
  'tenants.queryCsv': {
    input: z.object({ jobId: z.string().min(1).max(100) }).strict(),
    output: z.object({ fileName: z.string(), content: z.string() }),
  },
  /** Opt-in: installs the console's own SQL (the native registry in the `tenantry` schema). */
  'tenants.installNative': {
    input: z.object({ profileId: z.uuid(), confirmDatabase }).strict(),
    output: z.object({ applied: z.array(z.string()), alreadyInstalled: z.array(z.string()) }),
  },
} as const;
