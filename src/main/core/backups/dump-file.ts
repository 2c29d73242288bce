import { createHash } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../shared/errors';
import type { BackupFile } from '../../../shared/model/backups';
import { partialPath } from '../owned-temp';
import { encryptStream, type BackupKey } from './backup-crypto';
import { startPg, type PgTarget } from './pg-process';

export interface DumpJob {
  pgDump: string;
  /** pg_dump arguments after the connection ones (format, schemas, snapshot). */
  args: string[];
  connection: string[];
  target: PgTarget;
  passfile: string | undefined;
  dest: string;
  schemas: string[];
  signal?: AbortSignal;
  /** Encrypt at rest: the file (and its sha256) is the encrypted stream. */
  encrypt?: BackupKey;
}

function diskError(e: unknown): AppError | undefined {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new AppError(
      'DISK_FULL',
      `The disk filled up while writing the backup: ${(e as Error).message}`,
      'Free space in the backup folder (or choose another folder in the profile) and try again; the partial file was removed.',
    );
  return undefined;
}

/**
 * pg_dump's output streamed to a temporary name beside `dest`, hashed on the way, fsynced, and
 * renamed only when complete: a failed dump leaves no file behind.
 */
export async function dumpToFile(job: DumpJob): Promise<BackupFile> {
  await fs.mkdir(path.dirname(job.dest), { recursive: true, mode: 0o700 });
  const tmp = partialPath(job.dest);
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  const run = startPg(job.pgDump, [...job.connection, ...job.args], {
    target: job.target,
    passfile: job.passfile,
    signal: job.signal,
    stdout: 'pipe',
    failCode: 'BACKUP_FAILED',
    what: 'pg_dump',
  });
  const out = createWriteStream(tmp, { mode: 0o600 });
  try {
    const written = (
      job.encrypt
        ? pipeline(run.child.stdout!, encryptStream(job.encrypt), tap, out)
        : pipeline(run.child.stdout!, tap, out)
    ).catch((e) => {
      run.child.kill('SIGTERM');
      throw diskError(e) ?? e;
    });
    // The writer's error (disk full) explains a dying pg_dump better than pg_dump's own message.
    const [w, d] = await Promise.allSettled([written, run.done]);
    if (w.status === 'rejected') throw w.reason;
    if (d.status === 'rejected') throw d.reason;
    const handle = await fs.open(tmp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, job.dest);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw diskError(e) ?? e;
  }
  return { path: job.dest, schemas: job.schemas, sha256: hash.digest('hex'), bytes };
}

export async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  // One reused 1 MiB buffer: about half the time of a read stream's 64 KiB chunks.
  const buffer = Buffer.allocUnsafe(1 << 20);
  const handle = await fs.open(file, 'r');
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (!bytesRead) break;
      hash.update(buffer.subarray(0, bytesRead));
      bytes += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), bytes };
}
