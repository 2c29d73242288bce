import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../domain/sql';
import { bindStatement, resolveParams, splitStatements } from './action-params';
import { schemaStripper, type SchemaObject } from './catalog-objects';
import { fingerprint } from './fingerprint';
import { compareStructures, describeDifference } from './structure-compare';

const col = (rel: string, name: string, def: string, notNull = false, dflt: string | null = null): SchemaObject => ({
  kind: 'column',
  rel,
  name,
  def,
  notNull,
  dflt,
});

describe('action parameters', () => {
  beforeAll(loadSqlParser);

  it('binds :name as a typed parameter, never pasting the value', () => {
    const params = resolveParams(
      [
        { name: 'n', type: 'integer' },
        { name: 'who', type: 'text', default: 'x' },
      ],
      { n: '5' },
    );
    expect(
      bindStatement(
        "UPDATE t SET a = :n WHERE b = :who AND c = ':n' AND d::text = :n",
        [
          { name: 'n', type: 'integer' },
          { name: 'who', type: 'text' },
        ],
        params,
      ),
    ).toEqual({
      text: "UPDATE t SET a = ($1::integer) WHERE b = ($2::text) AND c = ':n' AND d::text = ($1::integer)",
      values: ['5', 'x'],
    });
  });

  it('refuses missing, unknown and wrong-typed values with PARAM_INVALID', () => {
    expect(() => resolveParams([{ name: 'n', type: 'integer' }], {})).toThrow(
      expect.objectContaining({ code: 'PARAM_INVALID', field: 'n' }),
    );
    expect(() => resolveParams([{ name: 'n', type: 'integer' }], { n: '1.5' })).toThrow(
      expect.objectContaining({ code: 'PARAM_INVALID' }),
    );
    expect(() => resolveParams([{ name: 'u', type: 'uuid' }], { u: 'nope' })).toThrow(
      expect.objectContaining({ code: 'PARAM_INVALID' }),
    );
    expect(() => resolveParams([], { x: '1' })).toThrow(expect.objectContaining({ code: 'PARAM_INVALID', field: 'x' }));
    expect(
      resolveParams(
        [
          { name: 'b', type: 'boolean' },
          { name: 'x', type: 'numeric' },
        ],
        { b: 'Yes', x: '-0.5' },
      ),
    ).toEqual({ b: 'true', x: '-0.5' });
  });

  it('splits statements at top-level semicolons only', () => {
    expect(splitStatements("UPDATE a SET x = ';'; -- c;\nDO $$ BEGIN PERFORM 1; END $$;\n-- only a comment\n")).toEqual(
      ["UPDATE a SET x = ';'", 'DO $$ BEGIN PERFORM 1; END $$'],
    );
    expect(splitStatements('UPDATE a SET x = :v WHERE id = :id;\nDELETE FROM b WHERE y = :v')).toEqual([
      'UPDATE a SET x = :v WHERE id = :id',
      'DELETE FROM b WHERE y = :v',
    ]);
  });
});

describe('structure comparison', () => {
  it('strips the own schema qualification, quoted or not', () => {
    const strip = schemaStripper('tenant_a');
    expect(strip("nextval('tenant_a.x_seq'::regclass)")).toBe("nextval('x_seq'::regclass)");
    expect(strip('CREATE INDEX i ON tenant_a.t USING btree (c)')).toBe('CREATE INDEX i ON t USING btree (c)');
    expect(strip('REFERENCES xtenant_a.t(id)')).toBe('REFERENCES xtenant_a.t(id)');
    expect(schemaStripper('Odd')('ON "Odd".t')).toBe('ON t');
  });

  it('fingerprints regardless of order, and explains differences in words', () => {
    const ref = [col('t', 'a', 'integer', true), col('t', 'b', 'text')];
    expect(fingerprint(ref)).toBe(fingerprint([...ref].reverse()));
    const drifted = [
      col('t', 'a', 'numeric', false, '0'),
      {
        kind: 'index',
        rel: 't',
        name: 'x_idx',
        def: 'CREATE UNIQUE INDEX x_idx ON t USING btree (b)',
        notNull: null,
        dflt: null,
      } as SchemaObject,
    ];
    expect(compareStructures(ref, drifted).map(describeDifference)).toEqual([
      'column `a` on `t` is `numeric` not `integer`, allows NULL where the reference has NOT NULL, has default `0` where the reference has none',
      'missing column `b` on `t` (`text`)',
      'extra unique index `x_idx` on `t(b)`',
    ]);
    expect(compareStructures(ref, drifted, { ignoreExtra: true })).toHaveLength(2);
  });
});
