import { useEffect, useMemo, useState } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { NeedsConnection } from '../../components/NeedsConnection';
import { envLabel, useT } from '../../i18n';
import { useChecklists } from '../../stores/checklists';
import { useJobs } from '../../stores/jobs';
import { useProfiles } from '../../stores/profiles';
import { downloadText } from '../../components/download';
import { useIntent } from '../../stores/intent';
import { ContinueReview } from './ContinueReview';
import { RunbookReview, type RunbookInfo } from './RunbookReview';
import { StepCard } from './StepCard';
import './checklists.css';

function RunPanel() {
  const { run, jobId, error, tick, skip, retry, advance, rollback, jobEnded, report, runbooks, confirmed } =
    useChecklists();
  const job = useJobs((s) => (jobId ? s.jobs[jobId] : undefined));
  const profile = useProfiles((s) => s.profiles.find((p) => p.id === run?.profileId));
  const [reviewing, setReviewing] = useState<'continue' | 'rollback'>();
  const { t } = useT();
  useEffect(() => {
    if (job && job.state !== 'queued' && job.state !== 'running') void jobEnded();
  }, [job, job?.state, jobEnded]);
  if (!run) return <p className="muted">{t('cl.choose')}</p>;
  const busy = Boolean(jobId);
  const current = run.steps.find((s) => s.state !== 'succeeded' && s.state !== 'skipped');
  // A run confirmed in its review goes on without asking again; one reopened later on production is reviewed once more.
  const needsReview = run.environment === 'production' && !confirmed[run.id];
  const rollbackBook: RunbookInfo | undefined = run.rollback
    ? (runbooks?.runbooks.find((r) => r.id === run.rollback) ?? {
        id: run.rollback,
        path: '',
        title: run.rollback,
        environments: [run.environment],
        steps: [],
      })
    : undefined;
  const download = async (format: 'md' | 'html') => {
    const r = await report(format);
    downloadText(r.fileName, r.mime, r.content);
  };
  return (
    <section className="run" aria-label={t('cl.run', { id: run.id })}>
      <header className="run-head">
        <div>
          <h2>{run.title}</h2>
          <div className="muted small">
            {t('cl.runInfo', {
              profile: run.profileName,
              env: envLabel(t, run.environment),
              id: run.id,
              who: run.startedBy,
            })}
          </div>
        </div>
        <span className={`run-state state-${run.state}`} data-testid="run-state">
          {t(`cl.state.${run.state}`)}
        </span>
      </header>
      {run.gates
        .filter((g) => !g.ok)
        .map((g) => (
          <div key={g.gate} className="gate-blocked" role="status">
            {g.message}
          </div>
        ))}
      {error && <ErrorBox error={error} />}
      <ol className="stepper">
        {run.steps.map((s, i) => (
          <StepCard
            key={s.id}
            index={i}
            step={s}
            current={s === current}
            job={s.state === 'running' ? job : undefined}
            busy={busy}
            onTick={(note) => void tick(s.id, note)}
            onSkip={(reason) => void skip(s.id, reason)}
            onRetry={() => void retry(s.id)}
          />
        ))}
      </ol>
      <div className="actions">
        {(run.state === 'blocked' || run.state === 'running') && (
          <button onClick={() => (needsReview ? setReviewing('continue') : void advance())} disabled={busy}>
            {run.state === 'blocked' ? t('cl.checkGates') : t('cl.continue')}
          </button>
        )}
        {run.state === 'failed' && run.rollback && (
          <button className="danger" disabled={busy} onClick={() => setReviewing('rollback')}>
            {t('cl.rollback')}
          </button>
        )}
        <button onClick={() => void download('md')}>{t('cl.reportMd')}</button>
        <button onClick={() => void download('html')}>{t('cl.reportHtml')}</button>
      </div>
      {profile?.environment !== run.environment && profile && (
        <p className="muted small">{t('cl.retagged', { env: envLabel(t, profile.environment) })}</p>
      )}
      {reviewing === 'rollback' && rollbackBook && (
        <RunbookReview
          profileId={run.profileId}
          runbook={rollbackBook}
          rollback
          onConfirm={rollback}
          onClose={() => setReviewing(undefined)}
        />
      )}
      {reviewing === 'continue' && (
        <ContinueReview
          run={run}
          onClose={() => setReviewing(undefined)}
          onConfirm={(db) => {
            if (db) useChecklists.setState({ confirmed: { ...confirmed, [run.id]: db } });
            setReviewing(undefined);
            void advance(db);
          }}
        />
      )}
    </section>
  );
}

