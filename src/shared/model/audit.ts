import { z } from 'zod';

import { AUDIT_RESULTS } from './choices';

export { AUDIT_RESULTS };

/** One audit line as the screen and the CLI see it (CLI.md "Restores and the audit log"). */
export const auditLineSchema = z.object({
  at: z.string(),
  who: z.string(),
  action: z.string(),
  profileId: z.string().optional(),
  profile: z.string().optional(),
  environment: z.string().optional(),
  database: z.string().optional(),
  target: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  result: z.enum(AUDIT_RESULTS),
  error: z.string().optional(),
  durationMs: z.number().optional(),
  /** Links an outcome line to the intent line written before the action ran. */
  intent: z.string().optional(),
  prev: z.string(),
  hash: z.string(),
});
export type AuditLineView = z.infer<typeof auditLineSchema>;

export const auditFilterSchema = z
  .object({
    action: z.string().max(100).optional(),
    profile: z.string().max(100).optional(),
    environment: z.string().max(20).optional(),
    result: z.enum(AUDIT_RESULTS).optional(),
    /** Free text matched against target, action, params and error. */
    text: z.string().max(200).optional(),
    since: z.string().max(40).optional(),
    until: z.string().max(40).optional(),
    limit: z.number().int().min(1).max(100_000).default(1000),
  })
  .strict();
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  lines: z.number(),
  files: z.array(z.string()),
  /** The first line that does not chain: its file and 1-based line number. */
  firstBad: z.object({ file: z.string(), line: z.number(), reason: z.string() }).optional(),
});
export type AuditVerify = z.infer<typeof auditVerifySchema>;
