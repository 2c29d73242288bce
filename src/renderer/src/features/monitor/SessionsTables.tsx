import { useState } from 'react';
import type { ProfileView } from '../../../../shared/model/profile';
import type { MonitorSnapshot } from '../../stores/monitor';
import { useT } from '../../i18n';
import { useMonitor } from '../../stores/monitor';
import { formatDuration } from './format';

type Pending = { pid: number; terminate: boolean };

/** The confirmation a cancel or terminate needs; on production, the typed database name too. */
function ConfirmSignal({ pending, profile, onDone }: { pending: Pending; profile: ProfileView; onDone: () => void }) {
  const signal = useMonitor((s) => s.signal);
  const [typed, setTyped] = useState('');
  const production = profile.environment === 'production';
  const { t } = useT();
  return (
    <div className="confirm-signal" role="dialog" aria-label={t('mon.confirm')}>
      <span>
        {pending.terminate
          ? t('mon.terminateQ', { pid: String(pending.pid) })
          : t('mon.cancelQ', { pid: String(pending.pid) })}
      </span>
      {production && (
        <input
          aria-label={t('mon.typeDatabase')}
          placeholder={profile.database}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
      )}
      <button
        className="danger"
        disabled={production && typed !== profile.database}
        onClick={() =>
          void signal(profile.id, pending.pid, pending.terminate, production ? typed : undefined).then(onDone)
        }
      >
        {pending.terminate ? t('mon.terminate') : t('mon.cancelQuery')}
      </button>
      <button className="ghost" onClick={onDone}>
        {t('mon.keep')}
      </button>
    </div>
  );
}

export function QueriesTable({ snapshot, profile }: { snapshot: MonitorSnapshot; profile: ProfileView }) {
  const [pending, setPending] = useState<Pending>();
  const limitMs = snapshot.thresholds.querySeconds * 1000;
  const { t } = useT();
  if (!snapshot.longQueries.length) return <p className="muted">{t('mon.noQueries')}</p>;
  return (
    <>
      {pending && <ConfirmSignal pending={pending} profile={profile} onDone={() => setPending(undefined)} />}
      <table className="grid queries">
        <thead>
          <tr>
            <th>{t('mon.col.pid')}</th>
            <th>{t('mon.col.user')}</th>
            <th>{t('mon.col.application')}</th>
            <th>{t('mon.col.state')}</th>
            <th>{t('mon.col.running')}</th>
            <th>{t('mon.col.query')}</th>
            <th>
              <span className="visually-hidden">{t('mon.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {snapshot.longQueries.map((q) => (
            <tr key={q.pid} className={q.durationMs > limitMs ? 'over' : undefined}>
              <td className="mono">{q.pid}</td>
              <td>{q.user ?? '—'}</td>
              <td>{q.application || '—'}</td>
              <td>
                {q.state}
                {q.waitEvent && <div className="muted small">{q.waitEvent}</div>}
              </td>
              <td>
                {formatDuration(q.durationMs)}{' '}
                {q.durationMs > limitMs && <span className="badge alert">{t('mon.slow')}</span>}
              </td>
              <td className="mono query-text">{q.query ?? <span className="muted">{t('mon.hidden')}</span>}</td>
              <td className="row-actions">
                <button
                  onClick={() => setPending({ pid: q.pid, terminate: false })}
                  disabled={profile.readOnly}
                  title={profile.readOnly ? t('mon.readOnly') : undefined}
                >
                  {t('mon.cancel')}
                </button>
                <button
                  className="danger"
                  onClick={() => setPending({ pid: q.pid, terminate: true })}
                  disabled={profile.readOnly}
                  title={profile.readOnly ? t('mon.readOnly') : undefined}
                >
                  {t('mon.terminate')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function BlockingTable({ snapshot }: { snapshot: MonitorSnapshot }) {
  const { t } = useT();
  if (!snapshot.blocking.length) return <p className="muted">{t('mon.noWaiting')}</p>;
  return (
    <table className="grid blocking" aria-label={t('mon.blocking')}>
      <thead>
        <tr>
          <th>{t('mon.col.waiting')}</th>
          <th>{t('mon.col.waitingFor')}</th>
          <th>{t('mon.col.blockedBy')}</th>
          <th>{t('mon.col.blockerState')}</th>
          <th>{t('mon.col.blockerQuery')}</th>
        </tr>
      </thead>
      <tbody>
        {snapshot.blocking.map((b) => (
          <tr key={`${b.blockedPid}-${b.blockingPid}`}>
            <td>
              <span className="mono">{b.blockedPid}</span>{' '}
              {b.blockedUser && <span className="muted small">{b.blockedUser}</span>}
              <div className="mono small query-text">{b.blockedQuery ?? t('mon.hidden')}</div>
            </td>
            <td>{formatDuration(b.waitingMs)}</td>
            <td className="mono">← {b.blockingPid}</td>
            <td>{b.blockingState ?? '—'}</td>
            <td className="mono small query-text">{b.blockingQuery ?? t('mon.hidden')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
