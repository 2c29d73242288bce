import { AppError } from '../../../shared/errors';
import type { Profile } from '../../../shared/model/profile';
import { profileFields } from '../audit/audit-log';
import type { CoreDeps } from '../core-deps';
import { requireProductionConfirmation } from '../safety';

/**
 * Cancels a session's statement (pg_cancel_backend) or ends the session (pg_terminate_backend),
 * audited like every change. On production the database name must be typed.
 */
export async function cancelQuery(
  deps: Pick<CoreDeps, 'pools' | 'audit'>,
  profile: Profile,
  input: { pid: number; terminate: boolean; confirmDatabase?: string },
): Promise<{ pid: number; action: 'cancel' | 'terminate'; signalled: boolean }> {
  const action = input.terminate ? 'terminate' : 'cancel';
  const base = {
    action: `monitor.${action}Query`,
    ...profileFields(profile),
    target: `pid ${input.pid}`,
    params: { pid: input.pid },
  };
  try {
    requireProductionConfirmation(
      profile,
      input.confirmDatabase,
      `${input.terminate ? 'Terminating' : 'Cancelling'} session ${input.pid}`,
    );
  } catch (e) {
    await deps.audit.record({ ...base, result: 'refused', error: (e as Error).message });
    throw e;
  }
  return deps.audit.around(base, () =>
    deps.pools.withClient(profile, async (client) => {
      const { rows: own } = await client.query<{ me: number }>('SELECT pg_backend_pid() AS me');
      if (own[0]?.me === input.pid)
        throw new AppError('VALIDATION_FAILED', 'That is the monitor’s own session.', 'Choose another session.', {
          field: 'pid',
        });
      const { rows: found } = await client.query<{ datname: string | null; here: string }>(
        'SELECT datname, current_database() AS here FROM pg_stat_activity WHERE pid = $1',
        [input.pid],
      );
      if (!found.length)
        throw new AppError(
          'VALIDATION_FAILED',
          `No session with pid ${input.pid} is running on this server.`,
          'Refresh the monitor: the query may have ended.',
          { field: 'pid' },
        );
      // The profile is one database; other databases on the same server are not its to stop.
      const { datname, here } = found[0];
      if (datname !== here) {
        throw new AppError(
          'SESSION_NOT_IN_DATABASE',
          `Session ${input.pid} is ${datname ? `connected to database "${datname}"` : 'not connected to a database'}, not to "${here}" of profile "${profile.name}"; nothing was signalled.`,
          `Only sessions of "${here}" can be stopped from this profile; use a profile of that database.`,
          { field: 'pid' },
        );
      }
      const fn = input.terminate ? 'pg_terminate_backend' : 'pg_cancel_backend';
      try {
        // Same condition in the signalling statement: a pid reused meanwhile by another database's session is left alone.
        const { rows } = await client.query<{ ok: boolean }>(
          `SELECT ${fn}(pid) AS ok FROM pg_stat_activity WHERE pid = $1 AND datname = current_database()`,
          [input.pid],
        );
        return { pid: input.pid, action, signalled: rows[0]?.ok === true };
      } catch (e) {
        if ((e as { code?: string }).code === '42501') {
          throw new AppError(
            'INSUFFICIENT_PRIVILEGE',
            `Role "${profile.user}" may not ${action} session ${input.pid}: ${(e as Error).message}`,
            'Only a superuser, the session’s own role, or a member of pg_signal_backend may do this.',
            { sqlstate: '42501' },
          );
        }
        throw e;
      }
    }),
  );
}
