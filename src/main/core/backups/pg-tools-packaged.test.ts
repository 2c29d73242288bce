import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { candidateDirs, findPgTools, forgetDiscovery } from './pg-tools';

/**
 * A packaged app starts from the desktop, not from a shell: on macOS its PATH is only
 * /usr/bin:/bin:/usr/sbin:/sbin, its working folder is / and its code sits in app.asar. The
 * discovery must not depend on any of that.
 */
const tmp = mkdtempSync(path.join(tmpdir(), 'tenantry-pg-tools-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('pg_dump discovery inside a packaged app', () => {
  it('still looks in Homebrew and Postgres.app with the minimal PATH a macOS app gets', () => {
    const dirs = candidateDirs({ env: { PATH: '/usr/bin:/bin:/usr/sbin:/sbin' }, platform: 'darwin' });
    expect(dirs).toEqual(expect.arrayContaining(['/usr/bin', '/opt/homebrew/bin', '/usr/local/bin']));
  });

  it('never looks relative to the working folder or the app bundle', () => {
    const before = process.cwd();
    try {
      process.chdir(tmp);
      for (const dir of candidateDirs({ env: { PATH: '/usr/bin:/bin' }, platform: 'linux' })) {
        expect(path.isAbsolute(dir), dir).toBe(true);
        expect(dir.includes('app.asar') || dir.startsWith(tmp)).toBe(false);
      }
    } finally {
      process.chdir(before);
    }
  });

  it('TENANTRY_PG_BIN (or the setting) points at client tools shipped anywhere, and they are used', async () => {
    // A bin folder holding "pg_dump"/"pg_restore" wrappers that report a version, as a bundled client would.
    const bin = path.join(tmp, 'Tenantry.app', 'Contents', 'Resources', 'pg', 'bin');
    mkdirSync(bin, { recursive: true });
    for (const tool of ['pg_dump', 'pg_restore']) {
      const file = path.join(bin, tool);
      writeFileSync(file, `#!/bin/sh\necho "${tool} (PostgreSQL) 17.2"\n`);
      chmodSync(file, 0o755);
    }
    symlinkSync(bin, path.join(tmp, 'bin-link'));
    forgetDiscovery();
    const tools = await findPgTools(16, {
      env: { PATH: '', TENANTRY_PG_BIN: path.join(tmp, 'bin-link') },
      platform: 'linux',
    });
    expect(tools.major).toBe(17);
    expect(tools.pgDump).toBe(path.join(tmp, 'bin-link', 'pg_dump'));
    forgetDiscovery();
    await expect(findPgTools(18, { env: { PATH: '', TENANTRY_PG_BIN: bin }, platform: 'linux' })).rejects.toMatchObject(
      { code: 'PG_DUMP_TOO_OLD' },
    );
  });
});
