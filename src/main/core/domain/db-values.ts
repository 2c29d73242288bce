/**
 * A database value as JSON carries it: dates as ISO text, bytea as PostgreSQL's hex text, bigint as
 * its digits (int8 and numeric already arrive as exact text); the rest as pg gives it.
 */
export function jsonValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (typeof value === 'bigint') return value.toString();
  return value;
}
