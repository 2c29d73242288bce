import { AppError } from '../../../shared/errors';
import type { Gate, GateResult } from '../../../shared/model/checklists';
import type { Profile } from '../../../shared/model/profile';
import type { CoreDeps } from '../core-deps';
import { latestAppliedAt } from './ledger-times';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function hours(ms: number): string {
  const h = ms / 3_600_000;
  return h >= 10 ? `${Math.round(h)} h` : `${Math.round(h * 10) / 10} h`;
}

function describe(gate: Gate): string {
  switch (gate.kind) {
    case 'staging-soak':
      return `same migrations on ${gate.profile} at least ${gate.hours} h ago`;
    case 'backup-age':
      return `a backup younger than ${gate.minutes} min`;
    case 'maintenance-window':
      return `maintenance window ${gate.days?.join(',') ?? 'daily'} ${gate.from}–${gate.to}`;
  }
}

/** Production only after the same migrations ran on staging long enough ago — read from staging's ledgers, not from memory. */
async function stagingSoak(
  deps: CoreDeps,
  profile: Profile,
  gate: Extract<Gate, { kind: 'staging-soak' }>,
  projectDir: string | undefined,
  now: Date,
): Promise<string | undefined> {
  const staging = deps.profiles.findByName(gate.profile);
  if (!staging)
    throw new AppError(
      'GATE_BLOCKED',
      `the profile "${gate.profile}" does not exist, so the soak on staging cannot be checked`,
    );
  const status = await deps.invoke('migrations.status', {
    profileId: profile.id,
    ...(projectDir ? { project: projectDir } : {}),
  });
  const pending = new Set(status.tenants.flatMap((t) => t.pending));
  if (!pending.size) return undefined;
  const times = await deps.pools.withClient(staging, (c) => latestAppliedAt(c));
  const blocking: string[] = [];
  for (const name of [...pending].sort()) {
    const at = times.get(name);
    if (!at) blocking.push(`${gate.profile} has not applied ${name}`);
    else {
      const age = now.getTime() - at.getTime();
      const need = gate.hours * 3_600_000;
      if (age < need)
        blocking.push(`${gate.profile} applied ${name} only ${hours(age)} ago; ${hours(need - age)} to go`);
    }
  }
  return blocking.length ? blocking.join('; ') : undefined;
}

async function backupAge(
  deps: CoreDeps,
  profile: Profile,
  gate: Extract<Gate, { kind: 'backup-age' }>,
  now: Date,
): Promise<string | undefined> {
  const { backups } = await deps.invoke('backups.list', { profileId: profile.id });
  const newest = backups.map((b) => Date.parse(b.createdAt)).sort((a, b) => b - a)[0];
  if (newest === undefined) return `no backup of ${profile.name} exists`;
  const age = now.getTime() - newest;
  return age > gate.minutes * 60_000
    ? `the newest backup is ${Math.round(age / 60_000)} min old (limit ${gate.minutes} min)`
    : undefined;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function maintenanceWindow(gate: Extract<Gate, { kind: 'maintenance-window' }>, now: Date): string | undefined {
  const day = DAYS[now.getDay()];
  const minute = now.getHours() * 60 + now.getMinutes();
  const from = minutesOf(gate.from);
  const to = minutesOf(gate.to);
  const inTime = from <= to ? minute >= from && minute < to : minute >= from || minute < to;
  if (gate.days && !gate.days.includes(day)) return `today (${day}) is outside the window days ${gate.days.join(', ')}`;
  return inTime ? undefined : `now (${now.toTimeString().slice(0, 5)}) is outside ${gate.from}–${gate.to}`;
}

/** Evaluates gates; one that cannot be evaluated blocks, and says why. */
export async function evaluateGates(
  deps: CoreDeps,
  profile: Profile,
  gates: Gate[],
  projectDir: string | undefined,
  now = new Date(),
): Promise<GateResult[]> {
  const results: GateResult[] = [];
  for (const gate of gates) {
    const name = describe(gate);
    try {
      const blocked =
        gate.kind === 'staging-soak'
          ? await stagingSoak(deps, profile, gate, projectDir, now)
          : gate.kind === 'backup-age'
            ? await backupAge(deps, profile, gate, now)
            : maintenanceWindow(gate, now);
      results.push({
        gate: name,
        ok: !blocked,
        message: blocked ? `${profile.environment} blocked: ${blocked}` : 'passes',
      });
    } catch (e) {
      results.push({ gate: name, ok: false, message: `blocked: cannot be evaluated: ${(e as Error).message}` });
    }
  }
  return results;
}
