import { z } from 'zod';
import { auditFilterSchema, auditLineSchema, auditVerifySchema } from '../model/audit';

/** The audit area's calls ('audit.verb' → { input, output }). They read the app data folder only. */
export const auditContract = {
  'audit.list': {
    input: auditFilterSchema,
    output: z.object({ lines: z.array(auditLineSchema), total: z.number() }),
  },
  'audit.verify': { input: z.object({}).strict(), output: auditVerifySchema },
  'audit.export': {
    input: auditFilterSchema
      .extend({
        format: z.enum(['csv', 'jsonl']).default('csv'),
        limit: z.number().int().min(1).max(1_000_000).default(1_000_000),
      })
      .strict(),
    output: z.object({ format: z.enum(['csv', 'jsonl']), content: z.string(), count: z.number() }),
  },
} as const;
