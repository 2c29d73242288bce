import type { MigrationRun } from '../../../../shared/model/migrations';

/** What a run did: counts, then every failed tenant with the migration and statement that failed. */
export function RunReport({ run }: { run: MigrationRun }) {
  const count = (s: string) => run.results.filter((r) => r.state === s).length;
  const ok = count(run.kind === 'dry-run' ? 'dry-run-ok' : run.kind === 'rollback' ? 'rolled-back' : 'applied');
  const failed = run.results.filter((r) => r.state === 'failed');
  const notDry = [...new Set(run.results.flatMap((r) => r.notDryRunnable ?? []))];
  return (
    <div className="run-report" aria-label="Run report" data-failed={failed.length}>
      <p>
        {run.kind === 'dry-run' ? 'Dry run' : run.kind === 'rollback' ? 'Rollback' : 'Apply'}: <strong>{ok}</strong>/{run.total} ok · {failed.length} failed · {count('skipped')} not started · {count('cancelled')} cancelled · {run.parallel} in parallel · {run.durationMs} ms
        {run.backupId && ` · backup ${run.backupId}`}
      </p>
      {run.cancelled && <p className="muted">Cancelled: running transactions were rolled back; every tenant is fully at its old or its new version.</p>}
      {notDry.length > 0 && <p className="muted small">Not dry-runnable (no-transaction): {notDry.join(', ')}</p>}
      {failed.length > 0 && (
        <table className="grid small">
          <thead>
            <tr>
              <th>tenant</th>
              <th>migration</th>
              <th>error</th>
              <th>statement</th>
            </tr>
          </thead>
          <tbody>
            {failed.map((r) => (
              <tr key={r.schema}>
                <td className="mono">{r.schema}</td>
                <td className="mono">{r.failedMigration}</td>
                <td>
                  <code>{r.error?.code}</code> {r.error?.message}
                </td>
                <td className="mono">{r.statement}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
