import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who owns a restore journal, a passfile folder, a work folder or a `.partial` dump, so that a
 * later start sweeps only what a gone process left (CLI.md "Processes and locks").
 */
export interface ProcessOwner {
  pid: number;
  host: string;
  startedAt: string;
  /** Linux: the process's start time in clock ticks since boot, which tells a reused pid apart. */
  ticks?: string;
}

/** /proc/<pid>/stat field 22; undefined where there is no /proc. */
function startTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

let self: ProcessOwner | undefined;

export function currentOwner(): ProcessOwner {
  self ??= {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    ticks: startTicks(process.pid),
  };
  return self;
}

const hostTag = (host: string) => createHash('sha256').update(host).digest('hex').slice(0, 8);

/**
 * A short token for file and folder names: `<host tag>.<pid>.<ticks>` (ticks 0 without /proc).
 * The host tag keeps a process on another machine (a shared backup folder) from judging ours.
 */
export function ownerToken(owner = currentOwner()): string {
  return `${hostTag(owner.host)}.${owner.pid}.${owner.ticks ?? '0'}`;
}

export const OWNER_TOKEN = '[0-9a-f]{8}\\.\\d+\\.\\d+';

/** The owner a token names, when it is a process of this machine; undefined otherwise. */
export function parseOwnerToken(token: string): Pick<ProcessOwner, 'pid' | 'ticks'> | undefined {
  const m = /^([0-9a-f]{8})\.(\d+)\.(\d+)$/.exec(token);
  if (!m || m[1] !== hostTag(hostname())) return undefined;
  return { pid: Number(m[2]), ticks: m[3] === '0' ? undefined : m[3] };
}

/**
 * Whether a process on this machine is gone: its pid answers no signal, or the pid now belongs
 * to a process started at another time. A pid we may not signal (another user's) is alive.
 */
export function localProcessGone(owner: Pick<ProcessOwner, 'pid' | 'ticks'>): boolean {
  if (owner.pid === process.pid) return owner.ticks !== undefined && owner.ticks !== currentOwner().ticks;
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
  if (owner.ticks === undefined) return false;
  const now = startTicks(owner.pid);
  return now !== undefined && now !== owner.ticks;
}

export const isThisHost = (owner: Pick<ProcessOwner, 'host'>) => owner.host === hostname();
