import type { Run } from '../../../../shared/model/checklists';
import { ReviewDialog } from '../../components/review/ReviewDialog';
import { useT } from '../../i18n';

/** Going on with a run whose confirmation this window no longer holds (reopened later on production): its remaining steps, confirmed once. */
export function ContinueReview({
  run,
  onConfirm,
  onClose,
}: {
  run: Run;
  onConfirm(confirmDatabase: string | undefined): void;
  onClose(): void;
}) {
  const { t } = useT();
  const left = run.steps.filter((s) => s.state !== 'succeeded' && s.state !== 'skipped');
  const backup = run.steps.find((s) => s.kind === 'backup');
  return (
    <ReviewDialog
      title={run.title}
      profileId={run.profileId}
      steps={left.map((s) => ({
        key: s.id,
        label: s.title,
        detail:
          s.kind === 'backup'
            ? t('review.step.backup', { scope: t('review.scopeName.fleet') })
            : t(`review.step.${s.kind}`),
      }))}
      scope={t('review.runbook.scope', { profile: run.profileName })}
      backup={
        !backup
          ? t('review.runbook.noBackup')
          : backup.state === 'succeeded'
            ? t('cl.ev.backup', { id: String(backup.evidence?.backupId ?? '') })
            : t('review.runbook.backup', { title: backup.title, scope: t('review.scopeName.fleet') })
      }
      actionLabel={run.state === 'blocked' ? t('cl.checkGates') : t('cl.continue')}
      onClose={onClose}
      onConfirm={onConfirm}
    />
  );
}