export function ChecklistsScreen() {
  return <NeedsConnection>{(profileId) => <Checklists profileId={profileId} />}</NeedsConnection>;
}

function Checklists({ profileId }: { profileId: string }) {
  const { runbooks, runs, load, start, open, error, run } = useChecklists();
  const profile = useProfiles((s) => s.profiles.find((p) => p.id === profileId));
  const [reviewing, setReviewing] = useState<RunbookInfo>();
  const intent = useIntent((s) => s.intent);
  const { t, fmt } = useT();
  useEffect(() => void load(profileId), [load, profileId]);
  const usable = useMemo(
    () => runbooks?.runbooks.filter((r) => profile && r.environments.includes(profile.environment)) ?? [],
    [runbooks, profile],
  );
  // The palette's "start runbook" lands here, on that runbook's preview (or the only one there is).
  useEffect(() => {
    if (intent?.kind !== 'runbook' || !runbooks || !profile) return;
    const wanted = useIntent.getState().take(['runbook']);
    const chosen = usable.find((r) => r.id === wanted?.runbook) ?? (usable.length === 1 ? usable[0] : undefined);
    if (chosen) setReviewing(chosen);
  }, [intent, runbooks, profile, usable]);
  return (
    <div className="screen checklists-screen">
      <header className="screen-head">
        <h1>{t('cl.title')}</h1>
      </header>
      {!run && error && <ErrorBox error={error} />}
      <div className="split">
        <aside>
          <h2>{t('cl.runbooks')}</h2>
          <ul className="plain">
            {usable.map((r) => (
              <li key={r.id}>
                <button className="runbook" aria-haspopup="dialog" onClick={() => setReviewing(r)}>
                  <strong>{r.title}</strong>
                  <span className="muted small">
                    {t('cl.runbookInfo', {
                      id: r.id,
                      steps: r.steps.length,
                      envs: r.environments.map((e) => envLabel(t, e)).join(', '),
                    })}
                  </span>
                </button>
              </li>
            ))}
            {runbooks && usable.length === 0 && (
              <li className="muted">{t('cl.noRunbook', { env: profile ? envLabel(t, profile.environment) : '' })}</li>
            )}
          </ul>
          {runbooks?.errors.map((e) => (
            <ErrorBox key={e.file} error={{ code: 'RUNBOOK_INVALID', message: e.message }} title={t('cl.invalid')} />
          ))}
          <h2>{t('cl.runs')}</h2>
          <ul className="plain">
            {runs.map((r) => (
              <li key={r.id}>
                <button className={`run-link ${run?.id === r.id ? 'selected' : ''}`} onClick={() => void open(r.id)}>
                  <span className={`dot state-${r.state}`} /> {r.title}{' '}
                  <span className="muted small">
                    {r.runbookId} · {fmt.date(r.createdAt)} · {t(`cl.state.${r.state}`)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </aside>
        <div className="detail">
          <RunPanel />
        </div>
      </div>
      {reviewing && (
        <RunbookReview
          profileId={profileId}
          runbook={reviewing}
          onConfirm={(db) => start(profileId, reviewing.id, db)}
          onClose={() => setReviewing(undefined)}
        />
      )}
    </div>
  );
}
