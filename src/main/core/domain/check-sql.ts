import { AppError } from '../../../shared/errors';
import type { CheckParam } from '../../../shared/model/checks';
import { refuseUnknownParams } from './param-values';
import {
  bindPlaceholders,
  findPlaceholders,
  leadingWord,
  readOnlyVerdict,
  splitSql,
  withPlaceholdersAsParams,
  type BoundSql,
} from './sql';

export { findPlaceholders, type BoundSql };

/** True when the SQL holds more than one statement, as PostgreSQL's parser splits it. */
export function hasStatementSeparator(sql: string): boolean {
  return splitSql(withPlaceholdersAsParams(trimStatement(sql))).length > 1;
}

/**
 * Turns `:tolerance` into `($1::numeric)` with the value bound as a parameter, never pasted.
 * A placeholder with no `-- param:` header, or a param without value or default, is PARAM_INVALID.
 */
export function bindParams(
  sql: string,
  declared: CheckParam[],
  given: Record<string, string> = {},
  firstIndex = 1,
): BoundSql {
  refuseUnknownParams(declared, given, 'check');
  const valueOf = (name: string) => {
    const value = given[name] ?? declared.find((p) => p.name === name)?.default;
    if (value === undefined)
      throw new AppError(
        'PARAM_INVALID',
        `The parameter "${name}" has no value and no default.`,
        `Give it a value (CLI: --param ${name}=VALUE).`,
        { field: name },
      );
    return value;
  };
  return bindPlaceholders(sql, declared, valueOf, firstIndex);
}

/** Drops trailing blanks and semicolons so the statement can sit inside a subquery. */
export function trimStatement(sql: string): string {
  return sql.replace(/[\s;]+$/, '');
}

/**
 * A check must be one query that only reads (PostgreSQL's parser decides, `:name` placeholders
 * standing in as parameters); it also runs inside a READ ONLY transaction on the server.
 */
export function assertQuery(sql: string): void {
  const verdict = readOnlyVerdict(withPlaceholdersAsParams(sql));
  if (verdict.kind === 'empty')
    throw new AppError(
      'CHECK_FAILED',
      'The check has no SQL after its headers.',
      'Write one SELECT that returns the violating rows.',
    );
  if (verdict.kind === 'several')
    throw new AppError(
      'QUERY_NOT_READ_ONLY',
      'A check is one SELECT; this file holds more than one statement.',
      'Remove everything after the first statement; put changes in a fix file.',
    );
  if (verdict.kind === 'writes') {
    throw new AppError(
      'QUERY_NOT_READ_ONLY',
      `A check must be one SELECT; this one starts with ${leadingWord(verdict.statement)} (${verdict.why}).`,
      'Checks only read. Put changes in a fix file (NAME.fix.sql) and name it with "-- fix:".',
    );
  }
}

export const COUNT_COLUMN = '__tenantry_count';

/**
 * The check wrapped so one round trip returns the first `cap` rows and how many there are in all.
 * The newline before `)` keeps a trailing `-- comment` from swallowing it.
 */
export function wrapCheck(bound: BoundSql, cap: number): BoundSql {
  const capIndex = bound.values.length + 1;
  return {
    text: `SELECT "__tenantry_check".*, count(*) OVER () AS "${COUNT_COLUMN}" FROM (\n${trimStatement(bound.text)}\n) AS "__tenantry_check" LIMIT $${capIndex}`,
    values: [...bound.values, String(cap)],
  };
}

/** wrapCheck for a check without parameters, sent with the simple protocol: the cap is our own integer. */
export function wrapCheckInline(sql: string, cap: number): string {
  return `SELECT "__tenantry_check".*, count(*) OVER () AS "${COUNT_COLUMN}" FROM (\n${trimStatement(sql)}\n) AS "__tenantry_check" LIMIT ${Math.trunc(cap)}`;
}
