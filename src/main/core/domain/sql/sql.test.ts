import { beforeAll, describe, expect, it } from 'vitest';
import {
  destructiveReasons,
  findPlaceholders,
  loadSqlParser,
  readOnlyVerdict,
  splitSql,
  withPlaceholdersAsParams,
} from '.';

beforeAll(loadSqlParser);

const texts = (sql: string) => splitSql(sql).map((s) => s.text);

describe('splitSql (PostgreSQL parser)', () => {
  it('keeps BEGIN ATOMIC bodies, multi-action rules, any dollar tag, E strings and nested comments whole', () => {
    const sql = [
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;',
      'CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b);',
      'CREATE FUNCTION g() RETURNS int AS $ñ$ select 1; select 2 $ñ$ LANGUAGE sql;',
      "/* outer /* inner; */ still; */ SELECT E'it\\'s; ok', 'é;';",
    ].join('\n');
    expect(texts(sql)).toEqual([
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END',
      'CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b)',
      'CREATE FUNCTION g() RETURNS int AS $ñ$ select 1; select 2 $ñ$ LANGUAGE sql',
      "SELECT E'it\\'s; ok', 'é;'",
    ]);
    expect(splitSql(sql).map((s) => [s.line, s.column])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 33],
    ]);
  });

  it('ignores empty statements and trailing comments', () => {
    expect(texts('SELECT 1;;\n-- trailing\n')).toEqual(['SELECT 1']);
    expect(texts('-- only a comment\n')).toEqual([]);
  });

  it('refuses psql meta-commands and COPY … FROM stdin with the file and line', () => {
    expect(() => splitSql('SELECT 1;\n\\i other.sql\n', '0003_x.sql')).toThrow(
      expect.objectContaining({
        code: 'PSQL_ONLY_SQL',
        message: expect.stringContaining('0003_x.sql line 2, column 1'),
      }),
    );
    expect(() => splitSql('\\set ON_ERROR_STOP on\nSELECT 1;', 'a.sql')).toThrow(
      expect.objectContaining({ code: 'PSQL_ONLY_SQL', message: expect.stringContaining('\\set ON_ERROR_STOP on') }),
    );
    expect(() => splitSql('CREATE TABLE t (a int);\n\nCOPY t (a) FROM stdin;\n1\n2\n\\.\n', 'b.sql')).toThrow(
      expect.objectContaining({ code: 'PSQL_ONLY_SQL', message: expect.stringContaining('b.sql line 3, column 1') }),
    );
    expect(() => splitSql('COPY t FROM STDIN;', 'c.sql')).toThrow(expect.objectContaining({ code: 'PSQL_ONLY_SQL' }));
  });

  it('reports a syntax error with its line and column', () => {
    expect(() => splitSql('SELECT 1;\nSELEC 2;', 'd.sql')).toThrow(
      expect.objectContaining({ code: 'SQL_SYNTAX_ERROR', message: expect.stringContaining('d.sql line 2, column 1') }),
    );
    expect(() => splitSql("SELECT 'ñ';\nSELECT 1 +;", 'e.sql')).toThrow(
      expect.objectContaining({ message: expect.stringContaining('line 2, column 11') }),
    );
  });
});

