import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoByFile } from './file-stamp';
import { findRestoreEntry } from './restore-entry';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'tenantry-restore-entry-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const manifestItem = (schema: string, rows: number) => ({
  schema,
  fileIndex: 0,
  ledger: [{ name: '0001_a', checksum: 'x', state: 'applied' }],
  tables: { t: rows },
});

const entry = (id: string, schemas: string[], manifest: unknown[]) => ({
  id,
  profileKey: 'k',
  profileId: 'p',
  profileName: 'local',
  environment: 'local',
  database: 'db',
  host: '127.0.0.1',
  port: 5432,
  scope: 'fleet',
  schemas,
  files: [{ path: '/nowhere/fleet.dump', schemas, sha256: 'abc', bytes: 1 }],
  reason: 'manual',
  who: 'me',
  createdAt: '2026-12-03T00:00:00Z',
  durationMs: 1,
  serverVersion: '15.20',
  serverMajor: 15,
  pgDumpVersion: '15.20',
  manifest,
});

function writeCatalog(dataDir: string, backups: unknown[]): void {
  const dir = path.join(dataDir, 'backups', 'k');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify({ version: 1, profileKey: 'k', backups }));
}

describe('the catalog entry a restore reads', () => {
  it('keeps only the restored schema of a fleet manifest, checked', async () => {
    const dataDir = tempDir();
    const id = '20261203T000000Z-aaaaaa';
    writeCatalog(dataDir, [
      entry(id, ['tenant_a', 'tenant_b', 'tenant_c'], [manifestItem('tenant_a', 1), manifestItem('tenant_b', 2)]),
    ]);
    const found = await findRestoreEntry(dataDir, id, 'tenant_b');
    expect(found.schemas).toEqual(['tenant_a', 'tenant_b', 'tenant_c']);
    expect(found.manifest).toEqual([manifestItem('tenant_b', 2)]);
    // A schema the backup does not hold leaves an empty manifest (the plan names it as not found).
    expect((await findRestoreEntry(dataDir, id, 'tenant_x')).manifest).toEqual([]);
  });

  it('a single-schema backup needs no --tenant', async () => {
    const dataDir = tempDir();
    const id = '20261203T000000Z-bbbbbb';
    writeCatalog(dataDir, [entry(id, ['tenant_a'], [manifestItem('tenant_a', 7)])]);
    expect((await findRestoreEntry(dataDir, id, undefined)).manifest).toEqual([manifestItem('tenant_a', 7)]);
  });

  it('reads a catalog again once it changed, and reports a broken one or an unknown id the usual way', async () => {
    const dataDir = tempDir();
    const id = '20261203T000000Z-cccccc';
    writeCatalog(dataDir, [entry(id, ['tenant_a'], [manifestItem('tenant_a', 1)])]);
    expect((await findRestoreEntry(dataDir, id, 'tenant_a')).manifest[0].tables).toEqual({ t: 1 });
    writeCatalog(dataDir, [entry(id, ['tenant_a'], [manifestItem('tenant_a', 99)])]);
    expect((await findRestoreEntry(dataDir, id, 'tenant_a')).manifest[0].tables).toEqual({ t: 99 });

    await expect(findRestoreEntry(dataDir, '20261203T000000Z-dddddd', 'tenant_a')).rejects.toMatchObject({
      code: 'BACKUP_NOT_FOUND',
    });
    writeCatalog(dataDir, [{ ...entry(id, ['tenant_a'], [manifestItem('tenant_a', 1)]), serverMajor: 'fifteen' }]);
    await expect(findRestoreEntry(dataDir, id, 'tenant_a')).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
  });
});

describe('memoByFile', () => {
  it('reads a file once while it is unchanged, and again after any write', async () => {
    const file = path.join(tempDir(), 'f');
    writeFileSync(file, 'one');
    let reads = 0;
    const memo = memoByFile<number>();
    const read = () => memo(file, async () => ++reads);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    writeFileSync(file, 'one'); // same bytes, new write: read again
    expect(await read()).toBe(2);
    rmSync(file);
    expect(await read()).toBe(3); // gone: never remembered
    expect(await read()).toBe(4);
  });
});
