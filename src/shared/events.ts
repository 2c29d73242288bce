import { z } from 'zod';
import { jobUpdateSchema } from './model/job';

/** Events pushed from the core to every window/page. */
export const events = {
  'job.update': jobUpdateSchema,
  'connection.state': z.object({
    profileId: z.string(),
    state: z.enum(['connected', 'disconnected', 'error']),
    message: z.string().optional(),
  }),
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];
