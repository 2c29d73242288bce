import type { monitorContract } from '../../../shared/contracts/monitor';
import { AppError } from '../../../shared/errors';
import { monitorThresholdsSchema } from '../../../shared/model/monitor';
import type { AreaHandlers } from '../api';
import { profileFields } from '../audit/audit-log';
import type { CoreDeps } from '../core-deps';
import { acceptHostKey } from '../db/ssh-tunnel';
import { cancelQuery } from './cancel-query';
import { takeSnapshot } from './take-snapshot';

/** The monitor area's calls, implemented over the core's shared services. */
export function createMonitorHandlers(deps: CoreDeps): AreaHandlers<typeof monitorContract> {
  return {
    'monitor.snapshot': async ({ profileId, thresholds }) =>
      takeSnapshot(deps, deps.profiles.get(profileId), monitorThresholdsSchema.parse(thresholds ?? {})),
    'monitor.cancelQuery': async ({ profileId, pid, terminate, confirmDatabase }) =>
      cancelQuery(deps, deps.profiles.get(profileId), { pid, terminate, confirmDatabase }),
    'ssh.acceptHostKey': async ({ profileId, fingerprint }) => {
      const profile = deps.profiles.get(profileId);
      if (!profile.ssh)
        throw new AppError(
          'VALIDATION_FAILED',
          `Profile "${profile.name}" has no SSH tunnel.`,
          'Set the SSH host in the profile first.',
          { field: 'ssh' },
        );
      const ssh = profile.ssh;
      const { knownHostsFile } = await deps.audit.around(
        {
          action: 'ssh.acceptHostKey',
          ...profileFields(profile),
          target: `${ssh.host}:${ssh.port}`,
          params: { fingerprint },
        },
        () => acceptHostKey(ssh, fingerprint),
      );
      await deps.pools.close(profile.id);
      return { host: ssh.host, port: ssh.port, fingerprint, knownHostsFile };
    },
  };
}
