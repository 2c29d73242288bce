import type * as PgQuery from 'libpg-query';

/**
 * PostgreSQL's own parser (libpg_query compiled to WebAssembly). It is loaded on first need, not
 * at start-up: most commands never parse SQL, and loading costs tens of milliseconds.
 */
let loaded: typeof PgQuery | undefined;
let loading: Promise<typeof PgQuery> | undefined;

export async function loadSqlParser(): Promise<void> {
  if (loaded) return;
  loading ??= import('libpg-query').then(async (m) => {
    const mod = (
      (m as { default?: typeof PgQuery }).default?.parseSync ? (m as { default: typeof PgQuery }).default : m
    ) as typeof PgQuery;
    await mod.loadModule();
    return mod;
  });
  loaded = await loading;
}

function parser(): typeof PgQuery {
  if (!loaded) throw new Error('The SQL parser is not loaded yet: await loadSqlParser() before parsing.');
  return loaded;
}

/** A parse or scan failure at a character offset (0-based) of the text. */
export class SqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'SqlSyntaxError';
  }
}

/** libpg_query counts UTF-8 bytes; JavaScript strings count UTF-16 units. */
function byteToChar(sql: string): (byte: number) => number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(sql)) return (b) => b;
  const map: number[] = [];
  let i = 0;
  for (const ch of sql) {
    const bytes = Buffer.byteLength(ch);
    for (let k = 0; k < bytes; k++) map.push(i);
    i += ch.length;
  }
  map.push(i);
  return (b) => map[Math.max(0, Math.min(b, map.length - 1))];
}

export interface RawStatement {
  /** The node type, e.g. `CreateFunctionStmt`. */
  kind: string;
  node: Record<string, unknown>;
  /** Character offsets of the statement in the text, from its first token to before its `;`. */
  start: number;
  end: number;
}

/** PostgreSQL reports an error's place in characters (code points), 0-based here. */
function codePointToUnit(sql: string, codePoint: number): number {
  let unit = 0;
  for (let i = 0; i < codePoint && unit < sql.length; i++) unit += (sql.codePointAt(unit) ?? 0) > 0xffff ? 2 : 1;
  return unit;
}

function failure(e: unknown, sql: string): SqlSyntaxError {
  const details = (e as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
  return new SqlSyntaxError(
    details?.message ?? (e as Error).message,
    codePointToUnit(sql, Math.max(0, details?.cursorPosition ?? 0)),
  );
}

/** Every statement of the text with its place; throws SqlSyntaxError where PostgreSQL would. */
export function parseStatements(sql: string): RawStatement[] {
  const toChar = byteToChar(sql);
  let tree: { stmts?: { stmt: Record<string, Record<string, unknown>>; stmt_location?: number; stmt_len?: number }[] };
  try {
    tree = parser().parseSync(sql) as unknown as typeof tree;
  } catch (e) {
    throw failure(e, sql);
  }
  const bytes = Buffer.byteLength(sql);
  return (tree.stmts ?? []).map((s) => {
    const startByte = s.stmt_location ?? 0;
    const endByte = s.stmt_len ? startByte + s.stmt_len : bytes;
    const [kind] = Object.keys(s.stmt);
    return { kind, node: s.stmt[kind] ?? {}, start: toChar(startByte), end: toChar(endByte) };
  });
}

export interface SqlToken {
  text: string;
  /** e.g. IDENT, SCONST, TYPECAST; keywords carry their keyword in `keyword` (upper case). */
  type: string;
  keyword?: string;
  start: number;
  end: number;
}

/** PostgreSQL's lexer over the text (no grammar): for placeholders and psql-only lines. */
export function scanTokens(sql: string): SqlToken[] {
  const toChar = byteToChar(sql);
  let tokens: PgQuery.ScanToken[];
  try {
    tokens = parser().scanSync(sql).tokens;
  } catch (e) {
    throw failure(e, sql);
  }
  return tokens.map((t) => {
    const start = toChar(t.start);
    const end = toChar(t.end);
    const keyword = t.keywordKind && t.keywordName !== 'NO_KEYWORD' ? sql.slice(start, end).toUpperCase() : undefined;
    return { text: sql.slice(start, end), type: t.tokenName, ...(keyword ? { keyword } : {}), start, end };
  });
}
