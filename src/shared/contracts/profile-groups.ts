import { z } from 'zod';

/** A saved group of profiles: several databases run as one fleet (CLI --profiles NAME). */
export const profileGroupSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(80),
  profileIds: z.array(z.uuid()).min(1, 'a group holds at least one profile').max(200),
});
export type ProfileGroup = z.infer<typeof profileGroupSchema>;

export const profileGroupsContract = {
  'profiles.groups': { input: z.object({}).strict(), output: z.array(profileGroupSchema) },
  'profiles.saveGroup': { input: profileGroupSchema.strict(), output: profileGroupSchema },
  'profiles.removeGroup': {
    input: z.object({ name: z.string().min(1).max(80) }).strict(),
    output: z.object({ ok: z.literal(true) }),
  },
} as const;
