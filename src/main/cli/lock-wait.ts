import { AppError } from '../../shared/errors';

/** `--lock-wait SECONDS` (`5` or `5s`): how long to wait for a tenant another operation holds. */
export function parseLockWait(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*s?\s*$/i.exec(value);
  if (!m || Number(m[1]) > 86_400) {
    throw new AppError(
      'VALIDATION_FAILED',
      `--lock-wait takes seconds (0 to 86400), not "${value}".`,
      'e.g. --lock-wait 30 (or 30s); 0 refuses at once.',
      { field: 'lockWait' },
    );
  }
  return Number(m[1]);
}
