import type { FleetCounts } from '../../shared/model/fleet-counts';
import { ct } from './cli-messages';

/** "26 registered (25 with schema, 1 missing) · 1 orphan · 1 shared": the words every screen uses. */
export const countsLine = (c: FleetCounts): string =>
  ct('counts.line', {
    registered: c.registered,
    withSchema: c.withSchema,
    missing: c.missing,
    orphan: c.orphan,
    shared: c.shared,
  });
