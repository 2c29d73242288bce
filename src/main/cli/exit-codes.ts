import type { ErrorCode } from '../../shared/errors';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_REFUSED = 3;

const USAGE: ErrorCode[] = ['VALIDATION_FAILED', 'NO_CONNECTION', 'UNKNOWN_METHOD', 'PROFILE_EXISTS', 'PROFILE_NOT_FOUND', 'NO_PROJECT', 'INVALID_IDENTIFIER', 'REGISTRY_COLUMN_REQUIRED', 'IMPORT_INVALID'];
const REFUSED: ErrorCode[] = ['CONFIRMATION_REQUIRED', 'READ_ONLY', 'FORBIDDEN'];

/** CLI.md's exit codes: 2 bad usage, 3 refused for safety, 1 anything else that stopped the command. */
export function exitCodeFor(code: string): number {
  if ((USAGE as string[]).includes(code)) return EXIT_USAGE;
  if ((REFUSED as string[]).includes(code)) return EXIT_REFUSED;
  return EXIT_FAILED;
}
