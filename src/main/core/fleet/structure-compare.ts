import type { SchemaObject } from './catalog-objects';
import { objectKey, objectMap } from './fingerprint';

export interface Difference {
  change: 'missing' | 'extra' | 'changed';
  /** The reference's object (missing, changed). */
  expected?: SchemaObject;
  /** The tenant's object (extra, changed). */
  actual?: SchemaObject;
}

const KIND_ORDER = ['table', 'column', 'constraint', 'index', 'trigger', 'view', 'function'];

/**
 * What `actual` has that the reference has not, lacks, or has otherwise. A missing or extra table
 * is one difference: its columns, indexes, constraints and triggers are not listed again.
 */
export function compareStructures(
  reference: SchemaObject[],
  actual: SchemaObject[],
  opts: { ignoreExtra?: boolean } = {},
): Difference[] {
  const ref = objectMap(reference);
  const act = objectMap(actual);
  const missingTables = new Set(
    reference.filter((o) => o.kind === 'table' && !act.has(objectKey(o))).map((o) => o.name),
  );
  const extraTables = new Set(actual.filter((o) => o.kind === 'table' && !ref.has(objectKey(o))).map((o) => o.name));
  const out: Difference[] = [];
  for (const [key, expected] of ref) {
    const found = act.get(key);
    if (!found) {
      if (expected.kind !== 'table' && expected.rel !== null && missingTables.has(expected.rel)) continue;
      out.push({ change: 'missing', expected });
    } else if (found.def !== expected.def || found.notNull !== expected.notNull || found.dflt !== expected.dflt) {
      out.push({ change: 'changed', expected, actual: found });
    }
  }
  if (!opts.ignoreExtra) {
    for (const [key, found] of act) {
      if (ref.has(key)) continue;
      if (found.kind !== 'table' && found.rel !== null && extraTables.has(found.rel)) continue;
      out.push({ change: 'extra', actual: found });
    }
  }
  const obj = (d: Difference) => (d.expected ?? d.actual)!;
  return out.sort((a, b) => {
    const x = obj(a);
    const y = obj(b);
    return (
      KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) ||
      (x.rel ?? '').localeCompare(y.rel ?? '') ||
      x.name.localeCompare(y.name)
    );
  });
}

const INDEX_DEF = /^CREATE (UNIQUE )?INDEX \S+ ON (?:ONLY )?(\S+) USING (\w+) \((.*)\)(.*)$/;

/** `clases_student(email)` for an index definition; `unique` when it is one. */
function indexTarget(def: string): { where: string; unique: boolean } {
  const m = INDEX_DEF.exec(def);
  if (!m) return { where: def, unique: false };
  const using = m[3] === 'btree' ? '' : ` using ${m[3]}`;
  return {
    where: `${m[2].replace(/"/g, '')}(${m[4]})${using}${m[5].trim() ? ` ${m[5].trim()}` : ''}`,
    unique: Boolean(m[1]),
  };
}

function columnText(o: SchemaObject): string {
  return `\`${o.def}\`${o.notNull ? ' NOT NULL' : ''}${o.dflt !== null ? ` DEFAULT ${o.dflt}` : ''}`;
}

function columnChange(expected: SchemaObject, actual: SchemaObject): string {
  const parts: string[] = [];
  if (actual.def !== expected.def) parts.push(`is \`${actual.def}\` not \`${expected.def}\``);
  if (actual.notNull !== expected.notNull)
    parts.push(
      actual.notNull ? 'is NOT NULL where the reference allows NULL' : 'allows NULL where the reference has NOT NULL',
    );
  if (actual.dflt !== expected.dflt) {
    parts.push(
      actual.dflt === null
        ? `has no default where the reference has \`${expected.dflt}\``
        : expected.dflt === null
          ? `has default \`${actual.dflt}\` where the reference has none`
          : `has default \`${actual.dflt}\` not \`${expected.dflt}\``,
    );
  }
  return `column \`${actual.name}\` on \`${actual.rel}\` ${parts.join(', ')}`;
}

function short(def: string, max = 160): string {
  const flat = def.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** One difference as a sentence, e.g. "extra index `x_idx` on `clases_student(email)`". */
export function describeDifference(d: Difference): string {
  const o = (d.expected ?? d.actual)!;
  const word = d.change === 'missing' ? 'missing' : d.change === 'extra' ? 'extra' : '';
  switch (o.kind) {
    case 'table':
      return `${word} table \`${o.name}\``;
    case 'column':
      return d.change === 'changed'
        ? columnChange(d.expected!, d.actual!)
        : `${word} column \`${o.name}\` on \`${o.rel}\` (${columnText(o)})`;
    case 'index': {
      if (d.change === 'changed')
        return `index \`${o.name}\` is \`${short(d.actual!.def)}\` not \`${short(d.expected!.def)}\``;
      const t = indexTarget(o.def);
      return `${word}${t.unique ? ' unique' : ''} index \`${o.name}\` on \`${t.where}\``;
    }
    case 'constraint':
      return d.change === 'changed'
        ? `constraint \`${o.name}\` on \`${o.rel}\` is \`${short(d.actual!.def)}\` not \`${short(d.expected!.def)}\``
        : `${word} constraint \`${o.name}\` on \`${o.rel}\` (\`${short(o.def)}\`)`;
    case 'trigger':
      return d.change === 'changed'
        ? `trigger \`${o.name}\` on \`${o.rel}\` differs: \`${short(d.actual!.def)}\``
        : `${word} trigger \`${o.name}\` on \`${o.rel}\``;
    case 'view':
      return d.change === 'changed' ? `view \`${o.name}\` has a different definition` : `${word} view \`${o.name}\``;
    case 'function':
      return d.change === 'changed'
        ? `function \`${o.name}\` has a different definition`
        : `${word} function \`${o.name}\``;
  }
}
