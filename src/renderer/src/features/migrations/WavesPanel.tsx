import type { MigrationRun } from '../../../../shared/model/migrations';
import { useT, type MessageKey } from '../../i18n';
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
  const canary =
    f.canary.trim() === ''
      ? undefined
      : /^\d+$/.test(f.canary.trim())
        ? Number(f.canary.trim())
        : f.canary
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
  const o: StagedOptions = {
    to: num(f.to),
    canary,
    waveSize: num(f.waveSize),
    pauseBetweenSeconds: num(f.pause),
    maxFailures: num(f.maxFailures),
    check: f.check.trim() || undefined,
  };
  const set = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as StagedOptions;
  return Object.keys(set).length ? set : undefined;
}

/** Staged rollout controls: canary, wave size, pause, failure budget, check after each wave, stop at a migration. */
export function WaveControls({
  fields,
  onChange,
  disabled,
}: {
  fields: WaveFields;
  onChange(f: WaveFields): void;
  disabled: boolean;
}) {
  const { t } = useT();
  const field = (key: keyof WaveFields, label: MessageKey, placeholder: string, title: MessageKey) => (
    <label className="field compact" title={t(title)}>
      {t(label)}
      <input
        value={fields[key]}
        placeholder={placeholder}
        disabled={disabled}
        aria-label={t(label)}
        onChange={(e) => onChange({ ...fields, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <fieldset className="wave-controls" aria-label={t('mg.waves.label')}>
      <legend className="small">{t('mg.waves.legend')}</legend>
      {field('canary', 'mg.waves.canary', '5 | tenant_a,tenant_b', 'mg.waves.canaryHelp')}
      {field('waveSize', 'mg.waves.waveSize', '50', 'mg.waves.waveSizeHelp')}
      {field('pause', 'mg.waves.pause', t('mg.waves.pausePlaceholder'), 'mg.waves.pauseHelp')}
      {field('maxFailures', 'mg.waves.maxFailures', '0', 'mg.waves.maxFailuresHelp')}
      {field('check', 'mg.waves.check', t('mg.waves.checkPlaceholder'), 'mg.waves.checkHelp')}
      {field('to', 'mg.waves.to', 'NNNN', 'mg.waves.toHelp')}
    </fieldset>
  );
}

/** Waves as they go, from the job's log lines ("wave 2/5: 50 tenant(s) to migrate…"). */
export function LiveWaves({ log }: { log: string[] }) {
  const { t } = useT();
  const lines = log
    .filter((l) => /^(wave \d+\/\d+|rollout stopped|pausing)/.test(l) && !/: (FAILED|migrating)/.test(l))
    .slice(-12);
  if (!lines.length) return null;
  return (
    <ul className="live-waves small mono" aria-label={t('mg.waves.live')}>
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
  const { t } = useT();
  if (!run.waves?.length) return null;
  return (
    <div className="waves-report" aria-label={t('mg.waves.report')}>
      {run.stopped && (
        <p className="danger-text">{t('mg.waves.stopped', { wave: run.stopped.wave, reason: run.stopped.reason })}</p>
      )}
      <table className="grid small">
        <thead>
          <tr>
            <th>{t('mg.waves.col.wave')}</th>
            <th>{t('mg.waves.col.tenants')}</th>
            <th>{t('mg.waves.col.state')}</th>
            <th>{t('mg.waves.col.failed')}</th>
            <th>{t('mg.waves.col.check')}</th>
          </tr>
        </thead>
        <tbody>
          {run.waves.map((w) => (
            <tr key={w.index} data-state={w.state}>
              <td>
                {w.index}/{run.waves!.length}
                {w.canary && <span className="badge">{t('mg.waves.canaryBadge')}</span>}
              </td>
              <td className="mono" title={w.tenants.join(', ')}>
                {w.tenants.length === 1 ? w.tenants[0] : t('mg.waves.tenants', { count: w.tenants.length })}
              </td>
              <td>
                <span className={`badge wave-${w.state}`}>{w.state}</span>
              </td>
              <td>{w.failed || ''}</td>
              <td>
                {w.check
                  ? w.check.passed
                    ? t('mg.waves.checkPassed')
                    : t('mg.waves.checkFailed', { fail: w.check.fail, error: w.check.error })
                  : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
