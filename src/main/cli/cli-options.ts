import { AppError } from '../../shared/errors';
import type { CliContext } from './cli-context';

/** The profile a command works on, and the input fields every area's calls take for it. */
export async function targetInput(ctx: CliContext) {
  const profile = await ctx.target();
  return { profile, input: { profileId: profile.id, registry: ctx.opts.registry, project: ctx.opts.project } };
}

/** `--tenants a,b`: a non-empty list of schema names. */
export function tenantList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!list.length)
    throw new AppError(
      'VALIDATION_FAILED',
      '--tenants needs at least one schema name.',
      'e.g. --tenants tenant_a,tenant_b',
      { field: 'tenants' },
    );
  return list;
}
