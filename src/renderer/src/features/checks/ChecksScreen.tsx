import { useEffect, useMemo } from 'react';
import { EXPORT_FORMATS } from '../../../../shared/model/checks';
import { ErrorBox } from '../../components/ErrorBox';
import { NeedsConnection } from '../../components/NeedsConnection';
import { ProgressBar } from '../../components/ProgressBar';
import { useT } from '../../i18n';
import { useChecks, type StatusFilter } from '../../stores/checks';
import { isRunning, useJobs } from '../../stores/jobs';
import { CellDetail } from './CellDetail';
import { downloadText } from '../../components/download';
import { FixPanel } from './FixPanel';
import { ReportMatrix } from './ReportMatrix';
import { MetricsTable } from './MetricsTable';
import { asErrorData, filterRows, reportMatrix, SEVERITY_KEY, visibleColumns } from './report-view';
import { RunHistory } from './RunHistory';
import './checks.css';

const FILTERS: StatusFilter[] = ['all', 'problems', 'fail', 'error', 'not_applicable', 'pass'];
const JOB_LABEL = { run: 'ck.job.run', preview: 'ck.job.preview', apply: 'ck.job.apply' } as const;

function ChecksView({ profileId }: { profileId: string }) {
  const s = useChecks();
  const { t: tr, fmt } = useT();
  const { load, jobEnded } = s;
  const jobs = useJobs((j) => j.jobs);
  const subscribe = useJobs((j) => j.subscribe);
  const cancel = useJobs((j) => j.cancel);
  const job = s.job ? jobs[s.job.id] : undefined;

  useEffect(() => subscribe(), [subscribe]);
  useEffect(() => void load(profileId), [profileId, load]);
  useEffect(() => {
    if (job && !isRunning(job)) void jobEnded(job.state, job.error ? asErrorData(job.error) : undefined);
  }, [job, jobEnded]);

  const rows = useMemo(
    () => (s.report ? filterRows(reportMatrix(s.report), s.report, s.filter) : []),
    [s.report, s.filter],
  );
  const columns = useMemo(() => (s.report ? visibleColumns(s.report, rows, s.filter) : []), [s.report, rows, s.filter]);
  const withMetrics = s.report?.checks.filter((c, i) => c.metrics?.length && columns.includes(i)) ?? [];
  const sideOpen = Boolean(s.cell || s.preview || s.applied);

  async function exportAs(format: (typeof EXPORT_FORMATS)[number]) {
    const file = await s.exportAs(format);
    if (file) downloadText(file.fileName, file.mime, file.content);
  }

  const t = s.report?.totals;
  return (
    <div className="screen ck-screen">
      <header className="screen-head">
        <h1>{tr('ck.title')}</h1>
        <div className="actions">
          <button className="primary" onClick={() => void s.run()} disabled={Boolean(s.job)} data-testid="run-checks">
            {s.chosen.length ? tr('ck.runChosen', { count: s.chosen.length }) : tr('ck.runAll')}
          </button>
          {s.report &&
            EXPORT_FORMATS.map((f) => (
              <button key={f} onClick={() => void exportAs(f)}>
                {tr('ck.export', { format: f.toUpperCase() })}
              </button>
            ))}
        </div>
      </header>

      <div className="ck-picker" role="group" aria-label={tr('ck.toRun')}>
        {s.checks.map((c) => (
          <label
            key={c.id}
            className={`ck-pick ${c.problem ? 'ck-broken' : ''}`}
            title={c.problem?.message ?? c.description}
          >
            <input type="checkbox" checked={s.chosen.includes(c.id)} onChange={() => s.toggleCheck(c.id)} />
            <span className="mono">{c.id}</span>{' '}
            <span className={`badge ck-sev-${c.severity}`}>{tr(SEVERITY_KEY[c.severity])}</span>
            {c.fix && <span className="badge">{tr('ck.fix')}</span>}
          </label>
        ))}
        {s.checks.length === 0 && <span className="muted">{tr('ck.noChecks')}</span>}
      </div>

      {s.job && (
        <div className="ck-job">
          <span>
            {tr(JOB_LABEL[s.job.purpose])} {job?.total ? `${fmt.number(job.done)}/${fmt.number(job.total)}` : ''}{' '}
            <span className="muted small mono">{job?.current}</span>
          </span>
          <ProgressBar done={job?.done ?? 0} total={job?.total ?? 0} label={tr(JOB_LABEL[s.job.purpose])} />
          <button onClick={() => void cancel(s.job!.id)}>{tr('common.cancel')}</button>
        </div>
      )}
      {s.error && <ErrorBox error={s.error} title={tr('ck.title')} />}

      {s.report && t && (
        <>
          <div
            className={`ck-summary ${s.report.passed ? 'ck-passed' : 'ck-failed'}`}
            data-testid="report-summary"
            data-passed={s.report.passed}
          >
            <strong>{s.report.passed ? tr('ck.passed') : tr('ck.failed')}</strong>
            <span>
              {tr('ck.totals', { pass: t.pass, fail: t.fail, error: t.error, na: t.not_applicable, rows: t.rows })}
            </span>
            <span className="muted small">
              {tr('ck.runInfo', { tenants: s.report.tenants.length, ms: s.report.durationMs })}{' '}
              <span className="mono">{s.report.id}</span>
            </span>
          </div>
          {s.report.skipped.length > 0 && (
            <p className="muted small">
              {tr('ck.skipped', {
                list: s.report.skipped
                  .map((k) => `${k.tenant} (${k.missing ? tr('ck.skippedMissing') : k.reason})`)
                  .join(', '),
              })}
            </p>
          )}
          <div className="ck-filters" role="group" aria-label={tr('ck.filterResults')}>
            {FILTERS.map((f) => (
              <button
                key={f}
                className={s.filter.status === f ? 'ck-chip on' : 'ck-chip'}
                aria-pressed={s.filter.status === f}
                onClick={() => s.setFilter({ status: f })}
              >
                {tr(`ck.filter.${f}`)}
              </button>
            ))}
            <select
              aria-label={tr('ck.filterCheck')}
              value={s.filter.check}
              onChange={(e) => s.setFilter({ check: e.target.value })}
            >
              <option value="">{tr('ck.everyCheck')}</option>
              {s.report.checks.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.id}
                </option>
              ))}
            </select>
            <input
              type="search"
              placeholder={tr('ck.searchTenant')}
              aria-label={tr('ck.searchTenant')}
              value={s.filter.text}
              onChange={(e) => s.setFilter({ text: e.target.value })}
            />
          </div>
          {!sideOpen && <p className="muted small">{tr('ck.chooseCell')}</p>}
          <div className={sideOpen ? 'ck-split' : 'ck-split ck-split-closed'}>
            <ReportMatrix report={s.report} rows={rows} columns={columns} />
            {sideOpen && (
              <aside className="ck-side">
                <FixPanel report={s.report} />
                {s.cell && <CellDetail report={s.report} tenant={s.cell.tenant} check={s.cell.check} />}
              </aside>
            )}
          </div>
          {withMetrics.map((c) => (
            <MetricsTable key={c.id} report={s.report!} check={c} rows={rows} />
          ))}
        </>
      )}
      {!s.report && !s.job && <p className="muted">{tr('ck.noRun')}</p>}
      <RunHistory />
    </div>
  );
}

export function ChecksScreen() {
  return <NeedsConnection>{(profileId) => <ChecksView profileId={profileId} />}</NeedsConnection>;
}
