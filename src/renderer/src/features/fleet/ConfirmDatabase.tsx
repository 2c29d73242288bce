import { useT } from '../../i18n';
import { useProfiles } from '../../stores/profiles';

/** On production, changes need the database name typed (CLI: --confirm-database). */
export function useProductionTarget(profileId: string): { production: boolean; database?: string } {
  const profile = useProfiles((s) => s.profiles.find((p) => p.id === profileId));
  return { production: profile?.environment === 'production', database: profile?.database };
}

export function ConfirmDatabase({ profileId, value, onChange }: { profileId: string; value: string; onChange: (v: string) => void }) {
  const { production, database } = useProductionTarget(profileId);
  const { t } = useT();
  if (!production) return null;
  return (
    <label className="fl-confirm">
      {t('fl.confirm', { database: database ?? '' })} <input value={value} onChange={(e) => onChange(e.target.value)} aria-label={t('fl.confirmLabel')} />
    </label>
  );
}
