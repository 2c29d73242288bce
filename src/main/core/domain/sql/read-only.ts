import { AppError } from '../../../../shared/errors';
import { splitSql, type SqlStatement } from './statements';

type Node = Record<string, unknown>;

/** The statement's first word, upper case (`DELETE`, `WITH`, `COPY`), for messages. */
export function leadingWord(statement: SqlStatement): string {
  return (/^[A-Za-z]+/.exec(statement.text.replace(/^\(+\s*/, ''))?.[0] ?? statement.kind).toUpperCase();
}

/** Why a SELECT is not a plain read (INTO, FOR UPDATE, a data-modifying WITH), or undefined. */
function selectWrites(node: Node): string | undefined {
  if (node.intoClause) return 'SELECT … INTO creates a table';
  if (node.lockingClause) return 'FOR UPDATE/SHARE takes row locks';
  const ctes = ((node.withClause as Node | undefined)?.ctes ?? []) as { CommonTableExpr?: { ctequery?: Node } }[];
  for (const c of ctes) {
    const query = c.CommonTableExpr?.ctequery ?? {};
    const [kind] = Object.keys(query);
    if (kind !== 'SelectStmt') return `its WITH clause holds a ${kind.replace(/Stmt$/, '').toUpperCase()}`;
    const inner = selectWrites(query[kind] as Node);
    if (inner) return inner;
  }
  for (const side of ['larg', 'rarg'])
    if (node[side]) {
      const inner = selectWrites(node[side] as Node);
      if (inner) return inner;
    }
  return undefined;
}

export type ReadOnlyVerdict =
  | { kind: 'read'; statement: SqlStatement }
  | { kind: 'empty' }
  | { kind: 'several'; count: number }
  | { kind: 'writes'; statement: SqlStatement; why: string };

/**
 * Whether the text is exactly one read-only query: SELECT, WITH … SELECT (no data-modifying
 * WITH), VALUES or TABLE. Syntax errors and psql-only lines throw as in splitSql.
 */
export function readOnlyVerdict(sql: string, source?: string): ReadOnlyVerdict {
  const statements = splitSql(sql, source);
  if (!statements.length) return { kind: 'empty' };
  if (statements.length > 1) return { kind: 'several', count: statements.length };
  const [statement] = statements;
  if (statement.kind !== 'SelectStmt')
    return { kind: 'writes', statement, why: `it is ${leadingWord(statement)}, not a query` };
  const why = selectWrites(statement.node);
  return why ? { kind: 'writes', statement, why } : { kind: 'read', statement };
}

/** readOnlyVerdict as one error: QUERY_NOT_READ_ONLY (or VALIDATION_FAILED when empty or several). */
export function assertReadOnlyQuery(sql: string, what: string, hint: string): SqlStatement {
  const verdict = readOnlyVerdict(sql);
  if (verdict.kind === 'read') return verdict.statement;
  if (verdict.kind === 'empty')
    throw new AppError('VALIDATION_FAILED', `${what} holds no SQL statement.`, hint, { field: 'sql' });
  if (verdict.kind === 'several')
    throw new AppError(
      'VALIDATION_FAILED',
      `${what} holds ${verdict.count} statements; it must be exactly one query.`,
      hint,
      { field: 'sql' },
    );
  throw new AppError('QUERY_NOT_READ_ONLY', `${what} must only read: ${verdict.why}.`, hint, { field: 'sql' });
}
