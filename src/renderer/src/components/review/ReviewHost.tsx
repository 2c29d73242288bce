import { useEffect, useState } from 'react';
import type { CheckDefinition } from '../../../../shared/model/checks';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { useApp } from '../../stores/app';
import { useBackups } from '../../stores/backups';
import { useChecks } from '../../stores/checks';
import { useIntent } from '../../stores/intent';
import { resetOnProfileSwitch } from '../../stores/profile-scope';
import { useProfiles } from '../../stores/profiles';
import { ReviewDialog } from './ReviewDialog';

/**
 * Where the palette's requests that no single panel owns land: the review of a fleet backup and of
 * a verification run, and the restore wizard. Also clears a profile's screens when another is chosen.
 */
export function ReviewHost() {
  const intent = useIntent((s) => s.intent);
  const profileId = useApp((s) => s.activeProfileId);
  const [open, setOpen] = useState<'backup' | 'verify'>();
  useEffect(() => resetOnProfileSwitch(), []);
  useEffect(() => {
    const wanted = intent && useIntent.getState().take(['backup', 'verify', 'restore']);
    if (!wanted) return;
    if (wanted.kind === 'restore') useBackups.getState().openWizard();
    else setOpen(wanted.kind);
  }, [intent]);
  if (!profileId || !open) return null;
  const close = () => setOpen(undefined);
  return open === 'backup' ? (
    <BackupReview profileId={profileId} onClose={close} />
  ) : (
    <VerifyReview profileId={profileId} onClose={close} />
  );
}

function BackupReview({ profileId, onClose }: { profileId: string; onClose(): void }) {
  const { t } = useT();
  const profile = useProfiles((s) => s.profiles.find((p) => p.id === profileId));
  return (
    <ReviewDialog
      title={t('palette.backup')}
      profileId={profileId}
      steps={[
        {
          key: 'dump',
          label: t('review.backupRun.step'),
          detail: t('review.backupRun.where', { dir: profile?.backupDir ?? t('review.backupRun.defaultDir') }),
        },
      ]}
      tenants={undefined}
      backup={t('review.backupRun.itself')}
      actionLabel={t('review.backupRun.run')}
      readOnly
      onClose={onClose}
      onConfirm={() => {
        void useBackups.getState().create(profileId, 'fleet');
        onClose();
      }}
    />
  );
}

function VerifyReview({ profileId, onClose }: { profileId: string; onClose(): void }) {
  const { t } = useT();
  const [checks, setChecks] = useState<CheckDefinition[]>();
  useEffect(() => {
    void api()
      .invoke('checks.list', { profileId })
      .then(
        (l) => setChecks(l.checks),
        () => setChecks([]),
      );
  }, [profileId]);
  const chosen = useChecks((s) => s.chosen);
  const shown = checks?.filter((c) => !chosen.length || chosen.includes(c.id)) ?? [];
  return (
    <ReviewDialog
      title={t('palette.verify')}
      profileId={profileId}
      steps={shown.map((c) => ({ key: c.id, label: <span className="mono">{c.id}</span>, detail: c.description }))}
      tenants={undefined}
      backup={t('review.verify.readOnly')}
      actionLabel={t('review.verify.run')}
      readOnly
      loading={!checks}
      onClose={onClose}
      onConfirm={() => {
        void useChecks.getState().run();
        onClose();
      }}
    />
  );
}
