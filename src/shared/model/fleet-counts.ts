/**
 * The one vocabulary of fleet counts, used by every screen, the CLI and the sandbox log:
 * - registered: registry rows (the shared `public` row excluded) = with schema + missing;
 * - with schema: registered tenants whose schema exists (the ones fleet-wide commands work on);
 * - missing: registered, but the schema does not exist;
 * - orphan: a schema that looks like a tenant but has no registry row (outside fleet commands);
 * - shared: the shared schema (`public`), never a tenant.
 */
export interface FleetCounts {
  registered: number;
  withSchema: number;
  missing: number;
  orphan: number;
  shared: number;
  suspended: number;
}

export function countFleet(rows: ReadonlyArray<{ status?: string; shared?: boolean }>): FleetCounts {
  const c: FleetCounts = { registered: 0, withSchema: 0, missing: 0, orphan: 0, shared: 0, suspended: 0 };
  for (const r of rows) {
    if (r.shared) c.shared++;
    else if (r.status === 'orphan') c.orphan++;
    else {
      c.registered++;
      if (r.status === 'missing') c.missing++;
      else c.withSchema++;
      if (r.status === 'suspended') c.suspended++;
    }
  }
  return c;
}

/** Every row the tenant list shows: registered + orphan + shared. */
export const listedRows = (c: FleetCounts): number => c.registered + c.orphan + c.shared;
