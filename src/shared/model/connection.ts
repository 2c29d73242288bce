import { z } from 'zod';

export const registryInfoSchema = z.object({
  kind: z.enum(['django-tenants', 'native', 'pattern']),
  /** The tenant table (django-tenants, native) or the glob (pattern). */
  source: z.string(),
  domainTable: z.string().optional(),
  tenantCount: z.number(),
  /** Why the registry could not be read (e.g. no SELECT on its table); the connection itself works. */
  error: z.string().optional(),
});
export type RegistryInfo = z.infer<typeof registryInfoSchema>;

export const connectionTestSchema = z.object({
  serverVersion: z.string(),
  serverVersionNum: z.number(),
  latencyMs: z.number(),
  database: z.string(),
  user: z.string(),
  readOnly: z.boolean(),
  tls: z.boolean(),
  registry: registryInfoSchema,
  ledgers: z.object({
    tenantry: z.number().describe('schemas with a tenantry_migrations ledger'),
    django: z.number().describe('schemas with a django_migrations ledger'),
  }),
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;
