import { useState } from 'react';
import type { Output } from '../../../../shared/contract';
import type { ErrorData } from '../../../../shared/errors';
import { ReviewDialog, type ReviewStep } from '../../components/review/ReviewDialog';
import { migrateBackupText, planSteps, planTenants, usePlan } from '../../components/review/plan-steps';
import { useT, type T } from '../../i18n';
import { useProfiles } from '../../stores/profiles';

export type RunbookInfo = Output<'checklists.runbooks'>['runbooks'][number];
type StepInfo = RunbookInfo['steps'][number];

const scopeName = (t: T, scope = 'fleet') =>
  ['fleet', 'database', 'shared', 'tenant'].includes(scope) ? t(`review.scopeName.${scope as 'fleet'}`) : scope;

function whatItDoes(t: T, s: StepInfo): string {
  if (s.kind === 'backup') return t('review.step.backup', { scope: scopeName(t, s.scope) });
  if (s.kind === 'check')
    return `${t(s.fix ? 'review.step.checkFix' : 'review.step.check')}${s.checks?.length ? ` (${s.checks.join(', ')})` : ''}`;
  return t(`review.step.${s.kind}`);
}

/**
 * A runbook's preview before it starts: its steps in order and what each will do, the migrations
 * its migrate step would apply and on which tenants, the backup it takes; then the environment's
 * confirmation. Opening it starts nothing.
 */
export function RunbookReview({
  profileId,
  runbook,
  rollback,
  onConfirm,
  onClose,
}: {
  profileId: string;
  runbook: RunbookInfo;
  /** A rollback runbook started for a failed run. */
  rollback?: boolean;
  onConfirm(confirmDatabase: string | undefined): Promise<ErrorData | undefined>;
  onClose(): void;
}) {
  const { t } = useT();
  const profile = useProfiles((s) => s.profiles.find((p) => p.id === profileId));
  const migrates = runbook.steps.some((s) => s.kind === 'migrate');
  const { plan, error: planError, loading } = usePlan(profileId, migrates);
  const [error, setError] = useState<ErrorData>();
  const [busy, setBusy] = useState(false);
  const backupStep = runbook.steps.find((s) => s.kind === 'backup');
  const migrateIndex = runbook.steps.findIndex((s) => s.kind === 'migrate');

  const steps: ReviewStep[] = runbook.steps.map((s, i) => ({
    key: s.id,
    label: (
      <>
        <strong>{s.title}</strong> <span className="muted small mono">{s.id}</span>
      </>
    ),
    detail: (
      <>
        {whatItDoes(t, s)}
        {s.explain && <> {s.explain}</>}
        {i === migrateIndex && plan && (
          <>
            {' '}
            {plan.files.length ? t('review.runbook.plan') : t('review.runbook.upToDate')}
            {plan.files.length > 0 && (
              <ol className="review-plan" aria-label={t('review.runbook.plan')}>
                {planSteps(t, plan).map((f) => (
                  <li key={f.key} data-testid="review-migration">
                    {f.label}
                    {f.destructive?.map((d) => (
                      <span key={d} className="badge badge-danger" title={d}>
                        {t('review.destructiveBadge')}: {d}
                      </span>
                    ))}
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </>
    ),
  }));
  const destructive = plan?.files.flatMap((f) => f.destructive) ?? [];

  return (
    <ReviewDialog
      title={
        rollback
          ? t('review.runbook.rollbackTitle', { id: runbook.id })
          : t('review.runbook.title', { title: runbook.title })
      }
      profileId={profileId}
      intro={
        <>
          {runbook.description && <p>{runbook.description}</p>}
          <p className="muted small">{t('review.runbook.manualNote')}</p>
        </>
      }
      steps={steps}
      tenants={migrates && plan ? planTenants(plan) : undefined}
      scope={migrates ? undefined : t('review.runbook.scope', { profile: profile?.name ?? '' })}
      backup={
        backupStep
          ? t('review.runbook.backup', { title: backupStep.title, scope: scopeName(t, backupStep.scope) })
          : migrates
            ? migrateBackupText(t, profile)
            : t('review.runbook.noBackup')
      }
      extra={
        destructive.length > 0 ? (
          <p className="danger-text">{t('review.destructive', { count: destructive.length })}</p>
        ) : undefined
      }
      acknowledge={destructive.length > 0 ? t('review.reviewed') : undefined}
      actionLabel={rollback ? t('review.runbook.rollback') : t('review.runbook.start')}
      loading={loading}
      busy={busy}
      error={error ?? planError}
      onClose={onClose}
      onConfirm={(confirmDatabase) => {
        setBusy(true);
        void onConfirm(confirmDatabase).then((e) => {
          setBusy(false);
          if (e) setError(e);
          else onClose();
        });
      }}
    />
  );
}
