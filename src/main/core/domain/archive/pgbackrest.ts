import { spawn } from 'node:child_process';
import { AppError } from '../../../../shared/errors';
import type { RunAs } from './run-as';

/** The profile's archive: a pgBackRest config file and stanza. */
export interface ArchiveSettings {
  config: string;
  stanza: string;
}

export interface ArchiveBackup {
  label: string;
  type: string;
  /** ISO times of the backup's start and end: a target must come after the end. */
  startedAt: string;
  stoppedAt: string;
  walStart: string;
  walStop: string;
  /** Bytes of the cluster once restored. */
  size: number;
}

export interface ArchiveInfo {
  stanza: string;
  /** PostgreSQL major version of the archived cluster ("15"). */
  pgVersion: string;
  archiveId?: string;
  walMin?: string;
  walMax?: string;
  backups: ArchiveBackup[];
}

export interface PgbackrestRun {
  stdout: string;
  stderr: string;
}

/** Runs pgBackRest with an argument array (never a shell); file logging off, console errors kept. */
export function runPgbackrest(
  settings: ArchiveSettings,
  args: string[],
  opts: {
    runAs?: RunAs;
    signal?: AbortSignal;
    onLine?: (line: string) => void;
    onSpawn?: (pid: number | undefined) => void;
  } = {},
): Promise<PgbackrestRun> {
  const bin = process.env.TENANTRY_PGBACKREST ?? 'pgbackrest';
  const full = [
    `--config=${settings.config}`,
    `--stanza=${settings.stanza}`,
    '--log-level-file=off',
    '--log-level-console=warn',
    ...args,
  ];
  return new Promise((resolve, reject) => {
    // Its own process group: pgBackRest forks workers, and a sweep after a kill must stop them all.
    const child = spawn(bin, full, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(opts.runAs ?? {}),
      signal: opts.signal,
      detached: Boolean(opts.onSpawn),
    });
    opts.onSpawn?.(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      for (const line of d.toString().split('\n')) if (line.trim()) opts.onLine?.(line.trim());
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.name === 'AbortError') return reject(new AppError('CANCELLED', 'The point-in-time restore was cancelled.'));
      if (e.code === 'ENOENT')
        return reject(
          new AppError(
            'PITR_NOT_CONFIGURED',
            'pgBackRest is not installed on this machine.',
            'Install it (Debian: apt-get install pgbackrest) or set TENANTRY_PGBACKREST to its path.',
          ),
        );
      reject(new AppError('PGBACKREST_FAILED', `pgBackRest could not start: ${e.message}`));
    });
    child.on('close', (code) => {
      if (code === 0) return resolve({ stdout, stderr });
      const detail =
        stderr
          .trim()
          .split('\n')
          .filter((l) => /ERROR|error/.test(l))
          .slice(-2)
          .join(' ') || stderr.trim().slice(-400);
      reject(
        new AppError(
          'PGBACKREST_FAILED',
          `pgBackRest ${args[0]} failed (exit ${code}): ${detail}`,
          "Check the profile's pgBackRest config file and stanza (`pgbackrest info` with the same settings).",
        ),
      );
    });
  });
}

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

/** `pgbackrest info --output=json` for the stanza: its backups and archived WAL range. */
export async function readArchiveInfo(
  settings: ArchiveSettings,
  runAs?: RunAs,
  signal?: AbortSignal,
): Promise<ArchiveInfo> {
  const { stdout } = await runPgbackrest(settings, ['info', '--output=json'], { runAs, signal });
  let parsed: unknown;
  try {
    // system-id is a 64-bit integer: quote it so JSON.parse never rounds anything we might show.
    parsed = JSON.parse(stdout.replace(/("system-id":\s*)(\d+)/g, '$1"$2"'));
  } catch {
    throw new AppError(
      'PGBACKREST_FAILED',
      'pgBackRest info did not print JSON.',
      'Is the configured program pgBackRest 2.x?',
    );
  }
  return parseArchiveInfo(parsed, settings.stanza);
}

interface RawStanza {
  name: string;
  status?: { code: number; message: string };
  db?: { version: string }[];
  archive?: { id: string; min?: string | null; max?: string | null }[];
  backup?: {
    label: string;
    type: string;
    error?: boolean;
    timestamp: { start: number; stop: number };
    archive: { start: string; stop: string };
    info: { size: number };
  }[];
}

export function parseArchiveInfo(raw: unknown, stanza: string): ArchiveInfo {
  const s = (raw as RawStanza[]).find((x) => x.name === stanza);
  if (!s || !s.db?.length) {
    throw new AppError(
      'PITR_NOT_CONFIGURED',
      `pgBackRest knows no stanza "${stanza}"${s?.status ? ` (${s.status.message})` : ''}.`,
      'Create it (`pgbackrest stanza-create`) or correct the stanza in the profile.',
    );
  }
  const archive = s.archive?.at(-1);
  return {
    stanza,
    pgVersion: s.db.at(-1)!.version,
    archiveId: archive?.id,
    walMin: archive?.min ?? undefined,
    walMax: archive?.max ?? undefined,
    backups: (s.backup ?? [])
      .filter((b) => !b.error)
      .map((b) => ({
        label: b.label,
        type: b.type,
        startedAt: iso(b.timestamp.start),
        stoppedAt: iso(b.timestamp.stop),
        walStart: b.archive.start,
        walStop: b.archive.stop,
        size: b.info.size,
      })),
  };
}

/** The WAL segment names archived in the repository between two segments (same timeline), for a gap check. */
export async function listArchivedSegments(
  settings: ArchiveSettings,
  archiveId: string,
  from: string,
  to: string,
  runAs?: RunAs,
): Promise<Set<string>> {
  const found = new Set<string>();
  const prefixes = new Set<string>();
  for (let n = segmentNumber(from); n <= segmentNumber(to); n++)
    prefixes.add(segmentName(from.slice(0, 8), n).slice(0, 16));
  for (const prefix of prefixes) {
    const { stdout } = await runPgbackrest(
      settings,
      ['repo-ls', `archive/${settings.stanza}/${archiveId}/${prefix}`, '--output=json'],
      { runAs },
    ).catch(() => ({ stdout: '{}' }));
    for (const name of Object.keys(JSON.parse(stdout || '{}') as Record<string, unknown>)) found.add(name.slice(0, 24));
  }
  return found;
}

/** A WAL file name's position (log × 256 + segment, for the default 16 MB segments). */
export function segmentNumber(name: string): number {
  return parseInt(name.slice(8, 16), 16) * 0x100 + parseInt(name.slice(16, 24), 16);
}

export function segmentName(timeline: string, n: number): string {
  const hex = (v: number) => v.toString(16).toUpperCase().padStart(8, '0');
  return `${timeline}${hex(Math.floor(n / 0x100))}${hex(n % 0x100)}`;
}
