import { AppError } from '../../../../shared/errors';
import { parseStatements, scanTokens, SqlSyntaxError, type SqlToken } from './parser';

export interface SqlStatement {
  /** The statement as written, from its first token to before its `;` (comments inside kept). */
  text: string;
  /** PostgreSQL's node type, e.g. `CreateFunctionStmt`, `DropStmt`. */
  kind: string;
  node: Record<string, unknown>;
  /** Character offsets in the whole text. */
  start: number;
  end: number;
  /** 1-based line and column of the first token. */
  line: number;
  column: number;
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(sql: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = sql.indexOf('\n'); i >= 0 && i < offset; i = sql.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const where = (source: string | undefined, sql: string, offset: number) => {
  const { line, column } = lineAndColumn(sql, offset);
  return `${source ? `${source} ` : ''}line ${line}, column ${column}`;
};

/** psql's `\i`, `\set`, `\gexec`…: a backslash is never SQL outside a string. */
function psqlMetaCommand(tokens: SqlToken[]): SqlToken | undefined {
  return tokens.find((t) => t.text === '\\');
}

/** `COPY … FROM STDIN` / `TO STDOUT` stream data through psql, which the engine is not. */
function copyStream(tokens: SqlToken[]): SqlToken | undefined {
  let statementStart = true;
  let copy: SqlToken | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.text === ';') {
      statementStart = true;
      copy = undefined;
      continue;
    }
    if (statementStart) copy = t.keyword === 'COPY' ? t : undefined;
    statementStart = false;
    if (copy && (t.keyword === 'FROM' || t.keyword === 'TO') && /^(stdin|stdout)$/i.test(tokens[i + 1]?.text ?? ''))
      return copy;
  }
  return undefined;
}

function refusePsqlOnly(sql: string, source: string | undefined, tokens: SqlToken[]): void {
  const meta = psqlMetaCommand(tokens);
  const copy = copyStream(tokens);
  const first = [meta, copy].filter((t): t is SqlToken => Boolean(t)).sort((a, b) => a.start - b.start)[0];
  if (!first) return;
  const lineText = sql.slice(first.start).split('\n', 1)[0].trim().slice(0, 80);
  if (first === meta) {
    throw new AppError(
      'PSQL_ONLY_SQL',
      `${where(source, sql, first.start)}: "${lineText}" is a psql command, not SQL.`,
      'Migrations run through the database driver, not psql: inline the file or variable, or write plain SQL.',
    );
  }
  throw new AppError(
    'PSQL_ONLY_SQL',
    `${where(source, sql, first.start)}: "${lineText}" streams data through psql (COPY … FROM STDIN / TO STDOUT).`,
    'Write the rows as INSERT … VALUES, or COPY from a file the server can read.',
  );
}

function tokensOrNone(sql: string): SqlToken[] {
  try {
    return scanTokens(sql);
  } catch {
    return [];
  }
}

/**
 * The statements of a SQL text, split by PostgreSQL's own parser (BEGIN ATOMIC bodies, rules with
 * several actions, any dollar tag, E'' strings and nested comments stay whole). psql-only lines
 * and syntax errors are refused with the source and line; `source` names the file in messages.
 */
export function splitSql(sql: string, source?: string): SqlStatement[] {
  let raw;
  try {
    raw = parseStatements(sql);
  } catch (e) {
    if (!(e instanceof SqlSyntaxError)) throw e;
    refusePsqlOnly(sql, source, tokensOrNone(sql));
    throw new AppError(
      'SQL_SYNTAX_ERROR',
      `${where(source, sql, e.offset)}: ${e.message}.`,
      'PostgreSQL would refuse this text too: fix the SQL at that place.',
    );
  }
  const statements = raw.map((s) => ({ ...s, text: sql.slice(s.start, s.end).trim(), ...lineAndColumn(sql, s.start) }));
  if (statements.some((s) => s.kind === 'CopyStmt' && !s.node.filename)) refusePsqlOnly(sql, source, tokensOrNone(sql));
  return statements;
}

/** Where a PostgreSQL error position (1-based, within `statement.text`) falls in the whole text. */
export function positionInText(
  sql: string,
  statement: SqlStatement,
  position: number | undefined,
): { line: number; column: number } {
  return lineAndColumn(sql, statement.start + Math.max(0, (position ?? 1) - 1));
}
