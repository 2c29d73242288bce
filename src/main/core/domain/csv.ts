import { stringify } from 'csv-stringify/sync';

/**
 * The one CSV writer of the console (query results, check reports, the audit log): RFC 4180
 * with CRLF line ends, every value kept exact (int8 and numeric arrive as text and stay text).
 */

/** A plain decimal number: a spreadsheet reads it as a number, never runs it. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** What a spreadsheet takes as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Database and report values as text: dates as ISO, bytes as hex, objects as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A cell a spreadsheet would run as a formula gets a leading ' so it stays text; plain numbers stay numbers. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** A header row and data rows as CSV text; every cell neutralised, quoted where RFC 4180 needs it. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = [header, ...rows].map((row) => row.map((v) => neutralizeFormula(cellText(v))));
  return stringify(cells, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}
