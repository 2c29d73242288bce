import type { MigrationRun } from '../../../../shared/model/migrations';
import { useT } from '../../i18n';

/** What a run did: counts, then every failed tenant with the migration and statement that failed. */
export function RunReport({ run }: { run: MigrationRun }) {
  const count = (s: string) => run.results.filter((r) => r.state === s).length;
  const ok = count(run.kind === 'dry-run' ? 'dry-run-ok' : run.kind === 'rollback' ? 'rolled-back' : 'applied');
  const failed = run.results.filter((r) => r.state === 'failed');
  const notDry = [...new Set(run.results.flatMap((r) => r.notDryRunnable ?? []))];
  const { t } = useT();
  return (
    <div className="run-report" aria-label={t('mg.report')} data-failed={failed.length}>
      <p>
        {t(run.kind === 'dry-run' ? 'mg.kind.dry-run' : run.kind === 'rollback' ? 'mg.kind.rollback' : 'mg.kind.apply')}
        :{' '}
        {t('mg.reportLine', {
          ok,
          total: run.total,
          failed: failed.length,
          skipped: count('skipped'),
          cancelled: count('cancelled'),
          parallel: run.parallel,
          ms: run.durationMs,
        })}
        {run.backupId && t('mg.backup', { id: run.backupId })}
      </p>
      {run.cancelled && <p className="muted">{t('mg.cancelled')}</p>}
      {notDry.length > 0 && <p className="muted small">{t('mg.notDry', { list: notDry.join(', ') })}</p>}
      {failed.length > 0 && (
        <table className="grid small">
          <thead>
            <tr>
              <th>{t('mg.col.tenant')}</th>
              <th>{t('mg.col.migration')}</th>
              <th>{t('mg.col.error')}</th>
              <th>{t('mg.col.statement')}</th>
            </tr>
          </thead>
          <tbody>
            {failed.map((r) => (
              <tr key={r.schema}>
                <td className="mono">{r.schema}</td>
                <td className="mono">{r.failedMigration}</td>
                <td>
                  <code>{r.error?.code}</code> {r.error?.message}
                </td>
                <td className="mono">{r.statement}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