describe('destructive reasons from the parse tree', () => {
  const table: [string, string[]][] = [
    ['DROP TABLE evaluations_student', ['drop: DROP TABLE evaluations_student']],
    ['DROP TABLE IF EXISTS a.b, c CASCADE', ['drop: DROP TABLE IF EXISTS a.b, c CASCADE']],
    ['DROP TRIGGER t ON x', ['drop: DROP TRIGGER t ON x']],
    ['DROP POLICY p ON x', ['drop: DROP POLICY p ON x']],
    ['DROP DOMAIN d', ['drop: DROP DOMAIN d']],
    ['DROP EXTENSION e', ['drop: DROP EXTENSION e']],
    ['DROP INDEX CONCURRENTLY i', ['drop: DROP INDEX CONCURRENTLY i']],
    ['DROP FUNCTION f(int)', ['drop: DROP FUNCTION f(int)']],
    ['DROP OWNED BY r', ['drop: DROP OWNED BY r']],
    ['TRUNCATE a, b', ['truncate: TRUNCATE a, b']],
    ['ALTER TABLE a DROP COLUMN b', ['drop: ALTER TABLE a DROP COLUMN b']],
    ['ALTER TABLE a DROP CONSTRAINT k', ['drop: ALTER TABLE a DROP CONSTRAINT k']],
    ['ALTER TABLE a ALTER COLUMN b DROP DEFAULT', ['drop: ALTER TABLE a ALTER COLUMN b DROP DEFAULT']],
    ['ALTER TABLE d ALTER COLUMN e TYPE bigint', ['type-change: ALTER TABLE d ALTER COLUMN e TYPE bigint']],
    [
      'ALTER TABLE s.d ALTER COLUMN e SET DATA TYPE text USING e::text',
      ['type-change: ALTER TABLE s.d ALTER COLUMN e TYPE text'],
    ],
    ['ALTER TABLE d ALTER COLUMN e SET NOT NULL', ['not-null: ALTER TABLE d ALTER COLUMN e SET NOT NULL']],
    ['ALTER TABLE f ADD COLUMN g integer NOT NULL', ['not-null: ALTER TABLE f ADD COLUMN g NOT NULL without DEFAULT']],
    ['ALTER TABLE f ADD COLUMN h boolean NOT NULL DEFAULT true', []],
    ['ALTER TABLE t DETACH PARTITION p', ['drop: ALTER TABLE t DETACH PARTITION p']],
    ['ALTER TABLE t RENAME TO u', ['rename: ALTER TABLE t RENAME TO u']],
    ['ALTER TABLE t RENAME COLUMN a TO b', ['rename: ALTER TABLE t RENAME COLUMN a TO b']],
    ['ALTER INDEX i RENAME TO j', ['rename: ALTER INDEX i RENAME TO j']],
    ['ALTER TABLE t SET SCHEMA archive', ['rename: ALTER TABLE t SET SCHEMA archive']],
    ["ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'", ["rename: ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'"]],
    ["ALTER TYPE mood ADD VALUE 'calm'", []],
    ['ALTER DOMAIN d DROP CONSTRAINT c', ['drop: ALTER DOMAIN d DROP CONSTRAINT c']],
    ['DELETE FROM t WHERE a = 1', ['delete: DELETE FROM t WHERE a = 1']],
    ['DELETE FROM t', ['delete-all: DELETE FROM t (every row)']],
    ['UPDATE t SET a = 1 WHERE b', ['update: UPDATE t SET a = 1 WHERE b']],
    ['UPDATE s.t SET a = 1', ['update-all: UPDATE s.t (every row)']],
    ['MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE', ['merge: MERGE INTO t']],
    [
      'WITH d AS (DELETE FROM t RETURNING *) INSERT INTO archive SELECT * FROM d',
      ['delete-all: DELETE FROM t (every row)'],
    ],
    ['REVOKE ALL ON t FROM app', ['revoke: REVOKE ALL ON t FROM app']],
    ['REVOKE admin FROM bob', ['revoke: REVOKE admin FROM bob']],
    ['GRANT SELECT ON t TO app', []],
    [
      'ALTER DEFAULT PRIVILEGES REVOKE SELECT ON TABLES FROM app',
      ['revoke: ALTER DEFAULT PRIVILEGES REVOKE SELECT ON TABLES FROM app'],
    ],
    ['ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO app', []],
    ['ALTER EXTENSION e DROP FUNCTION f()', ['drop: ALTER EXTENSION e DROP FUNCTION f()']],
    ['ALTER PUBLICATION p DROP TABLE t', ['drop: ALTER PUBLICATION p DROP TABLE t']],
    ['ALTER TYPE address DROP ATTRIBUTE zip', ['drop: ALTER TYPE address DROP ATTRIBUTE zip']],
    ['DO $$ BEGIN DELETE FROM t; END $$', ['do-block: DO block runs DELETE']],
    [
      "DO $x$ BEGIN EXECUTE format('DROP TABLE %I', 't'); END $x$",
      ['do-block: DO block runs dynamic SQL (EXECUTE), not inspected'],
    ],
    ['CREATE TABLE a (x int)', []],
    ['CREATE INDEX CONCURRENTLY i ON t (a)', []],
    ["INSERT INTO notes VALUES ('DROP TABLE x')", []],
    ["CREATE FUNCTION f() RETURNS void AS $$ SELECT 'x'''; DROP TABLE y; $$ LANGUAGE sql", []],
    ['-- DROP TABLE in a comment\nSELECT 1 /* TRUNCATE t */', []],
  ];
  it.each(table)('%s', (sql, reasons) => {
    expect(destructiveReasons(splitSql(sql))).toEqual(reasons);
  });

  it('a quote inside a dollar body does not hide a later DROP', () => {
    const sql = "CREATE FUNCTION f() RETURNS text AS $$ SELECT 'it''s' || $q$'$q$ $$ LANGUAGE sql;\nDROP TABLE later;";
    expect(destructiveReasons(splitSql(sql))).toEqual(['drop: DROP TABLE later']);
  });
});

describe('read-only queries', () => {
  it.each([
    ['SELECT 1', 'read'],
    ['with x as (select 1) select * from x', 'read'],
    ['(SELECT 1) UNION (SELECT 2)', 'read'],
    ['VALUES (1)', 'read'],
    ['TABLE t', 'read'],
    ['WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d', 'writes'],
    ['SELECT * INTO x FROM t', 'writes'],
    ['SELECT 1 FOR UPDATE', 'writes'],
    ['DELETE FROM t', 'writes'],
    ['BEGIN', 'writes'],
    ['SET search_path = x', 'writes'],
    ['SELECT 1; DELETE FROM t', 'several'],
    ['-- nothing', 'empty'],
  ])('%s → %s', (sql, kind) => {
    expect(readOnlyVerdict(sql).kind).toBe(kind);
  });
});

describe('placeholders', () => {
  it('finds :name outside strings, identifiers, comments, dollar bodies and casts', () => {
    const sql = `SELECT ':no', ":no", $$ :no $$, $t$ :no $t$, a::int -- :no\n/* :no */ FROM t WHERE x > :yes AND y = :limit`;
    expect(findPlaceholders(sql).map((p) => p.name)).toEqual(['yes', 'limit']);
    expect(withPlaceholdersAsParams('SELECT :tolerance')).toBe('SELECT $1        ');
  });
});
