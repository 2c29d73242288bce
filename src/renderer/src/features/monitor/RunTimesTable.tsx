import type { SchemaRunTime } from '../../../../shared/model/monitor';
import { useT } from '../../i18n';

/** How long migrations took per schema (the newest ledger rows): named schemas, public and tenants alike. */
export function RunTimesTable({ runTimes }: { runTimes: SchemaRunTime[] }) {
  const { t } = useT();
  const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 0)} s`;
  return (
    <section aria-label={t('mon.runTimes')}>
      <h2>{t('mon.runTimes')}</h2>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{t('mon.runTimes.schema')}</th>
            <th scope="col">{t('mon.runTimes.count')}</th>
            <th scope="col">{t('mon.runTimes.total')}</th>
            <th scope="col">{t('mon.runTimes.slowest')}</th>
          </tr>
        </thead>
        <tbody>
          {runTimes.slice(0, 20).map((r) => (
            <tr key={r.schema}>
              <td>{r.schema}</td>
              <td>{r.migrations}</td>
              <td>{seconds(r.totalMs)}</td>
              <td>
                {r.slowest} · {seconds(r.slowestMs)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
