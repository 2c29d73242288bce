import { AppError } from '../../../shared/errors';

const MAX_IDENTIFIER_BYTES = 63;
const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * The one validator for identifiers we create or accept from users: lower-case ASCII,
 * digits and underscores, not starting with a digit, at most 63 bytes, never pg_*.
 * Names that need quoting to survive are refused rather than quoted into surprises.
 */
export function validateIdentifier(name: string, what = 'schema name'): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new AppError(
      'INVALID_IDENTIFIER',
      `The ${what} is empty.`,
      'Use lower-case letters, digits and underscores.',
    );
  }
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) {
    throw new AppError(
      'INVALID_IDENTIFIER',
      `The ${what} "${name.slice(0, 70)}" is ${Buffer.byteLength(name, 'utf8')} bytes; PostgreSQL keeps only 63.`,
      'Shorten it to 63 characters or fewer.',
    );
  }
  if (!SAFE_IDENTIFIER.test(name)) {
    throw new AppError(
      'INVALID_IDENTIFIER',
      `The ${what} "${name}" may only hold lower-case ASCII letters, digits and underscores, and must not start with a digit.`,
      'Quotes, spaces, semicolons, upper case and accents are refused so the name never needs quoting.',
    );
  }
  if (name.startsWith('pg_')) {
    throw new AppError(
      'INVALID_IDENTIFIER',
      `The ${what} "${name}" starts with pg_, which PostgreSQL reserves.`,
      'Choose another prefix.',
    );
  }
  return name;
}

/** The one quoting function: every identifier that reaches SQL text goes through it. */
export function quoteIdent(name: string): string {
  if (name.includes('\0')) throw new AppError('INVALID_IDENTIFIER', 'An identifier contains a NUL byte.');
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteQualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}
