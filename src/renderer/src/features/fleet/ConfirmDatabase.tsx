import { useProfiles } from '../../stores/profiles';

/** On production, changes need the database name typed (CLI: --confirm-database). */
export function useProductionTarget(profileId: string): { production: boolean; database?: string } {
  const profile = useProfiles((s) => s.profiles.find((p) => p.id === profileId));
  return { production: profile?.environment === 'production', database: profile?.database };
}

export function ConfirmDatabase({ profileId, value, onChange }: { profileId: string; value: string; onChange: (v: string) => void }) {
  const { production, database } = useProductionTarget(profileId);
  if (!production) return null;
  return (
    <label className="fl-confirm">
      Production: type <span className="mono">{database}</span> to confirm <input value={value} onChange={(e) => onChange(e.target.value)} aria-label="Confirm database name" />
    </label>
  );
}
