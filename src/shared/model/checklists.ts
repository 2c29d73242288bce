import { z } from 'zod';
import { ENVIRONMENTS } from './choices';

export const AUTOMATIC_STEP_KINDS = [
  'backup',
  'verify-backup',
  'migrate',
  'migration-status',
  'check',
  'sql-assert',
  'command',
  'restore',
] as const;
export const STEP_KINDS = [...AUTOMATIC_STEP_KINDS, 'manual'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

const stepId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'a step id is lower-case letters, digits, - and _');

export const gateSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('staging-soak'),
      profile: z.string().min(1),
      hours: z
        .number()
        .min(0)
        .max(24 * 90),
    })
    .strict(),
  z
    .object({
      kind: z.literal('backup-age'),
      minutes: z
        .number()
        .min(1)
        .max(60 * 24 * 30),
    })
    .strict(),
  z
    .object({
      kind: z.literal('maintenance-window'),
      days: z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).optional(),
      from: z.string().regex(/^\d{2}:\d{2}$/, 'from is HH:MM'),
      to: z.string().regex(/^\d{2}:\d{2}$/, 'to is HH:MM'),
    })
    .strict(),
]);
export type Gate = z.infer<typeof gateSchema>;

const common = {
  id: stepId,
  title: z.string().min(1).max(200),
  explain: z.string().max(4000).optional(),
  gates: z.array(gateSchema).optional(),
};

export const stepSchema = z.discriminatedUnion('kind', [
  z
    .object({ ...common, kind: z.literal('backup'), scope: z.enum(['fleet', 'database', 'shared']).default('fleet') })
    .strict(),
  z.object({ ...common, kind: z.literal('verify-backup'), backupStep: stepId.optional() }).strict(),
  z.object({ ...common, kind: z.literal('migrate'), continueOnError: z.boolean().default(false) }).strict(),
  z.object({ ...common, kind: z.literal('migration-status') }).strict(),
  z
    .object({
      ...common,
      kind: z.literal('check'),
      checks: z.array(z.string().min(1)).min(1).optional(),
      fix: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('sql-assert'),
      sql: z.string().min(1).max(20_000),
      expect: z
        .object({
          equals: z.union([z.number(), z.string(), z.boolean()]).optional(),
          min: z.number().optional(),
          max: z.number().optional(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('command'),
      program: z.string().min(1).max(1000),
      args: z.array(z.string().max(4000)).default([]),
      timeoutSeconds: z.number().int().min(1).max(86_400).default(600),
      expectExitCode: z.number().int().default(0),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('restore'),
      /** Restores the backup taken by this step of the run being rolled back (or of this run). */
      backupStep: stepId.default('backup'),
      tenants: z.array(z.string().min(1).max(63)).optional(),
    })
    .strict(),
  z.object({ ...common, kind: z.literal('manual'), requireNote: z.boolean().default(false) }).strict(),
]);
export type Step = z.infer<typeof stepSchema>;

export const runbookSchema = z
  .object({
    title: z.string().min(1).max(200),
    description: z.string().max(8000).optional(),
    environments: z.array(z.enum(ENVIRONMENTS)).min(1),
    /** The runbook offered when a step fails (an id in the same folder). */
    rollback: z.string().optional(),
    gates: z.array(gateSchema).default([]),
    steps: z.array(stepSchema).min(1),
  })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.steps.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `step id "${s.id}" is used twice` });
      seen.add(s.id);
    });
  });
export type Runbook = z.infer<typeof runbookSchema>;

export const runbookInfoSchema = z.object({
  id: z.string(),
  path: z.string(),
  title: z.string(),
  description: z.string().optional(),
  environments: z.array(z.enum(ENVIRONMENTS)),
  steps: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(STEP_KINDS),
      title: z.string(),
      explain: z.string().optional(),
      /** What the step works on, for the review before a start: a backup's scope, a check step's checks and fix flag. */
      scope: z.string().optional(),
      checks: z.array(z.string()).optional(),
      fix: z.boolean().optional(),
    }),
  ),
});

export const gateResultSchema = z.object({
  gate: z.string(),
  ok: z.boolean(),
  /** Why it passes or blocks, e.g. "staging applied 0007 only 3 h ago; 21 h to go". */
  message: z.string(),
});
export type GateResult = z.infer<typeof gateResultSchema>;

export const STEP_STATES = ['pending', 'running', 'waiting', 'succeeded', 'failed', 'skipped'] as const;
export const RUN_STATES = ['running', 'waiting', 'blocked', 'failed', 'succeeded', 'aborted'] as const;

export const stepRunSchema = z.object({
  id: z.string(),
  kind: z.enum(STEP_KINDS),
  title: z.string(),
  explain: z.string().optional(),
  state: z.enum(STEP_STATES),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  durationMs: z.number().optional(),
  attempts: z.number().default(0),
  evidence: z.record(z.string(), z.unknown()).optional(),
  output: z.array(z.string()).default([]),
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
  note: z.string().optional(),
  by: z.string().optional(),
  skipReason: z.string().optional(),
  gates: z.array(gateResultSchema).default([]),
});
export type StepRun = z.infer<typeof stepRunSchema>;

export const runSchema = z.object({
  id: z.string(),
  runbookId: z.string(),
  runbookPath: z.string(),
  title: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  environment: z.enum(ENVIRONMENTS),
  database: z.string(),
  projectDir: z.string().optional(),
  rollback: z.string().optional(),
  /** The run this one rolls back, when it is a rollback run. */
  rollsBack: z.string().optional(),
  state: z.enum(RUN_STATES),
  createdAt: z.string(),
  updatedAt: z.string(),
  endedAt: z.string().optional(),
  startedBy: z.string(),
  gates: z.array(gateResultSchema),
  steps: z.array(stepRunSchema),
  events: z.array(z.object({ at: z.string(), who: z.string(), text: z.string() })).default([]),
});
export type Run = z.infer<typeof runSchema>;
export type RunState = Run['state'];

export const runSummarySchema = runSchema.pick({
  id: true,
  runbookId: true,
  title: true,
  profileName: true,
  environment: true,
  state: true,
  createdAt: true,
  updatedAt: true,
});
export type RunSummary = z.infer<typeof runSummarySchema>;

/** A run as the runs list shows it. */
export const runSummary = ({
  id,
  runbookId,
  title,
  profileName,
  environment,
  state,
  createdAt,
  updatedAt,
}: Run): RunSummary => ({ id, runbookId, title, profileName, environment, state, createdAt, updatedAt });
