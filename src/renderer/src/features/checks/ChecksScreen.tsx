import { useEffect, useMemo } from 'react';
import { EXPORT_FORMATS } from '../../../../shared/model/checks';
import { ErrorBox } from '../../components/ErrorBox';
import { NeedsConnection } from '../../components/NeedsConnection';
import { ProgressBar } from '../../components/ProgressBar';
import { useChecks, type StatusFilter } from '../../stores/checks';
import { isRunning, useJobs } from '../../stores/jobs';
import { CellDetail } from './CellDetail';
import { downloadText } from './download';
import { FixPanel } from './FixPanel';
import { ReportMatrix } from './ReportMatrix';
import { asErrorData, filterRows, plural, reportMatrix } from './report-view';
import { RunHistory } from './RunHistory';
import './checks.css';

const FILTERS: StatusFilter[] = ['all', 'problems', 'fail', 'error', 'not_applicable', 'pass'];
const JOB_LABEL = { run: 'Verifying', preview: 'Previewing the fix', apply: 'Applying the fix' } as const;

function ChecksView({ profileId }: { profileId: string }) {
  const s = useChecks();
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

  const rows = useMemo(() => (s.report ? filterRows(reportMatrix(s.report), s.report, s.filter) : []), [s.report, s.filter]);

  async function exportAs(format: (typeof EXPORT_FORMATS)[number]) {
    const file = await s.exportAs(format);
    if (file) downloadText(file.fileName, file.mime, file.content);
  }

  const t = s.report?.totals;
  return (
    <div className="screen ck-screen">
      <header className="screen-head">
        <h1>Verification</h1>
        <div className="actions">
          <button className="primary" onClick={() => void s.run()} disabled={Boolean(s.job)} data-testid="run-checks">
            {s.chosen.length ? `Run ${plural(s.chosen.length, 'check')}` : 'Run all checks'}
          </button>
          {s.report &&
            EXPORT_FORMATS.map((f) => (
              <button key={f} onClick={() => void exportAs(f)}>
                Export {f.toUpperCase()}
              </button>
            ))}
        </div>
      </header>

      <div className="ck-picker" role="group" aria-label="Checks to run">
        {s.checks.map((c) => (
          <label key={c.id} className={`ck-pick ${c.problem ? 'ck-broken' : ''}`} title={c.problem?.message ?? c.description}>
            <input type="checkbox" checked={s.chosen.includes(c.id)} onChange={() => s.toggleCheck(c.id)} />
            <span className="mono">{c.id}</span> <span className={`badge ck-sev-${c.severity}`}>{c.severity}</span>
            {c.fix && <span className="badge">fix</span>}
          </label>
        ))}
        {s.checks.length === 0 && <span className="muted">The project has no checks/ files.</span>}
      </div>

      {s.job && (
        <div className="ck-job">
          <span>
            {JOB_LABEL[s.job.purpose]} {job?.total ? `${job.done}/${job.total}` : ''} <span className="muted small mono">{job?.current}</span>
          </span>
          <ProgressBar done={job?.done ?? 0} total={job?.total ?? 0} label={JOB_LABEL[s.job.purpose]} />
          <button onClick={() => void cancel(s.job!.id)}>Cancel</button>
        </div>
      )}
      {s.error && <ErrorBox error={s.error} title="Verification" />}

      {s.report && t && (
        <>
          <div className={`ck-summary ${s.report.passed ? 'ck-passed' : 'ck-failed'}`} data-testid="report-summary" data-passed={s.report.passed}>
            <strong>{s.report.passed ? 'Passed' : 'Failed'}</strong>
            <span>
              {t.pass} pass · {t.fail} fail · {t.error} error · {t.not_applicable} not applicable · {t.rows} violating rows
            </span>
            <span className="muted small">
              {s.report.tenants.length} tenants · {s.report.durationMs} ms · run <span className="mono">{s.report.id}</span>
            </span>
          </div>
          {s.report.skipped.length > 0 && (
            <p className="muted small">Skipped: {s.report.skipped.map((k) => `${k.tenant} (${k.reason})`).join(', ')}</p>
          )}
          <div className="ck-filters" role="group" aria-label="Filter results">
            {FILTERS.map((f) => (
              <button key={f} className={s.filter.status === f ? 'ck-chip on' : 'ck-chip'} aria-pressed={s.filter.status === f} onClick={() => s.setFilter({ status: f })}>
                {f === 'not_applicable' ? 'n/a' : f}
              </button>
            ))}
            <select aria-label="Filter by check" value={s.filter.check} onChange={(e) => s.setFilter({ check: e.target.value })}>
              <option value="">every check</option>
              {s.report.checks.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.id}
                </option>
              ))}
            </select>
            <input type="search" placeholder="Search tenant" aria-label="Search tenant" value={s.filter.text} onChange={(e) => s.setFilter({ text: e.target.value })} />
          </div>
          <div className="ck-split">
            <ReportMatrix report={s.report} rows={rows} />
            <aside className="ck-side">
              <FixPanel report={s.report} />
              {s.cell && <CellDetail report={s.report} tenant={s.cell.tenant} check={s.cell.check} />}
              {!s.cell && !s.preview && !s.applied && <p className="muted">Choose a cell to see its violating rows.</p>}
            </aside>
          </div>
        </>
      )}
      {!s.report && !s.job && <p className="muted">No verification run yet for this profile. Run the checks to see every tenant's result.</p>}
      <RunHistory />
    </div>
  );
}

export function ChecksScreen() {
  return <NeedsConnection>{(profileId) => <ChecksView profileId={profileId} />}</NeedsConnection>;
}
