import { z } from 'zod';
import { monitorSnapshotSchema, monitorThresholdsSchema } from '../model/monitor';

/** The monitor area's calls ('monitor.verb' → { input, output }), and the SSH host-key acceptance its tunnels need. */
export const monitorContract = {
  'monitor.snapshot': {
    input: z.object({ profileId: z.uuid(), thresholds: monitorThresholdsSchema.partial().optional() }).strict(),
    output: monitorSnapshotSchema,
  },
  'monitor.cancelQuery': {
    input: z
      .object({
        profileId: z.uuid(),
        pid: z.number().int().positive().max(2_147_483_647),
        /** pg_terminate_backend (ends the session) instead of pg_cancel_backend (stops the statement). */
        terminate: z.boolean().default(false),
        /** The UI's confirmation; the core refuses without it. */
        confirm: z.literal(true),
        confirmDatabase: z.string().max(63).optional(),
      })
      .strict(),
    output: z.object({ pid: z.number(), action: z.enum(['cancel', 'terminate']), signalled: z.boolean() }),
  },
  /** Trusts the SSH host key the user saw as a fingerprint (SSH_HOST_KEY_UNKNOWN) by adding it to known_hosts. */
  'ssh.acceptHostKey': {
    input: z
      .object({
        profileId: z.uuid(),
        fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'a SHA256:… fingerprint'),
      })
      .strict(),
    output: z.object({ host: z.string(), port: z.number(), fingerprint: z.string(), knownHostsFile: z.string() }),
  },
} as const;
