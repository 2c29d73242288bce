import { promises as fs } from 'node:fs';
import path from 'node:path';
import { startPg, type PgTarget } from './pg-process';

// Object kinds pg_dump writes in a TOC, longest first so "TABLE DATA" wins over "TABLE".
const DESCS = [
  'PUBLICATION TABLES IN SCHEMA',
  'MATERIALIZED VIEW DATA',
  'TEXT SEARCH CONFIGURATION',
  'TEXT SEARCH DICTIONARY',
  'TEXT SEARCH TEMPLATE',
  'TEXT SEARCH PARSER',
  'FOREIGN DATA WRAPPER',
  'SEQUENCE OWNED BY',
  'PROCEDURAL LANGUAGE',
  'DATABASE PROPERTIES',
  'PUBLICATION TABLE',
  'MATERIALIZED VIEW',
  'CHECK CONSTRAINT',
  'OPERATOR CLASS',
  'OPERATOR FAMILY',
  'FOREIGN SERVER',
  'FOREIGN TABLE',
  'FK CONSTRAINT',
  'EVENT TRIGGER',
  'ACCESS METHOD',
  'SEQUENCE SET',
  'USER MAPPING',
  'LARGE OBJECT',
  'INDEX ATTACH',
  'TABLE ATTACH',
  'ROW SECURITY',
  'DEFAULT ACL',
  'SHELL TYPE',
  'TABLE DATA',
  'BLOB DATA',
].map((d) => d.split(' '));

/** The schema a TOC line belongs to ('-' for none), and for SCHEMA/COMMENT/ACL lines the schema they are about. */
export function tocLineSchemas(line: string): { namespace: string; about?: string } | undefined {
  const m = /^\s*\d+;\s+\d+\s+\d+\s+(.*)$/.exec(line);
  if (!m) return undefined;
  const words = m[1].split(' ');
  const multi = DESCS.find((d) => d.every((w, i) => words[i] === w));
  const n = multi ? multi.length : 1;
  const desc = words.slice(0, n).join(' ');
  const namespace = words[n] ?? '-';
  if (desc === 'SCHEMA') return { namespace, about: words[n + 1] };
  if ((desc === 'COMMENT' || desc === 'ACL') && namespace === '-' && words[n + 1] === 'SCHEMA')
    return { namespace, about: words[n + 2] };
  return { namespace };
}

/** The lines of a `pg_restore -l` listing that recreate `schema`: its CREATE SCHEMA, objects, data, comments, ACLs. */
export function filterToc(listing: string, schema: string): string {
  return listing
    .split('\n')
    .filter((line) => {
      // A line naming the schema contains it: the cheap test first, for archives of thousands of tenants.
      if (!line.includes(schema)) return false;
      const info = tocLineSchemas(line);
      return info && (info.namespace === schema || info.about === schema);
    })
    .join('\n');
}

export async function readToc(
  pgRestore: string,
  file: string,
  target: PgTarget,
  signal?: AbortSignal,
): Promise<string> {
  return startPg(pgRestore, ['--list', file], {
    target,
    passfile: undefined,
    signal,
    stdout: 'capture',
    failCode: 'BACKUP_CORRUPT',
    what: 'pg_restore --list',
  }).done;
}

/** Writes the filtered list for `pg_restore -L` into `dir`. */
export async function writeTocList(dir: string, listing: string, schema: string): Promise<string> {
  const file = path.join(dir, `toc-${schema.replace(/[^a-z0-9_]/gi, '_')}.list`);
  await fs.writeFile(file, filterToc(listing, schema) + '\n', { mode: 0o600 });
  return file;
}

/** Where the listing of a dump is kept once read: beside it, valid only for the same sha256. */
export function tocCachePath(dumpPath: string): string {
  return `${dumpPath}.toc.json`;
}

/**
 * What is kept beside a dump once a restore read it: its sha256, the file's stamp (inode, size,
 * mtime, ctime) taken before that sha256 was found to match, and its `pg_restore --list` listing.
 */
export interface ListingCache {
  sha256: string;
  stamp?: string;
  toc: string;
}

export async function readListingCache(cachePath: string): Promise<ListingCache | undefined> {
  try {
    const saved = JSON.parse(await fs.readFile(cachePath, 'utf8')) as Partial<ListingCache>;
    if (typeof saved.sha256 === 'string' && typeof saved.toc === 'string')
      return {
        sha256: saved.sha256,
        toc: saved.toc,
        ...(typeof saved.stamp === 'string' ? { stamp: saved.stamp } : {}),
      };
  } catch {
    // No cache yet, or an unreadable one.
  }
  return undefined;
}

/**
 * `pg_restore --list` of a dump, read once and cached beside it: listing a 500-tenant archive
 * costs about as much as restoring one tenant from it, so later restores skip it. `stamp` is
 * recorded only by a caller that found the file's sha256 matching.
 */
export async function readTocCached(
  pgRestore: string,
  file: string,
  target: PgTarget,
  cache: { path: string; sha256: string; stamp?: string; saved?: ListingCache },
): Promise<string> {
  const write = (value: ListingCache) =>
    fs.writeFile(cache.path, JSON.stringify(value), { mode: 0o600 }).catch(() => undefined);
  const saved = cache.saved ?? (await readListingCache(cache.path));
  if (saved?.sha256 === cache.sha256) {
    if (cache.stamp && saved.stamp !== cache.stamp) await write({ ...saved, stamp: cache.stamp });
    return saved.toc;
  }
  const toc = await readToc(pgRestore, file, target);
  await write({ sha256: cache.sha256, ...(cache.stamp ? { stamp: cache.stamp } : {}), toc });
  return toc;
}
