import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/contract';
import type { ErrorData } from '../../../../shared/errors';
import { api } from '../../api/client';
import { toErrorData } from '../../stores/app';

type Part<T> = { value?: T; error?: ErrorData };

export interface FleetHealthData {
  tenants: Part<Output<'tenants.list'>>;
  status: Part<Output<'migrations.status'>>;
  backups: Part<Output<'backups.list'>>;
  runs: Part<Output<'checks.runs'>>;
}

async function part<T>(work: Promise<T>): Promise<Part<T>> {
  try {
    return { value: await work };
  } catch (e) {
    return { error: toErrorData(e) };
  }
}

/** What the overview needs, read in parallel; each part fails on its own (no project: no migration status, the rest still shows). */
export function useFleetHealth(profileId: string | undefined, refresh: number): FleetHealthData | undefined {
  const [data, setData] = useState<FleetHealthData>();
  useEffect(() => {
    if (!profileId) return;
    let live = true;
    setData(undefined);
    void Promise.all([
      part(api().invoke('tenants.list', { profileId })),
      part(api().invoke('migrations.status', { profileId })),
      part(api().invoke('backups.list', { profileId })),
      part(api().invoke('checks.runs', { profileId, limit: 1 })),
    ]).then(([tenants, status, backups, runs]) => {
      if (live) setData({ tenants, status, backups, runs });
    });
    return () => {
      live = false;
    };
  }, [profileId, refresh]);
  return data;
}
