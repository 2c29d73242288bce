import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser } from '../domain/sql';
import { migrationChecksum } from '../domain/ledger/checksum';
import { jsonFromXml } from '../domain/ledger/ledger-read';
import type { MigrationFile } from '../domain/ledger/migration-files';
import { planFiles } from './plan';
import { toSegments } from './segments';
import { schemaLists } from './status-matrix';

const file = (version: number, noTransaction = false, sql = 'SELECT 1;'): MigrationFile => ({
  name: `000${version}_m${version}`,
  version,
  sql,
  checksum: migrationChecksum(sql),
  noTransaction,
});

describe('status of one schema', () => {
  const files = [file(1), file(2), file(3), file(4)];
  it('flags applied, pending, failed, drifted, missing file and out of order', () => {
    const rows = [
      {
        name: '0001_m1',
        checksum: files[0].checksum,
        state: 'applied' as const,
        durationMs: 1,
        appliedAt: '',
        error: null,
      },
      { name: '0002_m2', checksum: 'edited', state: 'applied' as const, durationMs: 1, appliedAt: '', error: null },
      {
        name: '0004_m4',
        checksum: files[3].checksum,
        state: 'applied' as const,
        durationMs: 1,
        appliedAt: '',
        error: null,
      },
      {
        name: '0003_m3',
        checksum: files[2].checksum,
        state: 'failed' as const,
        durationMs: null,
        appliedAt: '',
        error: 'boom',
      },
      { name: '0009_gone', checksum: 'x', state: 'baselined' as const, durationMs: null, appliedAt: '', error: null },
    ];
    expect(schemaLists(files, rows)).toEqual({
      applied: ['0001_m1', '0002_m2', '0004_m4'],
      pending: ['0003_m3'],
      failed: ['0003_m3'],
      drifted: ['0002_m2'],
      missingFile: ['0009_gone'],
      outOfOrder: ['0003_m3'],
      errors: { '0003_m3': 'boom' },
    });
  });
  it('treats CRLF and LF files as the same checksum', () => {
    expect(migrationChecksum('a\r\nb')).toBe(migrationChecksum('a\nb'));
  });
});

describe('segments', () => {
  it('cuts the files at each no-transaction file', () => {
    const segs = toSegments([file(1), file(2), file(3, true), file(4)]);
    expect(
      segs.map((s) => (s.kind === 'transaction' ? s.files.map((f) => f.version) : [`nt${s.file.version}`])),
    ).toEqual([[1, 2], ['nt3'], [4]]);
  });
});

describe('the plan', () => {
  beforeAll(loadSqlParser);
  it('lists files in apply order, whatever the first schema needing them lacks', () => {
    const [f5, f6] = [file(5, false, 'CREATE TABLE five (a int);'), file(6, false, 'DROP TABLE five;')];
    const plan = planFiles([
      { schema: 'tenant_a', files: [f6] },
      { schema: 'tenant_b', files: [f5, f6] },
    ]);
    expect(plan.map((f) => f.name)).toEqual(['0005_m5', '0006_m6']);
    expect(plan[1].destructive).toEqual(['drop: DROP TABLE five']);
  });
});

describe('ledger XML', () => {
  it('unescapes the JSON inside query_to_xml output', () => {
    expect(jsonFromXml('<row>\n  <j>[["a&amp;b", "&lt;x&gt;", "\\"q\\""]]</j>\n</row>\n')).toEqual([
      ['a&b', '<x>', '"q"'],
    ]);
    expect(jsonFromXml('<row>\n</row>\n')).toBeNull();
  });
});
