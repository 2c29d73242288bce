import { AppError } from '../../../shared/errors';
import type { CheckParam } from '../../../shared/model/checks';

export interface BoundSql {
  text: string;
  values: string[];
}

/** Where a `:name` placeholder sits in SQL text (outside strings, identifiers, comments and `::` casts). */
interface Placeholder {
  name: string;
  start: number;
  end: number;
}

function skipQuoted(sql: string, i: number, quote: string, backslash: boolean): number {
  let j = i + 1;
  while (j < sql.length) {
    const c = sql[j];
    if (backslash && c === '\\') j += 2;
    else if (c === quote && sql[j + 1] === quote) j += 2;
    else if (c === quote) return j + 1;
    else j += 1;
  }
  return j;
}

function skipBlockComment(sql: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    if (sql.startsWith('/*', j)) {
      depth += 1;
      j += 2;
    } else if (sql.startsWith('*/', j)) {
      depth -= 1;
      j += 2;
      if (depth === 0) return j;
    } else j += 1;
  }
  return j;
}

/** Walks the SQL once and lists `:name` placeholders; everything quoted or commented is skipped. */
export function findPlaceholders(sql: string): Placeholder[] {
  const found: Placeholder[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'") {
      const escaped = i > 0 && /[eE]/.test(sql[i - 1]) && (i < 2 || !/[\w$]/.test(sql[i - 2]));
      i = skipQuoted(sql, i, "'", escaped);
    } else if (c === '"') i = skipQuoted(sql, i, '"', false);
    else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (c === '/' && sql[i + 1] === '*') i = skipBlockComment(sql, i);
    else if (c === '$' && (i === 0 || !/[\w$]/.test(sql[i - 1]))) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? sql.length : close + tag[0].length;
      } else i += 1;
    } else if (c === ':' && sql[i + 1] === ':') i += 2;
    else if (c === ':') {
      const m = /^:([A-Za-z_][A-Za-z0-9_]*)/.exec(sql.slice(i));
      if (m) {
        found.push({ name: m[1], start: i, end: i + m[0].length });
        i += m[0].length;
      } else i += 1;
    } else i += 1;
  }
  return found;
}

/**
 * Turns `:tolerance` into `($1::numeric)` with the value bound as a parameter, never pasted.
 * A placeholder with no `-- param:` header, or a param without value or default, is PARAM_INVALID.
 */
export function bindParams(sql: string, declared: CheckParam[], given: Record<string, string> = {}, firstIndex = 1): BoundSql {
  for (const name of Object.keys(given)) {
    if (!declared.some((p) => p.name === name)) {
      throw new AppError('PARAM_INVALID', `There is no parameter "${name}".`, declared.length ? `Known parameters: ${declared.map((p) => p.name).join(', ')}.` : 'This check takes no parameters.', { field: name });
    }
  }
  const values: string[] = [];
  const index = new Map<string, number>();
  let text = '';
  let last = 0;
  for (const ph of findPlaceholders(sql)) {
    const param = declared.find((p) => p.name === ph.name);
    if (!param) throw new AppError('PARAM_INVALID', `The SQL uses :${ph.name}, which no "-- param:" header declares.`, `Add "-- param: ${ph.name} text = VALUE" to the header.`, { field: ph.name });
    let n = index.get(ph.name);
    if (n === undefined) {
      const value = given[ph.name] ?? param.default;
      if (value === undefined) throw new AppError('PARAM_INVALID', `The parameter "${ph.name}" has no value and no default.`, `Give it a value (CLI: --param ${ph.name}=VALUE).`, { field: ph.name });
      values.push(value);
      n = firstIndex + values.length - 1;
      index.set(ph.name, n);
    }
    text += `${sql.slice(last, ph.start)}($${n}::${param.type})`;
    last = ph.end;
  }
  return { text: text + sql.slice(last), values };
}

/** The SQL without comments and surrounding blanks; used to see what kind of statement it is. */
export function firstKeyword(sql: string): string {
  const stripped = sql.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ').trim();
  return (/^[A-Za-z]+/.exec(stripped)?.[0] ?? '').toUpperCase();
}

/** Drops trailing blanks and semicolons so the statement can sit inside a subquery. */
export function trimStatement(sql: string): string {
  return sql.replace(/[\s;]+$/, '');
}

const WRITING = new Set([
  'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'CREATE', 'DROP', 'ALTER', 'TRUNCATE', 'GRANT', 'REVOKE', 'COPY', 'CALL', 'DO',
  'COMMENT', 'VACUUM', 'REINDEX', 'CLUSTER', 'LOCK', 'SET', 'RESET', 'BEGIN', 'START', 'COMMIT', 'ROLLBACK', 'END', 'REFRESH', 'SECURITY', 'IMPORT',
]);

/**
 * A check must be one query: a statement that plainly writes is refused before it reaches the
 * server; anything else goes to the server, which parses it inside a READ ONLY transaction.
 */
export function assertQuery(sql: string): void {
  const kw = firstKeyword(sql);
  if (!kw) throw new AppError('CHECK_FAILED', 'The check has no SQL after its headers.', 'Write one SELECT that returns the violating rows.');
  if (WRITING.has(kw)) {
    throw new AppError('QUERY_NOT_READ_ONLY', `A check must be one SELECT; this one starts with ${kw}.`, 'Checks only read. Put changes in a fix file (NAME.fix.sql) and name it with "-- fix:".');
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
