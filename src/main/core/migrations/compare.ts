import type { MigrationStatus, ProfileComparison } from '../../../shared/model/migrations';

function appliedCounts(status: MigrationStatus): { counts: Map<string, number>; tenants: number; shared: number } {
  const counts = new Map<string, number>();
  const present = status.tenants.filter((t) => t.status !== 'missing');
  for (const row of present)
    for (const name of row.applied)
      counts.set(
        `${row.shared ? 'shared' : 'tenant'}:${name}`,
        (counts.get(`${row.shared ? 'shared' : 'tenant'}:${name}`) ?? 0) + 1,
      );
  return { counts, tenants: present.filter((t) => !t.shared).length, shared: present.filter((t) => t.shared).length };
}

/** What ran on one profile and not on the other (e.g. staging vs production), from two status matrices. */
export function compareStatuses(
  left: MigrationStatus & { name: string },
  right: MigrationStatus & { name: string },
): ProfileComparison {
  const l = appliedCounts(left);
  const r = appliedCounts(right);
  const keys: string[] = [];
  for (const scope of ['shared', 'tenant'] as const) {
    const names = [
      ...(scope === 'shared' ? left.sharedMigrations : left.migrations),
      ...(scope === 'shared' ? right.sharedMigrations : right.migrations),
    ];
    for (const key of [...l.counts.keys(), ...r.counts.keys()])
      if (key.startsWith(`${scope}:`)) names.push(key.slice(scope.length + 1));
    for (const n of [...new Set(names)].sort()) keys.push(`${scope}:${n}`);
  }
  const migrations = keys.map((key) => {
    const [scope, ...rest] = key.split(':');
    return {
      name: rest.join(':'),
      scope: scope as 'shared' | 'tenant',
      leftApplied: l.counts.get(key) ?? 0,
      rightApplied: r.counts.get(key) ?? 0,
    };
  });
  const total = (side: typeof l, scope: string) => (scope === 'shared' ? side.shared : side.tenants);
  const fully = (side: typeof l, m: (typeof migrations)[number], n: number) =>
    total(side, m.scope) > 0 && n === total(side, m.scope);
  return {
    left: { profileId: left.profileId, name: left.name, tenants: l.tenants },
    right: { profileId: right.profileId, name: right.name, tenants: r.tenants },
    migrations,
    onlyLeft: migrations.filter((m) => fully(l, m, m.leftApplied) && !fully(r, m, m.rightApplied)).map((m) => m.name),
    onlyRight: migrations.filter((m) => fully(r, m, m.rightApplied) && !fully(l, m, m.leftApplied)).map((m) => m.name),
  };
}
