import { useState } from 'react';
import type { StepRun } from '../../../../shared/model/checklists';
import { ProgressBar } from '../../components/ProgressBar';
import { useT, type T } from '../../i18n';
import type { JobView } from '../../stores/jobs';

const ICON: Record<StepRun['state'], string> = {
  pending: '○',
  running: '◐',
  waiting: '◔',
  succeeded: '✔',
  failed: '✖',
  skipped: '⤼',
};

function evidenceSummary(step: StepRun, t: T): string[] {
  const e = step.evidence ?? {};
  const out: string[] = [];
  if (e.backupId) out.push(t('cl.ev.backup', { id: String(e.backupId) }));
  if (typeof e.applied === 'number') out.push(t('cl.ev.applied', { applied: e.applied, tenants: String(e.tenants) }));
  if (e.totals) {
    const n = e.totals as Record<string, number>;
    out.push(t('cl.ev.totals', { pass: n.pass, fail: n.fail, error: n.error, na: n.not_applicable }));
  }
  if (Array.isArray(e.fixes) && e.fixes.length)
    out.push(
      t('cl.ev.fixed', {
        list: (e.fixes as { check: string; rows: number }[])
          .map((f) => t('cl.ev.fixRows', { check: f.check, rows: f.rows }))
          .join(', '),
      }),
    );
  if ('value' in e) out.push(t('cl.ev.value', { value: JSON.stringify(e.value) }));
  if ('exitCode' in e) out.push(t('cl.ev.exit', { code: String(e.exitCode) }));
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
  const { t, fmt } = useT();
  return (
    <li
      className={`step step-${step.state} ${current ? 'current' : ''}`}
      aria-current={current ? 'step' : undefined}
      data-testid={`step-${step.id}`}
    >
      <div className="step-icon" aria-hidden>
        {ICON[step.state]}
      </div>
      <div className="step-body">
        <div className="step-head">
          <strong>
            {index + 1}. {step.title}
          </strong>
          <span className="badge">{step.kind}</span>
          <span className={`step-state state-${step.state}`}>{t(`cl.state.${step.state}`)}</span>
          {step.durationMs !== undefined && (
            <span className="muted small">{fmt.number(Math.round(step.durationMs / 100) / 10)} s</span>
          )}
        </div>
        {step.explain && <p className="muted small">{step.explain}</p>}
        {step.gates
          .filter((g) => !g.ok)
          .map((g) => (
            <p key={g.gate} className="gate-blocked">
              {g.message}
            </p>
          ))}
        {step.state === 'running' && job && (
          <ProgressBar done={job.done} total={job.total} label={t('cl.stepProgress', { step: step.title })} />
        )}
        {evidenceSummary(step, t).map((line) => (
          <div key={line} className="evidence">
            {line}
          </div>
        ))}
        {step.by && (
          <div className="muted small">
            {step.state === 'skipped' ? t('cl.skippedBy', { who: step.by }) : t('cl.doneBy', { who: step.by })}
            {step.note ? ` — “${step.note}”` : ''}
            {step.skipReason ? ` — ${step.skipReason}` : ''}
          </div>
        )}
        {step.error && (
          <div className="error-box" role="alert">
            <div className="error-title">
              {t('cl.stepFailed')} <code>{step.error.code}</code>
            </div>
            <div className="error-message">{step.error.message}</div>
            {step.error.hint && <div className="error-hint">{step.error.hint}</div>}
          </div>
        )}
        {step.output.length > 0 && (
          <button className="ghost small" onClick={() => setShowOutput(!showOutput)}>
            {showOutput ? t('cl.hideOutput') : t('cl.output', { count: step.output.length })}
          </button>
        )}
        {showOutput && <pre className="step-output">{step.output.join('\n')}</pre>}
        {current && step.kind === 'manual' && (step.state === 'waiting' || step.state === 'pending') && (
          <div className="manual">
            <label className="field">
              <span>{t('cl.notes')}</span>
              <textarea
                value={note}
                onChange={(e) => setNote(e.target.value)}
                rows={2}
                aria-label={t('cl.notesFor', { step: step.title })}
              />
            </label>
            <button className="primary" disabled={busy} onClick={() => onTick(note || undefined)}>
              {t('cl.markDone')}
            </button>
          </div>
        )}
        {step.state === 'failed' && (
          <div className="actions">
            <button disabled={busy} onClick={onRetry}>
              {t('cl.retry')}
            </button>
          </div>
        )}
        {current && step.state !== 'succeeded' && step.state !== 'skipped' && step.state !== 'running' && (
          <div className="actions">
            {skipping ? (
              <>
                <input
                  aria-label={t('cl.skipReason')}
                  placeholder={t('cl.skipPlaceholder')}
                  value={skipReason}
                  onChange={(e) => setSkipReason(e.target.value)}
                />
                <button disabled={busy || skipReason.trim().length < 3} onClick={() => onSkip(skipReason)}>
                  {t('cl.skipWith')}
                </button>
              </>
            ) : (
              <button className="ghost" onClick={() => setSkipping(true)}>
                {t('cl.skip')}
              </button>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
