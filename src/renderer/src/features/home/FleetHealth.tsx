import { countFleet } from '../../../../shared/model/fleet-counts';
import { ErrorBox } from '../../components/ErrorBox';
import { useT, type MessageKey } from '../../i18n';
import { useApp } from '../../stores/app';
import { useChecks } from '../../stores/checks';
import { useMigrations, type MatrixFilter } from '../../stores/migrations';
import { useTenants } from '../../stores/tenants';
import type { TenantFilter } from '../../../../shared/model/tenants';
import { FleetCountsLine } from '../tenants/FleetCountsLine';
import './home.css';
import type { FleetHealthData } from './use-fleet-health';

type Tone = 'ok' | 'warn' | 'bad' | 'unknown';

interface Tile {
  id: string;
  label: MessageKey;
  value: string;
  detail?: string;
  tone: Tone;
  open(): void;
}

/** Hours after which a backup counts as old on the overview. */
const STALE_BACKUP_HOURS = 24;

/** The fleet at a glance: every number a link to the screen that shows (and fixes) it. */
export function FleetHealth({ data }: { data: FleetHealthData }) {
  const { t, fmt } = useT();
  const go = useApp((s) => s.go);
  const tenantsFilter = useTenants((s) => s.setFilter);
  const tenantsSearch = useTenants((s) => s.setSearch);
  const matrixFilter = useMigrations((s) => s.setFilter);
  const checksFilter = useChecks((s) => s.setFilter);

  const toTenants = (f?: TenantFilter) => () => {
    tenantsFilter(f);
    tenantsSearch('');
    go('tenants');
  };
  const toMatrix = (f: MatrixFilter) => () => {
    matrixFilter(f);
    go('migrations');
  };
  const n = fmt.number;
  const tone = (count: number | undefined, bad: Tone = 'bad'): Tone =>
    count === undefined ? 'unknown' : count === 0 ? 'ok' : bad;
  const counts = data.tenants.value ? countFleet(data.tenants.value.tenants) : undefined;
  const status = data.status.value?.counts;
  const unknown = t('home.unknown');
  const lastBackup = data.backups.value?.backups.reduce<string | undefined>(
    (a, b) => (!a || b.createdAt > a ? b.createdAt : a),
    undefined,
  );
  const backupHours = lastBackup ? (Date.now() - new Date(lastBackup).getTime()) / 3_600_000 : undefined;
  const lastRun = data.runs.value?.[0];

  const tiles: Tile[] = [
    {
      id: 'behind',
      label: 'home.behind',
      value: status ? n(status.behind) : unknown,
      tone: tone(status?.behind, 'warn'),
      open: toMatrix('behind'),
    },
    {
      id: 'failed',
      label: 'home.failed',
      value: status ? n(status.failed) : unknown,
      tone: tone(status?.failed),
      open: toMatrix('failed'),
    },
    {
      id: 'drifted',
      label: 'home.drifted',
      value: status ? n(status.drifted) : unknown,
      tone: tone(status?.drifted),
      open: toMatrix('drifted'),
    },
    {
      id: 'missing',
      label: 'home.missing',
      value: counts ? n(counts.missing) : unknown,
      tone: tone(counts?.missing, 'warn'),
      open: toTenants('missing'),
    },
    {
      id: 'orphans',
      label: 'home.orphans',
      value: counts ? n(counts.orphan) : unknown,
      tone: tone(counts?.orphan, 'warn'),
      open: toTenants('orphan'),
    },
    {
      id: 'backup',
      label: 'home.lastBackup',
      value: lastBackup ? fmt.ago(lastBackup) : data.backups.value ? t('home.never') : unknown,
      detail: lastBackup ? fmt.date(lastBackup) : undefined,
      tone:
        backupHours === undefined
          ? data.backups.value
            ? 'warn'
            : 'unknown'
          : backupHours > STALE_BACKUP_HOURS
            ? 'warn'
            : 'ok',
      open: () => go('backups'),
    },
    {
      id: 'verification',
      label: 'home.lastVerification',
      value: lastRun
        ? lastRun.passed
          ? t('home.verifyPassed')
          : t('home.verifyFailed', { count: lastRun.totals.fail + lastRun.totals.error })
        : data.runs.value
          ? t('home.never')
          : unknown,
      detail: lastRun ? fmt.ago(lastRun.startedAt) : undefined,
      tone: lastRun ? (lastRun.passed ? 'ok' : 'bad') : 'unknown',
      open: () => {
        checksFilter({ status: lastRun && !lastRun.passed ? 'problems' : 'all', check: '', text: '' });
        go('checks');
      },
    },
  ];

  return (
    <section className="fleet-health" aria-label={t('home.health')}>
      {counts && (
        <button className="link-row" onClick={toTenants()} data-testid="home-counts">
          <FleetCountsLine counts={counts} />
        </button>
      )}
      <div className="health-tiles">
        {tiles.map((tile) => (
          <button
            key={tile.id}
            className={`health-tile tone-${tile.tone}`}
            data-testid={`health-${tile.id}`}
            onClick={tile.open}
          >
            <span className="health-label">{t(tile.label)}</span>
            <strong className="health-value">{tile.value}</strong>
            {tile.detail && <span className="muted small">{tile.detail}</span>}
          </button>
        ))}
      </div>
      {data.status.error && <ErrorBox error={data.status.error} title={t('home.noStatus')} />}
    </section>
  );
}
