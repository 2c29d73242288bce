import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Profile } from '../../../shared/model/profile';

export interface AuditEntry {
  at: string;
  who: string;
  action: string;
  profileId?: string;
  profile?: string;
  environment?: string;
  database?: string;
  target?: string;
  /** Never a secret: callers pass ids, names and flags only. */
  params?: Record<string, unknown>;
  result: 'ok' | 'failed' | 'refused' | 'cancelled';
  error?: string;
  durationMs?: number;
}

export interface AuditLine extends AuditEntry {
  prev: string;
  hash: string;
}

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

/**
 * The append-only audit log: `<data>/audit/<yyyy-mm>.jsonl`, each line chained to the previous
 * one by hash (CLI.md "Restores and the audit log"). If a line cannot be written the action is
 * refused: nothing changes unrecorded.
 */
export class AuditLog {
  private lastHash: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string) {}

  static forDataDir(dataDir: string): AuditLog {
    return new AuditLog(path.join(dataDir, 'audit'));
  }

  /** Appends one entry; serialised so concurrent writers never fork the chain. */
  record(entry: Omit<AuditEntry, 'at' | 'who'> & { at?: string; who?: string }): Promise<AuditLine> {
    const next = this.queue.then(() => this.append(entry));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Records `action` around `work`: its result, duration and error, success or not. */
  async around<T>(base: Omit<AuditEntry, 'at' | 'who' | 'result'>, work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      const value = await work();
      await this.record({ ...base, result: 'ok', durationMs: Date.now() - started });
      return value;
    } catch (e) {
      const code = (e as { code?: string }).code;
      await this.record({
        ...base,
        result: code === 'CANCELLED' ? 'cancelled' : code === 'CONFIRMATION_REQUIRED' ? 'refused' : 'failed',
        error: e instanceof Error ? e.message : String(e),
        durationMs: Date.now() - started,
      }).catch(() => undefined);
      throw e;
    }
  }

  async files(): Promise<string[]> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    return names.filter((n) => /^\d{4}-\d{2}\.jsonl$/.test(n)).sort().map((n) => path.join(this.dir, n));
  }

  async readAll(): Promise<AuditLine[]> {
    const lines: AuditLine[] = [];
    for (const file of await this.files()) {
      for (const text of (await fs.readFile(file, 'utf8')).split('\n')) if (text.trim()) lines.push(JSON.parse(text) as AuditLine);
    }
    return lines;
  }

  private async previousHash(): Promise<string> {
    if (this.lastHash !== undefined) return this.lastHash;
    const files = await this.files();
    const last = files.at(-1);
    if (!last) return '';
    const lines = (await fs.readFile(last, 'utf8')).split('\n').filter((l) => l.trim());
    return lines.length ? (JSON.parse(lines.at(-1)!) as AuditLine).hash : '';
  }

  private async append(entry: Omit<AuditEntry, 'at' | 'who'> & { at?: string; who?: string }): Promise<AuditLine> {
    const at = entry.at ?? new Date().toISOString();
    const prev = await this.previousHash();
    const body: Omit<AuditLine, 'hash'> = { ...entry, at, who: entry.who ?? safeUser(), prev };
    const line: AuditLine = { ...body, hash: lineHash(prev, body) };
    const file = path.join(this.dir, `${at.slice(0, 7)}.jsonl`);
    try {
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
      const handle = await fs.open(file, 'a', 0o600);
      try {
        await handle.appendFile(JSON.stringify(line) + '\n');
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (e) {
      throw new AppError('INTERNAL', `The audit log could not be written (${(e as Error).message}); the action was not performed.`, 'Free disk space or fix the permissions of the audit folder, then try again.');
    }
    this.lastHash = line.hash;
    return line;
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
