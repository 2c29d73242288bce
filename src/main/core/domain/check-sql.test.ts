import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from './sql';
import { assertQuery, bindParams, findPlaceholders, hasStatementSeparator, wrapCheck } from './check-sql';
import { readHeaders } from './file-headers';
import { escapeHtml } from '../checks/check-export';

beforeAll(loadSqlParser);

describe('check SQL parameters', () => {
  it('binds :name as a typed parameter and never pastes the value', () => {
    const bound = bindParams(
      'SELECT 1 WHERE abs(r - 1) > :tolerance AND x < :tolerance',
      [{ name: 'tolerance', type: 'numeric', default: '0.05' }],
      {},
    );
    expect(bound).toEqual({
      text: 'SELECT 1 WHERE abs(r - 1) > ($1::numeric) AND x < ($1::numeric)',
      values: ['0.05'],
    });
    const given = bindParams('SELECT :t', [{ name: 't', type: 'text' }], { t: "x'; DROP TABLE a; --" });
    expect(given.text).toBe('SELECT ($1::text)');
    expect(given.values).toEqual(["x'; DROP TABLE a; --"]);
  });

  it('skips casts, strings, quoted identifiers, comments and dollar quotes', () => {
    const sql = `SELECT a::int, ':no', ":no", E'\\':no', $$ :no $$, $t$ :no $t$ -- :no\n/* :no /* :no */ */ FROM x WHERE y = :yes`;
    expect(findPlaceholders(sql).map((p) => p.name)).toEqual(['yes']);
  });

  it('refuses undeclared, unknown and valueless parameters (PARAM_INVALID)', () => {
    expect(() => bindParams('SELECT :x', [], {})).toThrow(expect.objectContaining({ code: 'PARAM_INVALID' }));
    expect(() => bindParams('SELECT 1', [], { x: '1' })).toThrow(expect.objectContaining({ code: 'PARAM_INVALID' }));
    expect(() => bindParams('SELECT :x', [{ name: 'x', type: 'int' }], {})).toThrow(
      expect.objectContaining({ code: 'PARAM_INVALID' }),
    );
  });

  it('wraps the check so the row cap and the count come back in one query', () => {
    const w = wrapCheck({ text: 'SELECT id FROM t -- trailing comment;\n;', values: ['a'] }, 20);
    expect(w.text).toContain('FROM (\nSELECT id FROM t -- trailing comment\n) AS "__tenantry_check" LIMIT $2');
    expect(w.values).toEqual(['a', '20']);
  });

  it('refuses statements that plainly write (QUERY_NOT_READ_ONLY)', () => {
    expect(() => assertQuery('-- x\nDELETE FROM t')).toThrow(expect.objectContaining({ code: 'QUERY_NOT_READ_ONLY' }));
    expect(() => assertQuery('/* c */ update t set a = 1')).toThrow(
      expect.objectContaining({ code: 'QUERY_NOT_READ_ONLY' }),
    );
    expect(() => assertQuery('WITH a AS (SELECT 1) SELECT * FROM a')).not.toThrow();
    expect(() => assertQuery('-- only a comment')).toThrow(expect.objectContaining({ code: 'CHECK_FAILED' }));
    expect(() => assertQuery('WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d')).toThrow(
      expect.objectContaining({ code: 'QUERY_NOT_READ_ONLY' }),
    );
    expect(() => assertQuery('SELECT * FROM t WHERE n > :tolerance')).not.toThrow();
  });
});

describe('statement separators', () => {
  it('finds a ; the server would split on, and only those', () => {
    expect(hasStatementSeparator('SELECT 1;\n;  ')).toBe(false);
    expect(hasStatementSeparator('SELECT \';\', ";", $$;$$, $a$;$a$ -- ;\n/* ; */')).toBe(false);
    expect(hasStatementSeparator('SELECT 1; DELETE FROM t')).toBe(true);
    // A comment ends at a carriage return too, as in PostgreSQL's lexer.
    expect(hasStatementSeparator('SELECT 1 -- c\r; DELETE FROM t')).toBe(true);
    // E'' strings take backslash escapes; plain strings do not.
    expect(hasStatementSeparator("SELECT E'\\'; DELETE FROM t --'")).toBe(false);
    expect(hasStatementSeparator("SELECT '\\'; DELETE FROM t --'")).toBe(true);
    // `é$x$` is an identifier, not a dollar quote.
    expect(hasStatementSeparator('SELECT 1 AS é$x$; DELETE FROM t; SELECT $x$ $x$')).toBe(true);
  });
});

describe('check headers', () => {
  it('reads name, severity, scope, params and fix up to the first line of SQL', () => {
    const h = readHeaders(
      '-- name: n\n-- severity: warning\n-- scope: shared\n-- param: tolerance numeric = 0.05\n-- param: who text\n-- fix: n.fix.sql\nSELECT 1\n-- severity: info\n',
    );
    expect(Object.fromEntries(h.values)).toEqual({ name: 'n', severity: 'warning', scope: 'shared', fix: 'n.fix.sql' });
    expect(h.params).toEqual([
      { name: 'tolerance', type: 'numeric', default: '0.05' },
      { name: 'who', type: 'text' },
    ]);
  });

  it('refuses a param type that could smuggle SQL', () => {
    expect(() => readHeaders('-- param: x int); DROP TABLE t; --\nSELECT 1')).toThrow(
      expect.objectContaining({ code: 'PARAM_INVALID' }),
    );
  });
});

describe('HTML export escaping', () => {
  it('escapes every markup character', () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe(
      '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;',
    );
  });
});
