import { useState } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import { ReviewDialog } from '../../components/review/ReviewDialog';
import { migrateBackupText, planSteps, planTenants, usePlan } from '../../components/review/plan-steps';
import { useT, type MessageKey, type T } from '../../i18n';
import { useProfiles } from '../../stores/profiles';
import type { StagedOptions } from '../../stores/migrations';

export interface MigrateRequest {
  dryRun: boolean;
  /** Only the tenants that failed last time. */
  failed?: string[];
  /** Only these tenants (a tenant's own "Migrate…"). */
  tenants?: string[];
  staged?: StagedOptions;
}

const WAVE_LABELS: Record<keyof StagedOptions, MessageKey> = {
  canary: 'mg.waves.canary',
  waveSize: 'mg.waves.waveSize',
  pauseBetweenSeconds: 'mg.waves.pause',
  maxFailures: 'mg.waves.maxFailures',
  check: 'mg.waves.check',
  to: 'mg.waves.to',
};

function wavesText(t: T, o: StagedOptions): string {
  return (Object.keys(WAVE_LABELS) as (keyof StagedOptions)[])
    .filter((k) => o[k] !== undefined)
    .map((k) => `${t(WAVE_LABELS[k])} ${Array.isArray(o[k]) ? (o[k] as string[]).join(', ') : String(o[k])}`)
    .join(' · ');
}

/** The review before a migrate or a dry run: files in apply order, the tenants, destructive statements, the backup, the waves. */
export function MigrateReview({
  profileId,
  request,
  onConfirm,
  onClose,
}: {
  profileId: string;
  request: MigrateRequest;
  onConfirm(confirmDatabase: string | undefined, confirmDestructive: boolean): Promise<ErrorData | undefined>;
  onClose(): void;
}) {
  const { t } = useT();
  const profile = useProfiles((s) => s.profiles.find((p) => p.id === profileId));
  const {
    plan,
    error: planError,
    loading,
  } = usePlan(
    profileId,
    true,
    request.failed?.length
      ? { tenants: request.failed }
      : request.tenants?.length
        ? { tenants: request.tenants }
        : undefined,
  );
  const [error, setError] = useState<ErrorData>();
  const [busy, setBusy] = useState(false);
  const destructive = plan?.destructive ?? false;
  const blocked = !plan
    ? undefined
    : plan.files.length === 0
      ? t('review.migrate.nothing')
      : !request.dryRun && plan.drifted.length
        ? t('review.migrate.drifted', { count: plan.drifted.length })
        : undefined;
  return (
    <ReviewDialog
      title={request.dryRun ? t('review.migrate.dryTitle') : t('review.migrate.title')}
      profileId={profileId}
      intro={
        request.dryRun ? (
          <p className="muted small">{t('review.migrate.dryNote')}</p>
        ) : request.failed ? (
          <p>{t('review.migrate.retry')}</p>
        ) : undefined
      }
      steps={plan ? planSteps(t, plan) : []}
      tenants={plan ? planTenants(plan) : []}
      backup={migrateBackupText(t, profile, request.dryRun)}
      extra={
        <>
          {request.staged && (
            <p data-testid="review-waves">{t('review.migrate.waves', { settings: wavesText(t, request.staged) })}</p>
          )}
          {plan?.warnings.map((w) => (
            <p key={w} className="muted small">
              {w}
            </p>
          ))}
        </>
      }
      acknowledge={destructive && !request.dryRun ? t('review.reviewed') : undefined}
      actionLabel={request.dryRun ? t('review.migrate.dry') : t('review.migrate.apply')}
      loading={loading}
      busy={busy}
      blocked={blocked}
      error={error ?? planError}
      onClose={onClose}
      onConfirm={(confirmDatabase) => {
        setBusy(true);
        void onConfirm(confirmDatabase, destructive).then((e) => {
          setBusy(false);
          if (e) setError(e);
          else onClose();
        });
      }}
    />
  );
}
