import { z } from 'zod';
import { jobStartedSchema } from '../model/job';
import {
  checkComparisonSchema,
  checkDefinitionSchema,
  checkReportSchema,
  checkRunSummarySchema,
  exportFormatSchema,
} from '../model/checks';

const profileId = z.uuid();
const checkId = z.string().min(1).max(200);
const tenantName = z.string().min(1).max(63);
/** Values for a check's `-- param:` headers, by check id, then by parameter name; always bound, never pasted. */
const paramValues = z.record(z.string().max(200), z.record(z.string().max(63), z.string().max(1000)));
const runId = z.string().regex(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/, 'a run id looks like 20250101T120000Z-abc123');

/** The checks area's calls ('checks.verb' → { input, output }). */
export const checksContract = {
  'checks.list': {
    input: z.object({ profileId, project: z.string().max(4096).optional() }).strict(),
    output: z.object({ projectDir: z.string(), checks: z.array(checkDefinitionSchema) }),
  },
  /** Starts a run as a job; its result is the CheckReport (also saved in the history). */
  'checks.run': {
    input: z
      .object({
        profileId,
        project: z.string().max(4096).optional(),
        /** Check ids; all of the project's checks when omitted. */
        checks: z.array(checkId).max(500).optional(),
        /** Tenant schemas; every working tenant when omitted. */
        tenants: z.array(tenantName).max(100_000).optional(),
        params: paramValues.optional(),
        timeoutMs: z.number().int().min(100).max(3_600_000).optional(),
        rowCap: z.number().int().min(1).max(1000).optional(),
        parallel: z.number().int().min(1).max(32).optional(),
      })
      .strict(),
    output: jobStartedSchema,
  },
  'checks.runs': {
    input: z.object({ profileId: profileId.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.array(checkRunSummarySchema),
  },
  'checks.report': { input: z.object({ id: runId }).strict(), output: checkReportSchema },
  /** What got better and worse since the previous run of the same profile (or `previousId`). */
  'checks.compare': {
    input: z.object({ id: runId, previousId: runId.optional() }).strict(),
    output: checkComparisonSchema,
  },
  'checks.export': {
    input: z.object({ id: runId, format: exportFormatSchema }).strict(),
    output: z.object({ fileName: z.string(), mime: z.string(), content: z.string() }),
  },
  /** Runs the fix in a transaction that is rolled back (a job; result FixPreview). */
  'checks.fixPreview': {
    input: z
      .object({
        profileId,
        project: z.string().max(4096).optional(),
        check: checkId,
        /** Tenants to preview; those where the check fails now when omitted. */
        tenants: z.array(tenantName).max(100_000).optional(),
        params: paramValues.optional(),
      })
      .strict(),
    output: jobStartedSchema,
  },
  /** Applies the fix per tenant (a job; result FixApply), refusing a tenant where it would touch more rows than `expected`. */
  'checks.fixApply': {
    input: z
      .object({
        profileId,
        project: z.string().max(4096).optional(),
        check: checkId,
        tenants: z
          .array(z.object({ tenant: tenantName, expected: z.number().int().min(0) }).strict())
          .min(1)
          .max(100_000),
        params: paramValues.optional(),
        confirmDatabase: z.string().max(63).optional(),
      })
      .strict(),
    output: jobStartedSchema,
  },
} as const;
