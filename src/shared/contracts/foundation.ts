import { z } from 'zod';
import { connectionTestSchema } from '../model/connection';
import { jobSummarySchema } from '../model/job';
import { profileChangesSchema, profileSettingsSchema, profileViewSchema } from '../model/profile';

const empty = z.object({}).strict();
const profileRef = z.object({ id: z.uuid() }).strict();
const ok = z.object({ ok: z.literal(true) });

/** App info, connection profiles and jobs. */
export const foundationContract = {
  'app.info': {
    input: empty,
    output: z.object({
      version: z.string(),
      mode: z.enum(['electron', 'browser', 'cli']),
      dataDir: z.string(),
      secretBackend: z.enum(['keychain', 'memory']),
      /** Things the user must know at start, e.g. a corrupt profiles file kept aside. */
      notices: z.array(z.object({ code: z.string(), message: z.string(), hint: z.string().optional() })),
      defaultProfileId: z.string().optional(),
    }),
  },
  'profiles.list': { input: empty, output: z.array(profileViewSchema) },
  'profiles.add': {
    input: profileSettingsSchema.extend({ password: z.string().max(1024).optional() }).strict(),
    output: profileViewSchema,
  },
  'profiles.update': {
    input: z
      .object({ id: z.uuid(), changes: profileChangesSchema, password: z.string().max(1024).nullable().optional() })
      .strict(),
    output: profileViewSchema,
  },
  'profiles.duplicate': {
    input: z.object({ id: z.uuid(), name: z.string().trim().min(1).max(80).optional() }).strict(),
    output: profileViewSchema,
  },
  'profiles.remove': { input: profileRef, output: ok },
  'profiles.setPassword': {
    input: z.object({ id: z.uuid(), password: z.string().max(1024) }).strict(),
    output: profileViewSchema,
  },
  'profiles.test': { input: profileRef, output: connectionTestSchema },
  /** Tests settings before they are saved; the password is used for this test only and stored nowhere. */
  'profiles.testDraft': {
    input: z
      .object({
        settings: profileSettingsSchema.partial({ name: true }),
        password: z.string().max(1024).optional(),
        id: z.uuid().optional(),
      })
      .strict(),
    output: connectionTestSchema,
  },
  'profiles.export': {
    input: z.object({ ids: z.array(z.uuid()).optional() }).strict(),
    output: z.object({ format: z.literal('tenantry-profiles/1'), profiles: z.array(profileSettingsSchema) }),
  },
  'profiles.import': {
    input: z.object({ format: z.literal('tenantry-profiles/1'), profiles: z.array(z.unknown()) }).strict(),
    output: z.object({
      added: z.array(z.string()),
      skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
    }),
  },
  'jobs.list': { input: empty, output: z.array(jobSummarySchema) },
  'jobs.get': { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: jobSummarySchema },
  'jobs.cancel': { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: ok },
} as const;
