import { useEffect, useState } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import type { MigrationPlan, PlanFile } from '../../../../shared/model/migrations';
import type { ProfileView } from '../../../../shared/model/profile';
import { api } from '../../api/client';
import type { T } from '../../i18n';
import { toErrorData } from '../../stores/app';
import type { ReviewStep } from './ReviewDialog';

/** Apply order: public's files first, then the tenants' files, each by migration number. */
export function inApplyOrder(files: PlanFile[]): PlanFile[] {
  const rank = (f: PlanFile) => (f.scope === 'shared' ? 0 : 1);
  return [...files].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'en', { numeric: true }));
}

/** A plan's files as review steps, in the order they will be applied. */
export function planSteps(t: T, plan: MigrationPlan): ReviewStep[] {
  return inApplyOrder(plan.files).map((f) => ({
    key: `${f.scope}:${f.name}`,
    label: (
      <>
        <span className="mono">{f.name}</span>{' '}
        <span className="muted small">
          ·{' '}
          {f.scope === 'named'
            ? (f.schema ?? '')
            : t(f.scope === 'shared' ? 'review.scope.shared' : 'review.scope.tenant')}
        </span>
      </>
    ),
    destructive: f.destructive,
    badges: f.noTransaction ? ['no-transaction'] : undefined,
  }));
}

/** The tenants a plan runs on, public first. */
export const planTenants = (plan: MigrationPlan): string[] => plan.schemas.map((s) => s.schema);

/** What migrate does about a backup on this profile (CLI.md: always on production, else the profile's setting). */
export function migrateBackupText(t: T, profile: ProfileView | undefined, dryRun = false): string {
  if (dryRun) return t('review.noBackupDryRun');
  const production = profile?.environment === 'production';
  if (!production && !profile?.backupBeforeMigrate) return t('review.noBackup');
  const first = t('review.backupFleet', {
    why: t(production ? 'review.backupWhy.production' : 'review.backupWhy.profile'),
  });
  return profile?.backupFreshMinutes
    ? `${first} ${t('review.backupFresh', { minutes: profile.backupFreshMinutes })}`
    : first;
}

/** The migration plan of a profile, read once when a review opens (reading it changes nothing). */
export function usePlan(
  profileId: string,
  enabled: boolean,
  only?: { tenants?: string[]; retryFailed?: boolean },
): { plan?: MigrationPlan; error?: ErrorData; loading: boolean } {
  const key = JSON.stringify(only ?? {});
  const [state, setState] = useState<{ plan?: MigrationPlan; error?: ErrorData; loading: boolean }>({
    loading: enabled,
  });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setState({ loading: true });
    api()
      .invoke('migrations.plan', { profileId, ...(JSON.parse(key) as { tenants?: string[]; retryFailed?: boolean }) })
      .then(
        (plan) => live && setState({ plan, loading: false }),
        (e) => live && setState({ error: toErrorData(e), loading: false }),
      );
    return () => {
      live = false;
    };
  }, [profileId, enabled, key]);
  return state;
}
