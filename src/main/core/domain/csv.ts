/**
 * The one CSV writer of the console (query results, check reports, the audit log): RFC 4180 with
 * CRLF line ends, every value kept exact (int8 and numeric arrive as text and stay text).
 * Written here rather than with a CSV package: RFC 4180 writing is two rules (quote a field that
 * holds a quote, comma or line break; double its quotes), and for a 200,000-row query result the
 * package we measured (csv-stringify) took four times as long as these lines (bench/query-export.mjs).
 */
import { jsonValue } from './db-values';

/** A plain decimal number: a spreadsheet reads it as a number, never runs it. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** What a spreadsheet takes as the start of a formula (OWASP "CSV injection"): = + - @ tab CR. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Database and report values as text: dates as ISO, bytes as hex, objects as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  const json = jsonValue(value);
  return typeof json === 'object' ? JSON.stringify(json) : String(json);
}

/** A cell a spreadsheet would run as a formula gets a leading ' so it stays text; plain numbers stay numbers. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

function field(value: unknown): string {
  const text = neutralizeFormula(cellText(value));
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and data rows as CSV text; every cell neutralised, quoted where RFC 4180 needs it. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  let out = header.map(field).join(',') + '\r\n';
  for (const row of rows) out += row.map(field).join(',') + '\r\n';
  return out;
}
