import type { CheckReport } from '../../../../shared/model/checks';
import { ErrorBox } from '../../components/ErrorBox';
import { useT } from '../../i18n';
import { useChecks } from '../../stores/checks';
import { asErrorData, STATUS_KEY } from './report-view';
import { RowsTable } from './RowsTable';

/** The violating rows of one tenant × check (the first ones, capped), its error or why it does not apply. */
export function CellDetail({ report, tenant, check }: { report: CheckReport; tenant: string; check: string }) {
  const { previewFix, job } = useChecks();
  const { t, fmt } = useT();
  const cell = report.results.find((r) => r.tenant === tenant && r.check === check);
  const def = report.checks.find((c) => c.id === check);
  if (!cell || !def) return null;
  return (
    <section className="ck-detail" aria-label={t('ck.violating')}>
      <h2>
        <span className="mono">{tenant}</span> · <span className="mono">{check}</span>
      </h2>
      <p className="muted small">{def.description}</p>
      <p>
        <span className={`badge ck-${cell.status}`}>{t(STATUS_KEY[cell.status], { count: cell.count })}</span>{' '}
        {cell.status === 'fail' && <strong>{t('ck.violatingCount', { count: cell.count })}</strong>}
        <span className="muted small"> · {fmt.number(cell.durationMs)} ms</span>
      </p>
      {cell.reason && <p className="muted">{t('ck.notApplicable', { reason: cell.reason })}</p>}
      {cell.error && <ErrorBox error={asErrorData(cell.error)} title={t('ck.couldNotRun')} />}
      {cell.rows.length > 0 && (
        <div className="ck-rows">
          <RowsTable columns={cell.columns} rows={cell.rows} label={t('ck.violatingTable')} />
          {cell.count > cell.rows.length && (
            <p className="muted small">{t('ck.firstOf', { shown: cell.rows.length, count: cell.count })}</p>
          )}
        </div>
      )}
      {def.fix && cell.status === 'fail' && (
        <div className="actions">
          <button
            onClick={() => void previewFix(check, def.scope === 'shared' ? undefined : [tenant])}
            disabled={Boolean(job)}
          >
            {t('ck.previewHere')}
          </button>
          <button onClick={() => void previewFix(check)} disabled={Boolean(job)}>
            {t('ck.previewAll')}
          </button>
        </div>
      )}
    </section>
  );
}
