import { AppError } from '../../../shared/errors';
import type { StagedRollout } from '../../../shared/model/migrations';
import type { MigrationFile } from '../domain/ledger/migration-files';
import type { Targets } from './plan';

export type WaveOptions = StagedRollout;

export interface Wave {
  /** 1-based, as the log and the screen say it ("wave 2/5"). */
  index: number;
  canary: boolean;
  /** Every chosen tenant of the wave, done or not: waves are stable across re-runs. */
  schemas: string[];
}

export function isStaged(o: WaveOptions): boolean {
  return (
    o.canary !== undefined ||
    o.waveSize !== undefined ||
    o.pauseBetweenSeconds !== undefined ||
    o.maxFailures !== undefined ||
    o.check !== undefined
  );
}

function invalid(field: string, message: string, hint?: string): AppError {
  return new AppError('PARAM_INVALID', message, hint, { field });
}

/** Refuses nonsense before anything starts (PARAM_INVALID, exit 2). */
export function validateWaveOptions(o: WaveOptions): void {
  if (o.waveSize !== undefined && (!Number.isInteger(o.waveSize) || o.waveSize < 1))
    throw invalid('waveSize', `A wave size of ${o.waveSize} cannot make progress.`, 'Use --wave-size 1 or more.');
  if (typeof o.canary === 'number' && (!Number.isInteger(o.canary) || o.canary < 1))
    throw invalid(
      'canary',
      `A canary of ${o.canary} tenants is empty.`,
      'Use --canary K with K ≥ 1, or --canary tenant_a,tenant_b.',
    );
  if (Array.isArray(o.canary) && !o.canary.length)
    throw invalid('canary', 'The canary list is empty.', 'Name at least one tenant schema.');
  if (o.maxFailures !== undefined && (!Number.isInteger(o.maxFailures) || o.maxFailures < 0))
    throw invalid('maxFailures', `--max-failures must be 0 or more, not ${o.maxFailures}.`);
}

/** Keeps only the files up to `to` (CLI --to NNNN); tenants with nothing left count as up to date. */
export function limitTargetsTo(targets: Targets, to: number | undefined, all: MigrationFile[]): Targets {
  if (to === undefined) return targets;
  if (!all.some((f) => f.version === to)) {
    const last = all.at(-1);
    throw invalid(
      'to',
      `No migration numbered ${String(to).padStart(4, '0')} in the project${last ? ` (the last is ${last.name})` : ''}.`,
      'Pass the number of an existing migration file.',
    );
  }
  const tasks = [];
  let upToDate = targets.upToDate;
  for (const t of targets.tasks) {
    const files = t.files.filter((f) => f.version <= to);
    if (files.length) tasks.push({ ...t, files });
    else upToDate++;
  }
  return { ...targets, tasks, upToDate };
}

/**
 * Splits the chosen tenants (sorted by schema name, so a re-run with the same flags gets the same
 * waves) into the canary wave, then waves of `waveSize` (one wave for the rest without it).
 * Unknown canary names are refused with TENANT_NOT_FOUND.
 */
export function planWaves(chosenTenants: string[], o: WaveOptions): Wave[] {
  const sorted = [...new Set(chosenTenants)].sort();
  let canary: string[] = [];
  if (Array.isArray(o.canary)) {
    const known = new Set(sorted);
    const unknown = o.canary.filter((s) => !known.has(s));
    if (unknown.length) {
      throw new AppError(
        'TENANT_NOT_FOUND',
        `The canary list names ${unknown.length === 1 ? 'a tenant' : 'tenants'} not among the chosen ones: ${unknown.slice(0, 5).join(', ')}.`,
        'See `tenantry tenants list` for the schema names (missing and orphan schemas are never migrated).',
        { tenant: unknown[0] },
      );
    }
    canary = [...new Set(o.canary)].sort();
  } else if (typeof o.canary === 'number') {
    canary = sorted.slice(0, o.canary);
  }
  const inCanary = new Set(canary);
  const rest = sorted.filter((s) => !inCanary.has(s));
  const size = o.waveSize ?? Math.max(1, rest.length);
  const waves: Wave[] = [];
  if (canary.length) waves.push({ index: 1, canary: true, schemas: canary });
  for (let i = 0; i < rest.length; i += size)
    waves.push({ index: waves.length + 1, canary: false, schemas: rest.slice(i, i + size) });
  return waves;
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
