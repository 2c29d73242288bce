import { z } from 'zod';
import { runbookInfoSchema, runSchema, runSummarySchema } from '../model/checklists';
import { jobStartedSchema } from '../model/job';

const runId = z.string().regex(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/, 'a run id looks like 20250101T120000Z-abc123');
const stepId = z.string().min(1).max(63);

/** The checklists area's calls ('checklists.verb' → { input, output }). */
export const checklistsContract = {
  'checklists.runbooks': {
    input: z.object({ profileId: z.uuid(), project: z.string().max(4096).optional() }).strict(),
    output: z.object({
      runbooks: z.array(runbookInfoSchema),
      errors: z.array(z.object({ file: z.string(), message: z.string() })),
    }),
  },
  /** Creates a run (saved at once) and evaluates its gates; `checklists.advance` then runs it. */
  'checklists.start': {
    input: z
      .object({
        profileId: z.uuid(),
        runbook: z.string().min(1).max(4096),
        project: z.string().max(4096).optional(),
        confirmDatabase: z.string().max(63).optional(),
      })
      .strict(),
    output: runSchema,
  },
  /** Runs automatic steps until a manual step, a failure, a gate or the end (a job; result: the run). */
  'checklists.advance': {
    input: z
      .object({ runId, yesManual: z.boolean().default(false), confirmDatabase: z.string().max(63).optional() })
      .strict(),
    output: jobStartedSchema,
  },
  'checklists.tick': {
    input: z.object({ runId, stepId, note: z.string().max(4000).optional() }).strict(),
    output: runSchema,
  },
  'checklists.skip': {
    input: z.object({ runId, stepId, reason: z.string().trim().min(3).max(4000) }).strict(),
    output: runSchema,
  },
  'checklists.retry': { input: z.object({ runId, stepId }).strict(), output: runSchema },
  'checklists.abort': {
    input: z.object({ runId, reason: z.string().trim().min(3).max(4000) }).strict(),
    output: runSchema,
  },
  /** Starts the runbook's rollback runbook as a new run linked to this one. */
  'checklists.rollback': {
    input: z.object({ runId, confirmDatabase: z.string().max(63).optional() }).strict(),
    output: runSchema,
  },
  'checklists.runs': {
    input: z.object({ profileId: z.uuid().optional() }).strict(),
    output: z.array(runSummarySchema),
  },
  'checklists.get': { input: z.object({ runId }).strict(), output: runSchema },
  'checklists.report': {
    input: z.object({ runId, format: z.enum(['md', 'html']).default('md') }).strict(),
    output: z.object({ fileName: z.string(), mime: z.string(), content: z.string() }),
  },
} as const;
