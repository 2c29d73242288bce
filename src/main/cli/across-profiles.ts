import { AppError, type ErrorData } from '../../shared/errors';
import type { Profile } from '../../shared/model/profile';
import { ProfileGroups } from '../core/profiles/profile-groups';
import type { CliContext } from './cli-context';
import { ct } from './cli-messages';
import { exitCodeFor } from './exit-codes';
import type { Output } from './output';

/** One database's part of a `--profiles` run: the one-profile data (or its error) and its exit code. */
export interface ProfileRun {
  profile: string;
  environment: Profile['environment'];
  database: string;
  host: string;
  exitCode: number;
  error?: ErrorData;
  [field: string]: unknown;
}

export interface AcrossProfilesReport {
  profiles: ProfileRun[];
  total: { profiles: number; ok: number; failed: number; notRun: number; exitCode: number };
}

/** `--profiles a,b` or the name of a saved group; each name once, in the given order. */
export async function profilesOf(ctx: CliContext, value: string): Promise<Profile[]> {
  const names = [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (!names.length)
    throw new AppError(
      'VALIDATION_FAILED',
      '--profiles needs at least one profile name.',
      'e.g. --profiles staging-eu,staging-us, or the name of a saved group.',
      { field: 'profiles' },
    );
  if (names.length === 1 && !ctx.core.profiles.findByName(names[0])) {
    const group = await new ProfileGroups(ctx.core.dataDir, ctx.core.profiles).find(names[0]);
    if (group) return group.profileIds.map((id) => ctx.core.profiles.get(id));
  }
  return names.map((n) => ctx.core.profiles.getByName(n));
}

/** Collects what a command prints, so one profile's result becomes one entry of the report. */
function capture(base: Output, profile: string): Output & { data?: unknown; human?: string; failure?: ErrorData } {
  const box: Output & { data?: unknown; human?: string; failure?: ErrorData } = {
    json: base.json,
    result(data, human) {
      box.data = data;
      if (!base.json) box.human = human();
    },
    error(error) {
      box.failure = error;
      return exitCodeFor(error.code);
    },
    // Progress and warnings name their database: several run in one process.
    progress: (line) => base.progress(`${profile}: ${line}`),
    warn: (line) => base.warn(`${profile}: ${line}`),
  };
  return box;
}

/**
 * Runs one command on several databases as one fleet (CLI.md "Named schemas and several
 * databases"): one after another, each with its own connection and locks; a failure on one does
 * not stop the others unless `stopOnError`. The exit code is the worst of them.
 */
export async function runAcrossProfiles(
  ctx: CliContext,
  value: string,
  stopOnError: boolean,
  work: (ctx: CliContext) => Promise<number | void>,
): Promise<number> {
  const targets = await profilesOf(ctx, value);
  const confirmations = (ctx.opts.confirmDatabase ?? '').split(',').map((s) => s.trim());
  const runs: ProfileRun[] = [];
  const human: string[] = [];
  let stopped = false;
  for (const profile of targets) {
    const head = {
      profile: profile.name,
      environment: profile.environment,
      database: profile.database,
      host: profile.host,
    };
    if (stopped) {
      runs.push({ ...head, exitCode: -1, skipped: true });
      human.push(ct('profiles.fleet.section', { ...head, port: profile.port }), ct('profiles.fleet.skipped'));
      continue;
    }
    const out = capture(ctx.out, profile.name);
    // --confirm-database a,b: each production database is confirmed by its own name.
    const opts = {
      ...ctx.opts,
      profile: profile.name,
      profiles: undefined,
      url: undefined,
      confirmDatabase: confirmations.includes(profile.database) ? profile.database : undefined,
    };
    const one: CliContext = { ...ctx, opts, out, target: (other) => ctx.target(other ?? opts) };
    let exitCode: number;
    try {
      const code = await work(one);
      exitCode = typeof code === 'number' ? code : 0;
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e));
      exitCode = out.error(err.toData());
    }
    const data =
      out.data && typeof out.data === 'object' && !Array.isArray(out.data)
        ? out.data
        : out.data === undefined
          ? {}
          : { result: out.data };
    runs.push({ ...head, exitCode, ...(data as object), ...(out.failure ? { error: out.failure } : {}) });
    human.push(
      ct('profiles.fleet.section', { ...head, port: profile.port }),
      out.failure ? ct('out.error', { code: out.failure.code, message: out.failure.message }) : (out.human ?? ''),
    );
    if (exitCode !== 0 && stopOnError) stopped = true;
  }
  const ran = runs.filter((r) => r.exitCode >= 0);
  const exitCode = Math.max(0, ...ran.map((r) => r.exitCode));
  const report: AcrossProfilesReport = {
    profiles: runs,
    total: {
      profiles: runs.length,
      ok: ran.filter((r) => r.exitCode === 0).length,
      failed: ran.filter((r) => r.exitCode !== 0).length,
      notRun: runs.length - ran.length,
      exitCode,
    },
  };
  ctx.out.result(report, () => [...human, '', ct('profiles.fleet.total', report.total)].join('\n'));
  return exitCode;
}
