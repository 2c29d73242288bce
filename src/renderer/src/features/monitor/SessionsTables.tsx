import { useState } from 'react';
import type { ProfileView } from '../../../../shared/model/profile';
import type { MonitorSnapshot } from '../../stores/monitor';
import { useMonitor } from '../../stores/monitor';
import { formatDuration } from './format';

type Pending = { pid: number; terminate: boolean };

/** The confirmation a cancel or terminate needs; on production, the typed database name too. */
function ConfirmSignal({ pending, profile, onDone }: { pending: Pending; profile: ProfileView; onDone: () => void }) {
  const signal = useMonitor((s) => s.signal);
  const [typed, setTyped] = useState('');
  const production = profile.environment === 'production';
  const verb = pending.terminate ? 'Terminate session' : 'Cancel the query of session';
  return (
    <div className="confirm-signal" role="dialog" aria-label="Confirm">
      <span>
        {verb} {pending.pid}? {pending.terminate ? 'Its open transaction is rolled back and the client disconnected.' : 'Its statement stops with an error.'}
      </span>
      {production && <input aria-label="Type the database name" placeholder={profile.database} value={typed} onChange={(e) => setTyped(e.target.value)} />}
      <button
        className="danger"
        disabled={production && typed !== profile.database}
        onClick={() => void signal(profile.id, pending.pid, pending.terminate, production ? typed : undefined).then(onDone)}
      >
        {pending.terminate ? 'Terminate' : 'Cancel query'}
      </button>
      <button className="ghost" onClick={onDone}>
        Keep it running
      </button>
    </div>
  );
}

export function QueriesTable({ snapshot, profile }: { snapshot: MonitorSnapshot; profile: ProfileView }) {
  const [pending, setPending] = useState<Pending>();
  const limitMs = snapshot.thresholds.querySeconds * 1000;
  if (!snapshot.longQueries.length) return <p className="muted">No running queries or open transactions.</p>;
  return (
    <>
      {pending && <ConfirmSignal pending={pending} profile={profile} onDone={() => setPending(undefined)} />}
      <table className="grid queries">
        <thead>
          <tr>
            <th>PID</th>
            <th>User</th>
            <th>Application</th>
            <th>State</th>
            <th>Running</th>
            <th>Query</th>
            <th />
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
                {formatDuration(q.durationMs)} {q.durationMs > limitMs && <span className="badge alert">slow</span>}
              </td>
              <td className="mono query-text">{q.query ?? <span className="muted">(hidden)</span>}</td>
              <td className="row-actions">
                <button onClick={() => setPending({ pid: q.pid, terminate: false })} disabled={profile.readOnly} title={profile.readOnly ? 'Read-only profile' : undefined}>
                  Cancel
                </button>
                <button className="danger" onClick={() => setPending({ pid: q.pid, terminate: true })} disabled={profile.readOnly} title={profile.readOnly ? 'Read-only profile' : undefined}>
                  Terminate
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
  if (!snapshot.blocking.length) return <p className="muted">No session is waiting for a lock.</p>;
  return (
    <table className="grid blocking" aria-label="Blocking locks">
      <thead>
        <tr>
          <th>Waiting session</th>
          <th>Waiting for</th>
          <th>Blocked by</th>
          <th>Blocker state</th>
          <th>Blocker query</th>
        </tr>
      </thead>
      <tbody>
        {snapshot.blocking.map((b) => (
          <tr key={`${b.blockedPid}-${b.blockingPid}`}>
            <td>
              <span className="mono">{b.blockedPid}</span> {b.blockedUser && <span className="muted small">{b.blockedUser}</span>}
              <div className="mono small query-text">{b.blockedQuery ?? '(hidden)'}</div>
            </td>
            <td>{formatDuration(b.waitingMs)}</td>
            <td className="mono">← {b.blockingPid}</td>
            <td>{b.blockingState ?? '—'}</td>
            <td className="mono small query-text">{b.blockingQuery ?? '(hidden)'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
