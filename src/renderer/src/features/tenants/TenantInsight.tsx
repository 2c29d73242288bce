import { useEffect, useState } from 'react';
import type { BackupListItem } from '../../../../shared/model/backups';
import type { TenantRow } from '../../../../shared/model/tenants';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { useApp } from '../../stores/app';
import { useBackups } from '../../stores/backups';
import { useIntent } from '../../stores/intent';
import { useMigrations } from '../../stores/migrations';
import { useTenantFocus } from '../../stores/tenant-focus';

/**
 * What an admin asks next about one tenant: which migrations it still lacks, when it was last
 * backed up, and the way to back it up, restore it or migrate it — each on the screen (and review)
 * that already does that, with this tenant chosen.
 */
export function TenantInsight({
  profileId,
  tenant,
  migrations,
}: {
  profileId: string;
  tenant: TenantRow;
  migrations: string[];
}) {
  const { t, fmt } = useT();
  const go = useApp((s) => s.go);
  const [backups, setBackups] = useState<BackupListItem[]>();
  const status = useMigrations((s) => (s.profileId === profileId ? s.status : undefined));
  const loadStatus = useMigrations((s) => s.load);

  useEffect(() => {
    let live = true;
    setBackups(undefined);
    api()
      .invoke('backups.list', { profileId, tenant: tenant.schema })
      .then((r) => live && setBackups([...r.backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))))
      .catch(() => live && setBackups([]));
    return () => {
      live = false;
    };
  }, [profileId, tenant.schema]);
  useEffect(() => {
    if (!status && tenant.behind) void loadStatus(profileId);
  }, [status, tenant.behind, profileId, loadStatus]);

  if (tenant.shared || tenant.status === 'missing' || tenant.status === 'orphan') return null;
  const row = status?.tenants.find((r) => r.schema === tenant.schema);
  // The tenant list knows how many are pending; the names come from the status matrix (read once per profile).
  const pending = row?.pending ?? (tenant.behind ? migrations.slice(migrations.length - tenant.behind) : []);
  const last = backups?.[0];

  const backUp = () => {
    void useBackups.getState().create(profileId, 'tenant', [tenant.schema]);
    go('backups');
  };
  const restore = () => {
    const b = useBackups.getState();
    b.openWizard(last?.id);
    b.patchWizard({ tenant: tenant.schema });
    go('backups');
  };
  // Lands on the migrate review for this tenant alone (the matrix scrolled to its row behind it).
  const migrate = () => {
    useTenantFocus.getState().focus(tenant.schema);
    useMigrations.getState().setFilter('all');
    useIntent.getState().request({ kind: 'migrate', tenants: [tenant.schema] });
  };

  return (
    <section className="tenant-insight" aria-label={t('tn.insight', { schema: tenant.schema })}>
      <h3>{t('tn.pending', { count: pending.length })}</h3>
      {pending.length > 0 ? (
        <ul className="t-pending mono small" data-testid="tenant-pending">
          {pending.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{tenant.behind === null ? t('tn.unknown') : t('tn.upToDate')}</p>
      )}
      <h3>{t('tn.lastBackupTitle')}</h3>
      <p className="small" data-testid="tenant-last-backup">
        {backups === undefined
          ? t('common.loading')
          : last
            ? t('tn.lastBackupLine', { ago: fmt.ago(last.createdAt), date: fmt.date(last.createdAt), id: last.id })
            : t('common.never')}
      </p>
      <div className="actions">
        <button onClick={backUp}>{t('tn.backUp')}</button>
        <button onClick={restore} disabled={!last} title={last ? undefined : t('tn.noBackupToRestore')}>
          {t('tn.restore')}
        </button>
        <button onClick={migrate} disabled={pending.length === 0 && tenant.behind !== null}>
          {t('tn.migrate')}
        </button>
      </div>
    </section>
  );
}
