import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Profile } from '../../../shared/model/profile';
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
  return createHash('sha256').update(prev + canonicalJson(entryWithPrev)).digest('hex');
}

const AUDIT_FILE = /^\d{4}-\d{2}\.jsonl$/;

/**
 * The append-only audit log: `<data>/audit/<yyyy-mm>.jsonl`, each line chained to the previous
 * one by hash (CLI.md "Restores and the audit log"). If a line cannot be written the action is
 * refused (AUDIT_WRITE_FAILED): nothing changes unrecorded.
 */
export class AuditLog {
  private lastHash: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private sinks: AuditSink[] = [];

  constructor(readonly dir: string) {}

  static forDataDir(dataDir: string): AuditLog {
    return new AuditLog(path.join(dataDir, 'audit'));
  }

  addSink(sink: AuditSink): void {
    this.sinks.push(sink);
  }

  /** Appends one entry; serialised so concurrent writers never fork the chain. */
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
        result: code === 'CANCELLED' ? 'cancelled' : code === 'CONFIRMATION_REQUIRED' || code === 'READ_ONLY' ? 'refused' : 'failed',
        error: e instanceof Error ? e.message : String(e),
        durationMs: Date.now() - started,
      }).catch(() => undefined);
      throw e;
    }
    // The action is done; if its outcome cannot be written, the intent line still records the attempt.
    await this.record({ ...base, intent: intent.hash, result: 'ok', durationMs: Date.now() - started }).catch(() => undefined);
    return value;
  }

  async files(): Promise<string[]> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    return names.filter((n) => AUDIT_FILE.test(n)).sort().map((n) => path.join(this.dir, n));
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

  private async previousHash(): Promise<string> {
    if (this.lastHash !== undefined) return this.lastHash;
    const last = (await this.files()).at(-1);
    if (!last) return '';
    const text = await readTail(last, 1024 * 1024);
    const lastLine = text.split('\n').filter((l) => l.trim()).at(-1);
    if (!lastLine) return '';
    try {
      return (JSON.parse(lastLine) as AuditLine).hash;
    } catch {
      throw new AppError('AUDIT_TAMPERED', `The last line of ${last} is not valid JSON; nothing can be chained to it.`, 'Run `tenantry audit verify` and restore the audit file from a backup.');
    }
  }

  private async append(entry: Omit<AuditEntry, 'at' | 'who'> & { at?: string; who?: string }): Promise<AuditLine> {
    const at = entry.at ?? new Date().toISOString();
    const prev = await this.previousHash().catch((e: unknown) => {
      throw e instanceof AppError ? e : writeFailed(e);
    });
    const body = { ...entry, params: entry.params && redactSecrets(entry.params), at, who: entry.who ?? safeUser(), prev } as Omit<AuditLine, 'hash'>;
    if (body.params === undefined) delete body.params;
    const line: AuditLine = { ...body, hash: lineHash(prev, body) };
    const file = path.join(this.dir, `${at.slice(0, 7)}.jsonl`);
    try {
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
      await appendDurably(file, JSON.stringify(line) + '\n');
    } catch (e) {
      throw writeFailed(e);
    }
    this.lastHash = line.hash;
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

/** Appends and fsyncs; on failure cuts the file back, so a full disk never leaves half a line. */
async function appendDurably(file: string, text: string): Promise<void> {
  const handle = await fs.open(file, 'a', 0o600);
  let size = 0;
  try {
    size = (await handle.stat()).size;
    await handle.appendFile(text);
    await handle.sync();
  } catch (e) {
    if (size > 0) await handle.truncate(size).catch(() => undefined);
    throw e;
  } finally {
    await handle.close();
  }
}

export function profileFields(profile: Profile): Pick<AuditEntry, 'profileId' | 'profile' | 'environment' | 'database'> {
  return { profileId: profile.id, profile: profile.name, environment: profile.environment, database: profile.database };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
