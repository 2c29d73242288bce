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

/** Characters PostgreSQL allows inside identifiers; any non-ASCII letter counts, as in its lexer. */
const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;

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

/**
 * Walks SQL as PostgreSQL's lexer splits it (standard_conforming_strings on), calling `visit`
 * for every character outside strings, quoted identifiers, comments and dollar quotes;
 * `visit` returns how many characters it consumed (0 for one).
 */
function walkCode(sql: string, visit: (i: number) => number): void {
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'") {
      const escaped = i > 0 && /[eE]/.test(sql[i - 1]) && (i < 2 || !IDENT_CHAR.test(sql[i - 2]));
      i = skipQuoted(sql, i, "'", escaped);
    } else if (c === '"') i = skipQuoted(sql, i, '"', false);
    else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.slice(i).search(/[\r\n]/);
      i = end < 0 ? sql.length : i + end + 1;
    } else if (c === '/' && sql[i + 1] === '*') i = skipBlockComment(sql, i);
    else if (c === '$' && (i === 0 || !IDENT_CHAR.test(sql[i - 1]))) {
      const tag = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? sql.length : close + tag[0].length;
      } else i += 1;
    } else i += Math.max(1, visit(i));
  }
}

/** Where `:name` placeholders sit (outside strings, identifiers, comments and `::` casts). */
export function findPlaceholders(sql: string): Placeholder[] {
  const found: Placeholder[] = [];
  walkCode(sql, (i) => {
    if (sql[i] !== ':') return 1;
    if (sql[i + 1] === ':') return 2;
    const m = /^:([A-Za-z_][A-Za-z0-9_]*)/.exec(sql.slice(i, i + 70));
    if (!m) return 1;
    found.push({ name: m[1], start: i, end: i + m[0].length });
    return m[0].length;
  });
  return found;
}

/** True when the SQL holds more than one statement: a `;` the server would split on. */
export function hasStatementSeparator(sql: string): boolean {
  const text = trimStatement(sql);
  let found = false;
  walkCode(text, (i) => {
    if (text[i] === ';') found = true;
    return 1;
  });
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
  const valueOf = (name: string) => {
    const value = given[name] ?? declared.find((p) => p.name === name)?.default;
    if (value === undefined) throw new AppError('PARAM_INVALID', `The parameter "${name}" has no value and no default.`, `Give it a value (CLI: --param ${name}=VALUE).`, { field: name });
    return value;
  };
  return bindPlaceholders(sql, declared, valueOf, firstIndex);
}

/**
 * The one place `:name` placeholders become `($n::type)`: each name is bound once, as a
 * parameter, and its value never enters the SQL text (checks and tenant actions both use it).
 */
export function bindPlaceholders(sql: string, declared: { name: string; type: string }[], valueOf: (name: string) => string, firstIndex = 1): BoundSql {
  const values: string[] = [];
  const index = new Map<string, number>();
  let text = '';
  let last = 0;
  for (const ph of findPlaceholders(sql)) {
    const param = declared.find((p) => p.name === ph.name);
    if (!param) throw new AppError('PARAM_INVALID', `The SQL uses :${ph.name}, which no "-- param:" header declares.`, `Add "-- param: ${ph.name} text = VALUE" to the header.`, { field: ph.name });
    let n = index.get(ph.name);
    if (n === undefined) {
      values.push(valueOf(ph.name));
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

/** wrapCheck for a check without parameters, sent with the simple protocol: the cap is our own integer. */
export function wrapCheckInline(sql: string, cap: number): string {
  return `SELECT "__tenantry_check".*, count(*) OVER () AS "${COUNT_COLUMN}" FROM (\n${trimStatement(sql)}\n) AS "__tenantry_check" LIMIT ${Math.trunc(cap)}`;
}
