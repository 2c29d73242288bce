import type { CheckDefinition, CheckReport } from '../../../../shared/model/checks';
import { useT } from '../../i18n';
import { metricNumber, STATUS_KEY, type MatrixRow } from './report-view';

/**
 * The numbers a check reports per tenant (e.g. Students, Enrollments and their ratio), for the
 * rows the filters keep, and the fleet total over every tenant of the run.
 */
export function MetricsTable({
  report,
  check,
  rows,
}: {
  report: CheckReport;
  check: CheckDefinition;
  rows: MatrixRow[];
}) {
  const { t, lang } = useT();
  const metrics = check.metrics ?? [];
  const at = report.checks.findIndex((c) => c.id === check.id);
  const shown = rows.map((r) => ({ tenant: r.tenant, cell: r.cells[at] })).filter((r) => r.cell);
  const totals = report.metricTotals?.[check.id] ?? {};
  const counted = report.results.filter((r) => r.check === check.id && r.metrics).length;
  const num = new Intl.NumberFormat(lang, { maximumFractionDigits: 4 });
  const show = (v: string | null | undefined) => {
    const n = metricNumber(v);
    return n === null ? '–' : num.format(n);
  };
  const label = (m: (typeof metrics)[number]) => m.labels[lang] ?? m.labels.en;
  return (
    <section className="ck-metrics" aria-label={t('ck.metrics.title', { check: check.id })}>
      <h2>
        {t('ck.metrics.title', { check: check.id })} <span className="muted small">{check.description}</span>
      </h2>
      <div className="ck-metrics-wrap">
        <table className="grid" data-testid={`metrics-${check.id}`}>
          <thead>
            <tr>
              <th className="ck-frozen">{t('ck.tenant')}</th>
              {metrics.map((m) => (
                <th key={m.name} className="num">
                  {label(m)}
                </th>
              ))}
              <th>{t('ck.metrics.status')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ tenant, cell }) => (
              <tr key={tenant} data-tenant={tenant}>
                <th scope="row" className="ck-frozen mono">
                  {tenant}
                </th>
                {metrics.map((m) => (
                  <td key={m.name} className="num" data-testid={`metric-${tenant}-${m.name}`}>
                    {show(cell!.metrics?.[m.name])}
                  </td>
                ))}
                <td className={`ck-${cell!.status}`}>{t(STATUS_KEY[cell!.status], { count: cell!.count })}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid={`metrics-total-${check.id}`}>
              <th scope="row" className="ck-frozen">
                {t('ck.metrics.fleet', { count: counted })}
              </th>
              {metrics.map((m) => (
                <td key={m.name} className="num" data-testid={`metric-total-${m.name}`}>
                  <strong>{show(totals[m.name])}</strong>
                </td>
              ))}
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
