import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { toErrorData } from '../../stores/app';
import { TenantChangeReview } from '../tenants/TenantChangeReview';

/**
 * After a restore under a new name: the schema exists but no registry row names it (an orphan).
 * Say so, and offer to register it, through the same review as adopting an orphan.
 */
export function RegisterRestored({ profileId, schema }: { profileId: string; schema: string }) {
  const { t } = useT();
  const [orphan, setOrphan] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  useEffect(() => {
    void api()
      .invoke('tenants.list', { profileId })
      .then((l) => setOrphan(l.tenants.some((x) => x.schema === schema && x.status === 'orphan')))
      .catch(() => undefined);
  }, [profileId, schema]);
  if (done) return <p className="good">{done}</p>;
  if (!orphan) return null;
  return (
    <div className="register-restored" role="note">
      <p>{t('bk.restoredOrphan', { schema })}</p>
      <button aria-haspopup="dialog" onClick={() => setReviewing(true)}>
        {t('bk.registerRestored')}
      </button>
      {reviewing && (
        <TenantChangeReview
          profileId={profileId}
          tenant={{ schema }}
          change="adopt"
          busy={busy}
          onClose={() => setReviewing(false)}
          run={async (label, work) => {
            setBusy(true);
            try {
              await work();
              setDone(label);
              setReviewing(false);
              return undefined;
            } catch (e) {
              return toErrorData(e);
            } finally {
              setBusy(false);
            }
          }}
        />
      )}
    </div>
  );
}
