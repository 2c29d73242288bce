import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Profile } from '../../../shared/model/profile';
import { readJsonFile, writeJsonAtomic } from '../atomic-file';
import { whoAmI } from '../domain/who-am-i';
import { withFileLock } from '../file-lock';
import { redactSecrets } from './redact';

export interface AuditEntry {
  at: string;
  who: string;
  action: string;
  profileId?: string;
  profile?: string;
  environment?: string;
  database?: string;
  target?: string;
  /** Never a secret: callers pass ids, names and flags only (and keys that look secret are redacted anyway). */
  params?: Record<string, unknown>;
  /** 'intent' is written before an action runs; the outcome line follows it. */
  result: 'intent' | 'ok' | 'failed' | 'refused' | 'cancelled';
  error?: string;
  durationMs?: number;
  /** On an outcome line: the hash of its intent line. */
  intent?: string;
}

export interface AuditLine extends AuditEntry {
  prev: string;
  hash: string;
}

/** Also writes each line elsewhere (the database table, when a profile allows); failures there never block. */
export type AuditSink = (line: AuditLine) => Promise<void>;

/** JSON with sorted keys, so a line's hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function lineHash(prev: string, entryWithPrev: Omit<AuditLine, 'hash'>): string {
  return createHash('sha256')
    .update(prev + canonicalJson(entryWithPrev))
    .digest('hex');
}

const AUDIT_FILE = /^\d{4}-\d{2}\.jsonl$/;

/**
 * The chain's anchor outside the month files: the last line's hash and how many lines the log
 * holds, updated under the same lock as every append. A cut, emptied or deleted month file no
 * longer matches it.
 */
export interface AuditHead {
  version: 1;
  lastHash: string;
  lines: number;
  /** The month file the last line went to. */
  file: string;
  at: string;
}

/**
 * The append-only audit log: `<data>/audit/<yyyy-mm>.jsonl`, each line chained to the previous
 * one by hash (CLI.md "Restores and the audit log"). If a line cannot be written the action is
 * refused (AUDIT_WRITE_FAILED): nothing changes unrecorded.
 */
export class AuditLog {
  private queue: Promise<unknown> = Promise.resolve();
  private sinks: AuditSink[] = [];

  constructor(readonly dir: string) {}

  static forDataDir(dataDir: string): AuditLog {
    return new AuditLog(path.join(dataDir, 'audit'));
  }

  get headFile(): string {
    return path.join(this.dir, 'head.json');
  }

  addSink(sink: AuditSink): void {
    this.sinks.push(sink);
  }

  /**
   * Appends one entry. Serialised in this process and, through the head's lock, with every other
   * process: the previous hash is read from the file under the lock, so the chain never forks.
   */
  record(entry: Omit<AuditEntry, 'at' | 'who'> & { at?: string; who?: string }): Promise<AuditLine> {
    const next = this.queue.then(() => this.append(entry));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Records `action` around `work`: an intent line first (if it cannot be written, `work` never
   * runs), then the outcome with its duration and error.
   */
  async around<T>(base: Omit<AuditEntry, 'at' | 'who' | 'result'>, work: () => Promise<T>): Promise<T> {
    const intent = await this.record({ ...base, result: 'intent' });
    const started = Date.now();
    let value: T;
    try {
      value = await work();
    } catch (e) {
      const code = (e as { code?: string }).code;
      await this.record({
        ...base,
        intent: intent.hash,
        result:
          code === 'CANCELLED'
            ? 'cancelled'
            : code === 'CONFIRMATION_REQUIRED' || code === 'READ_ONLY' || code === 'TENANT_LOCKED'
              ? 'refused'
              : 'failed',
        error: e instanceof Error ? e.message : String(e),
        durationMs: Date.now() - started,
      }).catch(() => undefined);
      throw e;
    }
    // The action is done; if its outcome cannot be written, the intent line still records the attempt.
    await this.record({ ...base, intent: intent.hash, result: 'ok', durationMs: Date.now() - started }).catch(
      () => undefined,
    );
    return value;
  }

  async files(): Promise<string[]> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    return names
      .filter((n) => AUDIT_FILE.test(n))
      .sort()
      .map((n) => path.join(this.dir, n));
  }

  /** Every line, oldest first; a line that is not JSON is skipped here (verify names it). */
  async readAll(): Promise<AuditLine[]> {
    const lines: AuditLine[] = [];
    for (const file of await this.files()) {
      for (const text of (await fs.readFile(file, 'utf8')).split('\n')) {
        if (!text.trim()) continue;
        try {
          lines.push(JSON.parse(text) as AuditLine);
        } catch {
          // A damaged line; `audit verify` reports it.
        }
      }
    }
    return lines;
  }

