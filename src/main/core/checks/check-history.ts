import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import {
  checkReportSchema,
  type CheckChange,
  type CheckComparison,
  type CheckReport,
  type CheckResult,
  type CheckRunSummary,
  type CheckStatus,
} from '../../../shared/model/checks';
import { readJsonFile, writeJsonAtomic } from '../atomic-file';
import { withFileLock } from '../file-lock';
import { ID_PATTERN } from '../domain/ids';

export function historyDir(dataDir: string): string {
  return path.join(dataDir, 'checks');
}

/** One file per run id; written under its lock like every data-folder file (a run may be saved again with its fixes). */
export async function saveReport(dataDir: string, report: CheckReport): Promise<void> {
  const file = path.join(historyDir(dataDir), `${report.id}.json`);
  await withFileLock(file, () => writeJsonAtomic(file, report));
}

export async function loadReport(dataDir: string, id: string): Promise<CheckReport> {
  if (!ID_PATTERN.test(id))
    throw new AppError(
      'RUN_NOT_FOUND',
      `"${id}" is not a verification run id.`,
      'Run ids look like 20250101T120000Z-abc123 (see the history).',
    );
  let raw: unknown;
  try {
    raw = await readJsonFile(path.join(historyDir(dataDir), `${id}.json`));
  } catch (e) {
    throw new AppError(
      'RUN_NOT_FOUND',
      `The saved run ${id} cannot be read: ${(e as Error).message}`,
      'The file may be damaged; run the checks again.',
    );
  }
  if (raw === undefined)
    throw new AppError(
      'RUN_NOT_FOUND',
      `No verification run ${id}.`,
      'See the history for the runs kept on this computer.',
    );
  const parsed = checkReportSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      'RUN_NOT_FOUND',
      `The saved run ${id} is not a verification report.`,
      'The file may be damaged; run the checks again.',
    );
  return parsed.data;
}

async function runIds(dataDir: string): Promise<string[]> {
  const names = await fs.readdir(historyDir(dataDir)).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith('.json') && ID_PATTERN.test(n.slice(0, -5)))
    .map((n) => n.slice(0, -5))
    .sort()
    .reverse();
}

export function summarize(report: CheckReport): CheckRunSummary {
  const { id, profileId, profile, environment, database, startedAt, durationMs, totals, passed } = report;
  return {
    id,
    profileId,
    profile,
    environment,
    database,
    startedAt,
    durationMs,
    totals,
    passed,
    checks: report.checks.map((c) => c.id),
    tenantCount: report.tenants.length,
  };
}

/** Newest first; unreadable files are left out rather than failing the list. */
export async function listRuns(
  dataDir: string,
  opts: { profileId?: string; limit?: number } = {},
): Promise<CheckRunSummary[]> {
  const out: CheckRunSummary[] = [];
  for (const id of await runIds(dataDir)) {
    const report = await loadReport(dataDir, id).catch(() => undefined);
    if (!report || (opts.profileId && report.profileId !== opts.profileId)) continue;
    out.push(summarize(report));
    if (opts.limit && out.length >= opts.limit) break;
  }
  return out;
}

/** Same target: the same saved profile, or the same `--url` key (a CLI run gets a fresh profile id each time). */
function sameTarget(a: CheckReport, b: CheckReport): boolean {
  return a.profileId === b.profileId || (a.profile === b.profile && a.database === b.database);
}

function earlier(a: CheckReport, b: CheckReport): boolean {
  return a.startedAt < b.startedAt || (a.startedAt === b.startedAt && a.id < b.id);
}

/**
 * The run of the same profile just before `report`. Ids sort by second only, so runs stamped
 * in the same second are told apart by their start time.
 */
export async function previousRun(dataDir: string, report: CheckReport): Promise<CheckReport | undefined> {
  const stamp = report.id.slice(0, 16);
  let best: CheckReport | undefined;
  for (const id of await runIds(dataDir)) {
    if (id === report.id || id.slice(0, 16) > stamp) continue;
    if (best && id.slice(0, 16) < best.id.slice(0, 16)) break;
    const other = await loadReport(dataDir, id).catch(() => undefined);
    if (!other || !sameTarget(other, report) || !earlier(other, report)) continue;
    if (!best || earlier(best, other)) best = other;
  }
  return best;
}

/** Lower is healthier; not_applicable sits with pass since it is not a finding. */
const RANK: Record<CheckStatus, number> = { pass: 0, not_applicable: 0, fail: 1, error: 2 };

function key(r: Pick<CheckResult, 'tenant' | 'check'>): string {
  return `${r.tenant}\u0000${r.check}`;
}

/** Per tenant × check: better (fewer violations, or healthier status) or worse; a tenant new to a check counts when it fails. */
export function compareReports(current: CheckReport, previous: CheckReport | undefined): CheckComparison {
  const comparison: CheckComparison = { id: current.id, previousId: previous?.id, better: [], worse: [], unchanged: 0 };
  if (!previous) return comparison;
  const before = new Map(previous.results.map((r) => [key(r), r]));
  const previousChecks = new Set(previous.checks.map((c) => c.id));
  for (const after of current.results) {
    // A check the previous run did not include has nothing to compare with.
    if (!previousChecks.has(after.check)) continue;
    const old = before.get(key(after));
    const change: CheckChange = {
      tenant: after.tenant,
      check: after.check,
      after: after.status,
      countAfter: after.count,
    };
    if (!old) {
      if (RANK[after.status] > 0) comparison.worse.push(change);
      else comparison.unchanged += 1;
      continue;
    }
    Object.assign(change, { before: old.status, countBefore: old.count });
    const delta = RANK[after.status] - RANK[old.status] || (RANK[after.status] > 0 ? after.count - old.count : 0);
    if (delta < 0) comparison.better.push(change);
    else if (delta > 0) comparison.worse.push(change);
    else comparison.unchanged += 1;
  }
  return comparison;
}
