import type { FleetCounts } from '../../../../shared/model/fleet-counts';
import { useT } from '../../i18n';

/**
 * The fleet in the one vocabulary every screen, the CLI and the sandbox use: registered = with
 * schema + missing; orphans and the shared schema apart. The title explains each word.
 */
export function FleetCountsLine({ counts }: { counts: FleetCounts }) {
  const { t } = useT();
  const part = (
    key: keyof FleetCounts,
    label: 'tn.count.registered' | 'tn.count.withSchema' | 'tn.count.missing' | 'tn.count.orphan' | 'tn.count.shared',
  ) => <span data-count={key}>{t(label, { count: counts[key] })}</span>;
  return (
    <p className="muted small fleet-counts" data-testid="fleet-counts" title={t('tn.count.explain')}>
      {part('registered', 'tn.count.registered')} ({part('withSchema', 'tn.count.withSchema')},{' '}
      {part('missing', 'tn.count.missing')}) · {part('orphan', 'tn.count.orphan')} · {part('shared', 'tn.count.shared')}
    </p>
  );
}
