import { createHash } from 'node:crypto';
import type { SchemaObject } from './catalog-objects';

export function objectKey(o: Pick<SchemaObject, 'kind' | 'rel' | 'name'>): string {
  return `${o.kind}\u0000${o.rel ?? ''}\u0000${o.name}`;
}

function objectLine(o: SchemaObject): string {
  return `${objectKey(o)}\u0000${o.def}\u0000${o.notNull ?? ''}\u0000${o.dflt ?? ''}`;
}

/** A short hash of a schema's structure; the same objects in any order give the same fingerprint. */
export function fingerprint(objects: SchemaObject[]): string {
  const hash = createHash('sha256');
  for (const line of objects.map(objectLine).sort()) hash.update(line).update('\n');
  return hash.digest('hex').slice(0, 16);
}

export interface FingerprintGroup {
  fingerprint: string;
  tenants: string[];
}

/** Tenants grouped by fingerprint, the largest group first (ties: the group whose first tenant sorts first). */
export function groupByFingerprint(prints: Map<string, string>): FingerprintGroup[] {
  const groups = new Map<string, string[]>();
  for (const [tenant, print] of prints) {
    const list = groups.get(print);
    if (list) list.push(tenant);
    else groups.set(print, [tenant]);
  }
  return [...groups]
    .map(([fp, tenants]) => ({ fingerprint: fp, tenants: tenants.sort() }))
    .sort((a, b) => b.tenants.length - a.tenants.length || (a.tenants[0] < b.tenants[0] ? -1 : 1));
}

export function objectMap(objects: SchemaObject[]): Map<string, SchemaObject> {
  return new Map(objects.map((o) => [objectKey(o), o]));
}
