import { useState } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import type { TenantRow } from '../../../../shared/model/tenants';
import { api } from '../../api/client';
import { ReviewDialog, type ReviewStep } from '../../components/review/ReviewDialog';
import { useT } from '../../i18n';

export type TenantChange = 'suspend' | 'reactivate' | 'forget' | 'adopt' | 'drop';

/** The review of a change to one tenant (drop, status, forget, adopt), then the environment's confirmation. */
export function TenantChangeReview({
  profileId,
  tenant,
  change,
  adoptName,
  busy,
  run,
  onClose,
}: {
  profileId: string;
  tenant: Pick<TenantRow, 'schema'>;
  change: TenantChange;
  adoptName?: string;
  busy: boolean;
  run(label: string, work: () => Promise<unknown>): Promise<ErrorData | undefined>;
  onClose(): void;
}) {
  const { t } = useT();
  const [error, setError] = useState<ErrorData>();
  const schema = tenant.schema;
  const labels = {
    suspend: t('tn.suspend'),
    reactivate: t('tn.reactivate'),
    forget: t('tn.forget'),
    adopt: t('tn.adopt'),
    drop: t('review.tenant.drop'),
  };
  const step: ReviewStep =
    change === 'drop'
      ? {
          key: 'drop',
          label: t('review.tenant.dropStep', { schema }),
          destructive: [t('review.tenant.drop.destructive')],
        }
      : change === 'forget'
        ? { key: 'forget', label: t('review.tenant.forgetStep', { schema }) }
        : change === 'adopt'
          ? { key: 'adopt', label: t('review.tenant.adoptStep', { schema, name: adoptName ?? schema }) }
          : {
              key: change,
              label: t('review.tenant.statusStep', {
                status: t(change === 'suspend' ? 'tn.state.suspended' : 'tn.state.active'),
              }),
            };
  const work = (db: string | undefined): [string, () => Promise<unknown>] => {
    if (change === 'drop')
      return [
        t('tn.dropped'),
        () => api().invoke('tenants.drop', { profileId, schema, confirm: schema, confirmDatabase: db }),
      ];
    if (change === 'forget')
      return [t('tn.forgotten'), () => api().invoke('tenants.forget', { profileId, schema, confirmDatabase: db })];
    if (change === 'adopt')
      return [
        t('tn.adopted'),
        () => api().invoke('tenants.adopt', { profileId, schema, name: adoptName, confirmDatabase: db }),
      ];
    const status = change === 'suspend' ? 'suspended' : 'active';
    return [
      t(change === 'suspend' ? 'tn.suspended' : 'tn.reactivated'),
      () => api().invoke('tenants.setStatus', { profileId, schema, status, confirmDatabase: db }),
    ];
  };
  return (
    <ReviewDialog
      title={
        change === 'drop'
          ? t('review.tenant.dropTitle', { schema })
          : t('review.tenant.statusTitle', { action: labels[change], schema })
      }
      profileId={profileId}
      steps={[step]}
      tenants={[schema]}
      backup={change === 'drop' ? t('review.tenant.dropBackup', { schema }) : t('review.tenant.noBackup')}
      requireText={change === 'drop' ? { label: t('review.tenant.typeSchema', { schema }), value: schema } : undefined}
      actionLabel={labels[change]}
      busy={busy}
      error={error}
      onClose={onClose}
      onConfirm={(db) => void run(...work(db)).then(setError)}
    />
  );
}
