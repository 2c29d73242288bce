import { useState } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import type { Preflight } from '../../../../shared/model/backups';
import { ReviewDialog } from '../../components/review/ReviewDialog';
import { useT } from '../../i18n';

/** The restore's review, after its preflight: what happens to which schema, the safety backup, then the target's confirmation. */
export function RestoreReview({
  p,
  onConfirm,
  onClose,
}: {
  p: Preflight;
  onConfirm(confirmDatabase: string | undefined): Promise<ErrorData | undefined>;
  onClose(): void;
}) {
  const { t } = useT();
  const [error, setError] = useState<ErrorData>();
  const [busy, setBusy] = useState(false);
  const vars = { source: p.source, target: p.targetSchema, id: p.backupId };
  const replaces = p.mode === 'swap' && p.replaces.length > 0;
  return (
    <ReviewDialog
      title={t('review.restore.title', { schema: p.targetSchema })}
      profileId={p.targetProfileId}
      steps={[
        {
          key: 'restore',
          label: t(`review.restore.step.${p.mode}`, vars),
          destructive: replaces ? [t('review.restore.replaces', { count: p.replaces.length })] : undefined,
        },
      ]}
      tenants={[p.targetSchema]}
      backup={p.mode === 'swap' ? t('review.restore.safety', vars) : t('review.restore.noSafety', vars)}
      actionLabel={t('review.restore.run')}
      busy={busy}
      error={error}
      onClose={onClose}
      onConfirm={(db) => {
        setBusy(true);
        void onConfirm(db).then((e) => {
          setBusy(false);
          if (e) setError(e);
          else onClose();
        });
      }}
    />
  );
}
