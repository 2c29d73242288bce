import type { Input, Method, Output as MethodOutput } from '../../shared/contract';
import type { Profile } from '../../shared/model/profile';
import { dataOf } from '../core/api';
import { createCore, type Core } from '../core/create-core';
import { resolveTarget } from './connection-target';
import type { GlobalOptions } from './global-options';
import { parseLockWait } from './lock-wait';
import { ct } from './cli-messages';
import { createOutput, type Output } from './output';
import { promptForPasswordIfNeeded } from './password-prompt';

export interface CliContext {
  core: Core;
  out: Output;
  opts: GlobalOptions;
  /** The profile the command works on: --profile, --url or the PG* variables (CLI.md). */
  target(opts?: GlobalOptions, how?: { connect?: boolean }): Promise<Profile>;
  /** Calls the api and returns its data, or throws the envelope's error as an AppError. */
  call<M extends Method>(method: M, input: Input<M>): Promise<MethodOutput<M>>;
}

export async function createCliContext(opts: GlobalOptions): Promise<CliContext> {
  const core = await createCore({ mode: 'cli', lockWaitSeconds: parseLockWait(opts.lockWait) });
  const out = createOutput(Boolean(opts.json));
  for (const notice of core.profiles.notices) out.warn(`${notice.message}${notice.hint ? ` (${notice.hint})` : ''}`);
  return {
    core,
    out,
    opts,
    async target(other, how = {}) {
      const profile = await resolveTarget(core, other ?? opts);
      if (how.connect === false) return profile;
      await promptForPasswordIfNeeded(core, profile);
      // A command that connects settles what killed processes left; one that needs no connection never does (CLI.md).
      for (const r of await core.recoverLeftovers())
        out.warn(
          ct('recovery.report', {
            schema: r.targetSchema,
            step: r.step,
            outcome: ct(`recovery.outcome.${r.outcome}`, { error: r.error ?? '' }),
          }),
        );
      return profile;
    },
    async call(method, input) {
      return dataOf(await core.api.call(method, input)) as MethodOutput<typeof method>;
    },
  };
}
