import { z } from 'zod';

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const jobStateSchema = z.enum(JOB_STATES);
export type JobState = z.infer<typeof jobStateSchema>;

export const jobErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});

export const jobUpdateSchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: jobStateSchema,
  done: z.number(),
  total: z.number(),
  current: z.string().optional(),
  /** Only the lines new since the previous event. */
  log: z.array(z.string()),
  profileId: z.string().optional(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  error: jobErrorSchema.optional(),
});
export type JobUpdate = z.infer<typeof jobUpdateSchema>;

export const jobSummarySchema = jobUpdateSchema.omit({ log: true }).extend({
  /** The whole log so far, capped. */
  log: z.array(z.string()),
  result: z.unknown().optional(),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const jobStartedSchema = z.object({ jobId: z.string() });
