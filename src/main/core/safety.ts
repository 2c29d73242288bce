import { AppError } from '../../shared/errors';
import type { Profile } from '../../shared/model/profile';

/** On production, anything that changes data needs the database name typed (CLI: --confirm-database). */
export function requireProductionConfirmation(
  profile: Profile,
  confirmDatabase: string | undefined,
  what: string,
): void {
  if (profile.environment !== 'production') return;
  if (confirmDatabase === profile.database) return;
  throw new AppError(
    'CONFIRMATION_REQUIRED',
    `${what} changes the production database ${profile.database} on profile "${profile.name}".`,
    `Type the database name to confirm (CLI: --confirm-database ${profile.database}).`,
  );
}

/** Read-only profiles refuse changes before the server has to. */
export function assertWritable(profile: Profile, what: string): void {
  if (profile.readOnly)
    throw new AppError(
      'READ_ONLY',
      `${what} would change data, and profile "${profile.name}" is read-only.`,
      'Use a profile that is not read-only.',
    );
}
