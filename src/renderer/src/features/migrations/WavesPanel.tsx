import type { MigrationRun } from '../../../../shared/model/migrations';
import type { StagedOptions } from '../../stores/migrations';

/** The form's text fields, turned into the call's options (empty fields are left out). */
export interface WaveFields {
  to: string;
  canary: string;
  waveSize: string;
  pause: string;
  maxFailures: string;
  check: string;
}

export const emptyWaveFields: WaveFields = { to: '', canary: '', waveSize: '', pause: '', maxFailures: '', check: '' };

const num = (v: string) => (v.trim() === '' ? undefined : Number(v.trim().replace(/s$/, '')));

/** Wrong values are sent as typed: the core refuses them with PARAM_INVALID and the screen shows why. */
export function stagedOptions(f: WaveFields): StagedOptions | undefined {
  const canary = f.canary.trim() === '' ? undefined : /^\d+$/.test(f.canary.trim()) ? Number(f.canary.trim()) : f.canary.split(',').map((s) => s.trim()).filter(Boolean);
  const o: StagedOptions = { to: num(f.to), canary, waveSize: num(f.waveSize), pauseBetweenSeconds: num(f.pause), maxFailures: num(f.maxFailures), check: f.check.trim() || undefined };
  const set = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as StagedOptions;
  return Object.keys(set).length ? set : undefined;
}

/** Staged rollout controls: canary, wave size, pause, failure budget, check after each wave, stop at a migration. */
export function WaveControls({ fields, onChange, disabled }: { fields: WaveFields; onChange(f: WaveFields): void; disabled: boolean }) {
  const field = (key: keyof WaveFields, label: string, placeholder: string, title: string) => (
    <label className="field compact" title={title}>
      {label}
      <input value={fields[key]} placeholder={placeholder} disabled={disabled} aria-label={label} onChange={(e) => onChange({ ...fields, [key]: e.target.value })} />
    </label>
  );
  return (
    <fieldset className="wave-controls" aria-label="Staged rollout">
      <legend className="small">Staged rollout (optional)</legend>
      {field('canary', 'Canary', '5 or tenant_a,tenant_b', 'The first K tenants by schema name, or these tenants, go first; a canary failure stops the rollout')}
      {field('waveSize', 'Wave size', 'e.g. 50', 'Tenants per wave after the canary')}
      {field('pause', 'Pause between', 'seconds', 'Pause between waves (30 or 30s)')}
      {field('maxFailures', 'Max failures', '0', 'Stop the rollout when more than this many tenants have failed')}
      {field('check', 'Check after each wave', 'check id', "A project check run on each wave's tenants; a failure stops the rollout")}
      {field('to', 'Stop at migration', 'NNNN', 'Later files stay pending')}
    </fieldset>
  );
}

/** Waves as they go, from the job's log lines ("wave 2/5: 50 tenant(s) to migrate…"). */
export function LiveWaves({ log }: { log: string[] }) {
  const lines = log.filter((l) => /^(wave \d+\/\d+|rollout stopped|pausing)/.test(l) && !/: (FAILED|migrating)/.test(l)).slice(-12);
  if (!lines.length) return null;
  return (
    <ul className="live-waves small mono" aria-label="Waves as they go">
      {lines.map((l, i) => (
        <li key={`${i}-${l}`} className={/failed|stopped/.test(l) && !/ 0 failed/.test(l) ? 'danger-text' : undefined}>
          {l}
        </li>
      ))}
    </ul>
  );
}

/** The waves of a finished run, with the reason a stopped rollout stopped. */
export function WavesReport({ run }: { run: MigrationRun }) {
  if (!run.waves?.length) return null;
  return (
    <div className="waves-report" aria-label="Waves">
      {run.stopped && (
        <p className="danger-text">
          Rollout stopped at wave {run.stopped.wave}: {run.stopped.reason}. Run the same rollout again to resume where it stopped.
        </p>
      )}
      <table className="grid small">
        <thead>
          <tr>
            <th>Wave</th>
            <th>Tenants</th>
            <th>State</th>
            <th>Failed</th>
            <th>Check</th>
          </tr>
        </thead>
        <tbody>
          {run.waves.map((w) => (
            <tr key={w.index} data-state={w.state}>
              <td>
                {w.index}/{run.waves!.length}
                {w.canary && <span className="badge">canary</span>}
              </td>
              <td className="mono" title={w.tenants.join(', ')}>
                {w.tenants.length === 1 ? w.tenants[0] : `${w.tenants.length} tenants`}
              </td>
              <td>
                <span className={`badge wave-${w.state}`}>{w.state}</span>
              </td>
              <td>{w.failed || ''}</td>
              <td>{w.check ? (w.check.passed ? 'passed' : `failed (${w.check.fail} failing, ${w.check.error} erroring)`) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
