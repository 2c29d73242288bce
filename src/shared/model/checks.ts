import { z } from 'zod';

export const CHECK_SEVERITIES = ['error', 'warning', 'info'] as const;
export const checkSeveritySchema = z.enum(CHECK_SEVERITIES);
export type CheckSeverity = z.infer<typeof checkSeveritySchema>;

export const CHECK_SCOPES = ['tenant', 'shared'] as const;
/** tenant, shared (public), or the name of a named schema of the project (tenantry.yaml `schemas:`). */
export const checkScopeSchema = z.union([z.enum(CHECK_SCOPES), z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/)]);
export type CheckScope = z.infer<typeof checkScopeSchema>;

export const CHECK_STATUSES = ['pass', 'fail', 'error', 'not_applicable'] as const;
export const checkStatusSchema = z.enum(CHECK_STATUSES);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

export const checkErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  sqlstate: z.string().optional(),
});
export type CheckError = z.infer<typeof checkErrorSchema>;

export const checkParamSchema = z.object({
  name: z.string(),
  type: z.string(),
  default: z.string().optional(),
});
export type CheckParam = z.infer<typeof checkParamSchema>;

/**
 * A number a check reports per tenant beside pass/fail (from its `-- metrics:` companion file).
 * `total` says how the fleet total is formed: the sum of the tenants' values, or the ratio of
 * two other metrics' totals (a ratio of sums, never a sum of ratios).
 */
export const checkMetricSchema = z.object({
  name: z.string(),
  /** Column labels by language (`en` always set; `es` when the file gives one). */
  labels: z.record(z.string(), z.string()),
  total: z.union([
    z.object({ kind: z.literal('sum') }),
    z.object({ kind: z.literal('ratio'), numerator: z.string(), denominator: z.string() }),
  ]),
});
export type CheckMetric = z.infer<typeof checkMetricSchema>;

/** A metric's value as decimal text (counts are int8: never through a JS double); null when the query gave none. */
export const metricValuesSchema = z.record(z.string(), z.string().nullable());
export type MetricValues = z.infer<typeof metricValuesSchema>;

/** A check as read from `checks/NAME.sql` (CLI.md "Files with headers"); the SQL stays in main. */
export const checkDefinitionSchema = z.object({
  /** The file name without `.sql`. */
  id: z.string(),
  name: z.string(),
  description: z.string(),
  severity: checkSeveritySchema,
  scope: checkScopeSchema,
  params: z.array(checkParamSchema),
  /** The fix file's id (`NAME.fix`), when the check has one. */
  fix: z.string().optional(),
  /** The numbers its `-- metrics: NAME.metrics.sql` companion reports per tenant, in column order. */
  metrics: z.array(checkMetricSchema).optional(),
  file: z.string(),
  /** Set when the file could not be read as a check: it reports `error` everywhere. */
  problem: checkErrorSchema.optional(),
});
export type CheckDefinition = z.infer<typeof checkDefinitionSchema>;

export const checkRowSchema = z.record(z.string(), z.unknown());
export type CheckRow = z.infer<typeof checkRowSchema>;

/** One tenant × check cell. `tenant` is the schema name (`public` for shared checks). */
export const checkResultSchema = z.object({
  tenant: z.string(),
  check: z.string(),
  status: checkStatusSchema,
  severity: checkSeveritySchema,
  /** Violating rows found (all of them, not only those kept in `rows`). */
  count: z.number().int(),
  columns: z.array(z.string()),
  /** The first violating rows, capped. */
  rows: z.array(checkRowSchema),
  /** Why it is not applicable (e.g. "behind: at 0005, latest 0006"). */
  reason: z.string().optional(),
  error: checkErrorSchema.optional(),
  durationMs: z.number(),
  /** The check's metrics in this tenant (absent where the check has none or they could not be read). */
  metrics: metricValuesSchema.optional(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const checkTotalsSchema = z.object({
  pass: z.number().int(),
  fail: z.number().int(),
  error: z.number().int(),
  not_applicable: z.number().int(),
  /** Violating rows over every cell. */
  rows: z.number().int(),
});
export type CheckTotals = z.infer<typeof checkTotalsSchema>;

export const checkReportSchema = z.object({
  /** `<yyyymmddThhmmssZ>-<6 hex>`, saved as `<app data>/checks/<id>.json`. */
  id: z.string(),
  profileId: z.string(),
  profile: z.string(),
  environment: z.string(),
  database: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  durationMs: z.number(),
  checks: z.array(checkDefinitionSchema),
  tenants: z.array(z.string()),
  /** Registered tenants left out (schema missing: `missing`), with why in English for the CLI and exports. */
  skipped: z.array(z.object({ tenant: z.string(), reason: z.string(), missing: z.boolean().optional() })),
  results: z.array(checkResultSchema),
  totals: checkTotalsSchema,
  /** Fleet totals of each check's metrics, by check id. */
  metricTotals: z.record(z.string(), metricValuesSchema).optional(),
  /** False when a check of severity error found rows or errored (the CLI then exits 1). */
  passed: z.boolean(),
});
export type CheckReport = z.infer<typeof checkReportSchema>;

export const checkRunSummarySchema = checkReportSchema
  .pick({
    id: true,
    profileId: true,
    profile: true,
    environment: true,
    database: true,
    startedAt: true,
    durationMs: true,
    totals: true,
    passed: true,
  })
  .extend({ checks: z.array(z.string()), tenantCount: z.number().int() });
export type CheckRunSummary = z.infer<typeof checkRunSummarySchema>;

export const checkChangeSchema = z.object({
  tenant: z.string(),
  check: z.string(),
  before: checkStatusSchema.optional(),
  after: checkStatusSchema.optional(),
  countBefore: z.number().int().optional(),
  countAfter: z.number().int().optional(),
});
export type CheckChange = z.infer<typeof checkChangeSchema>;

export const checkComparisonSchema = z.object({
  id: z.string(),
  previousId: z.string().optional(),
  better: z.array(checkChangeSchema),
  worse: z.array(checkChangeSchema),
  unchanged: z.number().int(),
});
export type CheckComparison = z.infer<typeof checkComparisonSchema>;

export { EXPORT_FORMATS } from './choices';
import { EXPORT_FORMATS } from './choices';
export const exportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const fixPreviewTenantSchema = z.object({
  tenant: z.string(),
  /** Rows the fix would create or change. */
  count: z.number().int(),
  columns: z.array(z.string()),
  rows: z.array(checkRowSchema),
  error: checkErrorSchema.optional(),
});
export const fixPreviewSchema = z.object({
  check: z.string(),
  fix: z.string(),
  tenants: z.array(fixPreviewTenantSchema),
  total: z.number().int(),
});
export type FixPreview = z.infer<typeof fixPreviewSchema>;

export const fixOutcomeSchema = z.object({
  tenant: z.string(),
  status: z.enum(['fixed', 'refused', 'failed']),
  expected: z.number().int(),
  changed: z.number().int(),
  error: checkErrorSchema.optional(),
  /** The check re-run after the fix committed. */
  recheck: checkResultSchema.optional(),
});
export const fixApplySchema = z.object({
  check: z.string(),
  fix: z.string(),
  outcomes: z.array(fixOutcomeSchema),
  /** Every tenant fixed and its re-run check passes. */
  allPassing: z.boolean(),
});
export type FixApply = z.infer<typeof fixApplySchema>;
export type FixOutcome = z.infer<typeof fixOutcomeSchema>;
