import { quoteIdent } from '../db/identifiers';
import type { SchemaObject } from './catalog-objects';
import type { Difference } from './structure-compare';

const q = quoteIdent;
const NEXTVAL = /^nextval\('([^']+)'::regclass\)$/;

function columnDdl(c: SchemaObject): string {
  return `${q(c.name)} ${c.def}${c.notNull ? ' NOT NULL' : ''}${c.dflt !== null ? ` DEFAULT ${c.dflt}` : ''}`;
}

function sequenceFor(c: SchemaObject): string | undefined {
  return c.dflt ? NEXTVAL.exec(c.dflt)?.[1] : undefined;
}

function withSemicolon(sql: string): string {
  const t = sql.trim();
  return t.endsWith(';') ? t : `${t};`;
}

/** A table as the reference has it: sequences, columns, then its constraints, indexes and triggers. */
function createTable(table: string, reference: SchemaObject[]): string[] {
  const mine = reference.filter((o) => o.rel === table && o.kind !== 'table');
  const columns = mine.filter((o) => o.kind === 'column');
  const sequences = columns.map(sequenceFor).filter((s): s is string => Boolean(s));
  return [
    ...sequences.map((s) => `CREATE SEQUENCE IF NOT EXISTS ${s};`),
    `CREATE TABLE ${q(table)} (\n  ${columns.map(columnDdl).join(',\n  ')}\n);`,
    ...columns.filter(sequenceFor).map((c) => `ALTER SEQUENCE ${sequenceFor(c)} OWNED BY ${q(table)}.${q(c.name)};`),
    ...mine
      .filter((o) => o.kind === 'constraint')
      .map((o) => `ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(o.name)} ${o.def};`),
    ...mine.filter((o) => o.kind === 'index' || o.kind === 'trigger').map((o) => withSemicolon(o.def)),
  ];
}

function drop(o: SchemaObject): string {
  switch (o.kind) {
    case 'table':
      return `DROP TABLE ${q(o.name)};`;
    case 'column':
      return `ALTER TABLE ${q(o.rel!)} DROP COLUMN ${q(o.name)};`;
    case 'index':
      return `DROP INDEX ${q(o.name)};`;
    case 'constraint':
      return `ALTER TABLE ${q(o.rel!)} DROP CONSTRAINT ${q(o.name)};`;
    case 'trigger':
      return `DROP TRIGGER ${q(o.name)} ON ${q(o.rel!)};`;
    case 'view':
      return o.def.startsWith('materialized:') ? `DROP MATERIALIZED VIEW ${q(o.name)};` : `DROP VIEW ${q(o.name)};`;
    case 'function': {
      const open = o.name.indexOf('(');
      return `DROP FUNCTION ${q(o.name.slice(0, open))}${o.name.slice(open)};`;
    }
  }
}

function create(o: SchemaObject, reference: SchemaObject[]): string[] {
  switch (o.kind) {
    case 'table':
      return createTable(o.name, reference);
    case 'column': {
      const seq = sequenceFor(o);
      return [
        ...(seq ? [`CREATE SEQUENCE IF NOT EXISTS ${seq};`] : []),
        `ALTER TABLE ${q(o.rel!)} ADD COLUMN ${columnDdl(o)};`,
      ];
    }
    case 'constraint':
      return [`ALTER TABLE ${q(o.rel!)} ADD CONSTRAINT ${q(o.name)} ${o.def};`];
    case 'view':
      return o.def.startsWith('materialized:')
        ? [`CREATE MATERIALIZED VIEW ${q(o.name)} AS ${withSemicolon(o.def.slice('materialized:'.length))}`]
        : [`CREATE OR REPLACE VIEW ${q(o.name)} AS ${withSemicolon(o.def)}`];
    default:
      return [withSemicolon(o.def)];
  }
}

function alterColumn(expected: SchemaObject, actual: SchemaObject): string[] {
  const t = `ALTER TABLE ${q(expected.rel!)} ALTER COLUMN ${q(expected.name)}`;
  const out: string[] = [];
  if (actual.def !== expected.def) out.push(`${t} TYPE ${expected.def} USING ${q(expected.name)}::${expected.def};`);
  if (actual.dflt !== expected.dflt)
    out.push(expected.dflt === null ? `${t} DROP DEFAULT;` : `${t} SET DEFAULT ${expected.dflt};`);
  if (actual.notNull !== expected.notNull) out.push(expected.notNull ? `${t} SET NOT NULL;` : `${t} DROP NOT NULL;`);
  return out;
}

const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

/** Drops first (so a re-created object's name is free), then creations in dependency order. */
const PHASE: Record<string, number> = {
  trigger: 0,
  view: 1,
  index: 2,
  constraint: 3,
  function: 4,
  column: 5,
  table: 6,
};
const CREATE_PHASE: Record<string, number> = {
  function: 0,
  table: 1,
  column: 2,
  constraint: 3,
  index: 4,
  trigger: 5,
  view: 6,
};

/**
 * SQL that would bring `tenant` back to the reference, for a person to review: it is shown, never
 * run. Dropping an extra column or table loses data, and the script says so.
 */
export function driftFixSql(
  tenant: string,
  referenceName: string,
  differences: Difference[],
  reference: SchemaObject[],
): string {
  const drops: { phase: number; sql: string[] }[] = [];
  const creates: { phase: number; sql: string[] }[] = [];
  for (const d of differences) {
    if (d.change === 'extra') {
      const o = d.actual!;
      const warn = o.kind === 'table' || o.kind === 'column' ? ['-- loses the data it holds:'] : [];
      drops.push({ phase: PHASE[o.kind], sql: [...warn, drop(o)] });
    } else if (d.change === 'missing') {
      creates.push({ phase: CREATE_PHASE[d.expected!.kind], sql: create(d.expected!, reference) });
    } else if (d.expected!.kind === 'column') {
      creates.push({ phase: CREATE_PHASE.column, sql: alterColumn(d.expected!, d.actual!) });
    } else if (
      d.expected!.kind === 'function' ||
      (d.expected!.kind === 'view' && !d.expected!.def.startsWith('materialized:'))
    ) {
      creates.push({ phase: CREATE_PHASE[d.expected!.kind], sql: create(d.expected!, reference) });
    } else {
      drops.push({ phase: PHASE[d.actual!.kind], sql: [drop(d.actual!)] });
      creates.push({ phase: CREATE_PHASE[d.expected!.kind], sql: create(d.expected!, reference) });
    }
  }
  const ordered = [...drops.sort((a, b) => a.phase - b.phase), ...creates.sort((a, b) => a.phase - b.phase)].flatMap(
    (s) => s.sql,
  );
  return [
    `-- Brings ${oneLine(tenant)} back to the structure of ${oneLine(referenceName)}. Review it before running it.`,
    'BEGIN;',
    `SET LOCAL search_path TO ${q(tenant)}, public;`,
    ...ordered,
    'COMMIT;',
  ].join('\n');
}
