import { AppError } from '../../../shared/errors';

/**
 * Clone (dump → restore as a new schema → register) and move (backup → restore on another
 * profile → verify row counts → update both registries) ride on the backups area's restore,
 * which this console does not offer yet: both refuse clearly instead of half-working.
 */
export function cloneTenantUnavailable(): never {
  throw new AppError('NOT_SUPPORTED', 'Cloning a tenant needs backup restore, which this console does not offer yet.', 'Meanwhile: tenantry backup --tenant S, then restore the dump under a new name by hand and adopt the schema from the Tenants screen.');
}

export function moveTenantUnavailable(): never {
  throw new AppError('NOT_SUPPORTED', 'Moving a tenant needs backup restore on another profile, which this console does not offer yet.', 'Meanwhile: back the tenant up, restore it on the other server, adopt it there, then drop it here.');
}