  /** The anchor; undefined when the log has none yet. Throws AUDIT_TAMPERED when it is not an anchor. */
  async readHead(): Promise<AuditHead | undefined> {
    let raw: unknown;
    try {
      raw = await readJsonFile(this.headFile);
    } catch {
      raw = null;
    }
    if (raw === undefined) return undefined;
    const head = raw as AuditHead | null;
    if (!head || typeof head.lastHash !== 'string' || !Number.isInteger(head.lines) || typeof head.file !== 'string') {
      throw new AppError(
        'AUDIT_TAMPERED',
        `${this.headFile} is not a valid audit anchor; nothing can be chained to it.`,
        'Run `tenantry audit verify` and restore the audit folder from a backup.',
      );
    }
    return head;
  }

  /** The last line of the newest month file that has one: what the next line chains to. */
  private async lastLine(): Promise<AuditLine | undefined> {
    for (const file of (await this.files()).reverse()) {
      const text = await readTail(file, 1024 * 1024);
      const last = text
        .split('\n')
        .filter((l) => l.trim())
        .at(-1);
      if (!last) continue;
      try {
        return JSON.parse(last) as AuditLine;
      } catch {
        throw new AppError(
          'AUDIT_TAMPERED',
          `The last line of ${file} is not valid JSON; nothing can be chained to it.`,
          'Run `tenantry audit verify` and restore the audit file from a backup.',
        );
      }
    }
    return undefined;
  }

  /** Lines in the month files: counted once, when a log written before the anchor existed gets one. */
  private async countLines(): Promise<number> {
    let count = 0;
    for (const file of await this.files())
      count += (await readTail(file, Number.MAX_SAFE_INTEGER)).split('\n').filter((l) => l.trim()).length;
    return count;
  }

  private async append(entry: Omit<AuditEntry, 'at' | 'who'> & { at?: string; who?: string }): Promise<AuditLine> {
    try {
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw writeFailed(e);
    }
    const line = await withFileLock(this.headFile, async () => {
      const at = entry.at ?? new Date().toISOString();
      const [head, last] = await Promise.all([this.readHead(), this.lastLine()]).catch((e: unknown) => {
        throw e instanceof AppError ? e : writeFailed(e);
      });
      const prev = last?.hash ?? '';
      const body = {
        ...entry,
        params: entry.params && redactSecrets(entry.params),
        at,
        who: entry.who ?? whoAmI(),
        prev,
      } as Omit<AuditLine, 'hash'>;
      if (body.params === undefined) delete body.params;
      const line: AuditLine = { ...body, hash: lineHash(prev, body) };
      const name = `${at.slice(0, 7)}.jsonl`;
      const file = path.join(this.dir, name);
      // The count goes on from the anchor, not from the files: lines cut from the end stay missing.
      const lines = (head ? head.lines : await this.countLines().catch(() => 0)) + 1;
      let sizeBefore: number;
      try {
        sizeBefore = await appendDurably(file, JSON.stringify(line) + '\n');
      } catch (e) {
        throw writeFailed(e);
      }
      try {
        await writeJsonAtomic(this.headFile, {
          version: 1,
          lastHash: line.hash,
          lines,
          file: name,
          at,
        } satisfies AuditHead);
      } catch (e) {
        // Without its anchor the line would read as forged: take it back and refuse the action.
        await fs.truncate(file, sizeBefore).catch(() => undefined);
        throw writeFailed(e);
      }
      return line;
    });
    for (const sink of this.sinks) await sink(line).catch(() => undefined);
    return line;
  }
}

function writeFailed(e: unknown): AppError {
  return new AppError(
    'AUDIT_WRITE_FAILED',
    `The audit log could not be written (${(e as Error).message}); the action was not performed.`,
    'Free disk space or fix the permissions of the audit folder, then try again.',
  );
}

/** The last `max` bytes of a file: the chain only needs the last line. */
async function readTail(file: string, max: number): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, max);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Appends and fsyncs; on failure cuts the file back, so a full disk never leaves half a line. Returns the size before. */
async function appendDurably(file: string, text: string): Promise<number> {
  const handle = await fs.open(file, 'a', 0o600);
  let size = 0;
  try {
    size = (await handle.stat()).size;
    await handle.appendFile(text);
    await handle.sync();
    return size;
  } catch (e) {
    if (size > 0) await handle.truncate(size).catch(() => undefined);
    throw e;
  } finally {
    await handle.close();
  }
}

export function profileFields(
  profile: Profile,
): Pick<AuditEntry, 'profileId' | 'profile' | 'environment' | 'database'> {
  return { profileId: profile.id, profile: profile.name, environment: profile.environment, database: profile.database };
}
