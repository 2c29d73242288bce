import { useState } from 'react';
import type { StepRun } from '../../../../shared/model/checklists';
import { ProgressBar } from '../../components/ProgressBar';
import type { JobView } from '../../stores/jobs';

const ICON: Record<StepRun['state'], string> = { pending: '○', running: '◐', waiting: '◔', succeeded: '✔', failed: '✖', skipped: '⤼' };

function evidenceSummary(step: StepRun): string[] {
  const e = step.evidence ?? {};
  const out: string[] = [];
  if (e.backupId) out.push(`backup ${String(e.backupId)}`);
  if (typeof e.applied === 'number') out.push(`applied in ${e.applied} of ${String(e.tenants)} tenants`);
  if (e.totals) {
    const t = e.totals as Record<string, number>;
    out.push(`${t.pass} pass · ${t.fail} fail · ${t.error} error · ${t.not_applicable} n/a`);
  }
  if (Array.isArray(e.fixes) && e.fixes.length) out.push(`fixed: ${(e.fixes as { check: string; rows: number }[]).map((f) => `${f.check} (${f.rows} rows)`).join(', ')}`);
  if ('value' in e) out.push(`value ${JSON.stringify(e.value)}`);
  if ('exitCode' in e) out.push(`exit code ${String(e.exitCode)}`);
  return out;
}

interface Props {
  index: number;
  step: StepRun;
  current: boolean;
  job?: JobView;
  busy: boolean;
  onTick(note?: string): void;
  onSkip(reason: string): void;
  onRetry(): void;
}

/** One step of the runbook: state, explanation, live progress, evidence, and what the user can do now. */
export function StepCard({ index, step, current, job, busy, onTick, onSkip, onRetry }: Props) {
  const [note, setNote] = useState('');
  const [skipReason, setSkipReason] = useState('');
  const [skipping, setSkipping] = useState(false);
  const [showOutput, setShowOutput] = useState(false);
  return (
    <li className={`step step-${step.state} ${current ? 'current' : ''}`} aria-current={current ? 'step' : undefined} data-testid={`step-${step.id}`}>
      <div className="step-icon" aria-hidden>
        {ICON[step.state]}
      </div>
      <div className="step-body">
        <div className="step-head">
          <strong>
            {index + 1}. {step.title}
          </strong>
          <span className="badge">{step.kind}</span>
          <span className={`step-state state-${step.state}`}>{step.state}</span>
          {step.durationMs !== undefined && <span className="muted small">{(step.durationMs / 1000).toFixed(1)} s</span>}
        </div>
        {step.explain && <p className="muted small">{step.explain}</p>}
        {step.gates.filter((g) => !g.ok).map((g) => (
          <p key={g.gate} className="gate-blocked">
            {g.message}
          </p>
        ))}
        {step.state === 'running' && job && <ProgressBar done={job.done} total={job.total} label={`${step.title} progress`} />}
        {evidenceSummary(step).map((line) => (
          <div key={line} className="evidence">
            {line}
          </div>
        ))}
        {step.by && (
          <div className="muted small">
            {step.state === 'skipped' ? 'skipped' : 'done'} by {step.by}
            {step.note ? ` — “${step.note}”` : ''}
            {step.skipReason ? ` — ${step.skipReason}` : ''}
          </div>
        )}
        {step.error && (
          <div className="error-box" role="alert">
            <div className="error-title">
              Step failed <code>{step.error.code}</code>
            </div>
            <div className="error-message">{step.error.message}</div>
            {step.error.hint && <div className="error-hint">{step.error.hint}</div>}
          </div>
        )}
        {step.output.length > 0 && (
          <button className="ghost small" onClick={() => setShowOutput(!showOutput)}>
            {showOutput ? 'Hide output' : `Output (${step.output.length} lines)`}
          </button>
        )}
        {showOutput && <pre className="step-output">{step.output.join('\n')}</pre>}
        {current && step.kind === 'manual' && (step.state === 'waiting' || step.state === 'pending') && (
          <div className="manual">
            <label className="field">
              <span>Notes (what you checked)</span>
              <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} aria-label={`Notes for ${step.title}`} />
            </label>
            <button className="primary" disabled={busy} onClick={() => onTick(note || undefined)}>
              Mark done
            </button>
          </div>
        )}
        {step.state === 'failed' && (
          <div className="actions">
            <button disabled={busy} onClick={onRetry}>
              Retry step
            </button>
          </div>
        )}
        {current && step.state !== 'succeeded' && step.state !== 'skipped' && step.state !== 'running' && (
          <div className="actions">
            {skipping ? (
              <>
                <input aria-label="Reason to skip" placeholder="Why is this step skipped?" value={skipReason} onChange={(e) => setSkipReason(e.target.value)} />
                <button disabled={busy || skipReason.trim().length < 3} onClick={() => onSkip(skipReason)}>
                  Skip with this reason
                </button>
              </>
            ) : (
              <button className="ghost" onClick={() => setSkipping(true)}>
                Skip…
              </button>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
