import { AppError } from '../../../shared/errors';
import { profileSettingsSchema, type Profile, type ProfileView } from '../../../shared/model/profile';
import type { Handlers } from '../api';
import type { ProfileStore } from './profile-store';
import type { SecretStore } from './secret-store';

/** A profile as the list shows it: where its password is kept, never the password. */
export async function profileView(secrets: Pick<SecretStore, 'has'>, profile: Profile): Promise<ProfileView> {
  const where = await secrets.has(profile.id);
  return { ...profile, hasPassword: where !== undefined, secretStorage: where ?? 'none' };
}

/** The profile calls that touch the profiles file only: the CLI runs them without a core or a connection. */
export function createProfileFileHandlers({
  store,
  secrets,
}: {
  store: ProfileStore;
  secrets: Pick<SecretStore, 'has'>;
}): Pick<Handlers, 'profiles.list' | 'profiles.export' | 'profiles.import'> {
  return {
    'profiles.list': async () => Promise.all(store.list().map((p) => profileView(secrets, p))),
    'profiles.export': async ({ ids }) => {
      const chosen = ids ? ids.map((id) => store.get(id)) : store.list().filter((p) => !store.isEphemeral(p.id));
      // Ids, timestamps and secrets stay here: a shared file carries settings only.
      return { format: 'tenantry-profiles/1' as const, profiles: chosen.map((p) => profileSettingsSchema.parse(p)) };
    },
    'profiles.import': async ({ profiles }) => {
      const added: string[] = [];
      const skipped: { name: string; reason: string }[] = [];
      for (const [i, raw] of profiles.entries()) {
        const parsed = profileSettingsSchema.safeParse(raw);
        const name = (raw as { name?: unknown })?.name;
        const label = typeof name === 'string' ? name : `#${i + 1}`;
        if (!parsed.success) {
          skipped.push({
            name: label,
            reason: `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
          });
          continue;
        }
        try {
          added.push((await store.add(parsed.data)).name);
        } catch (e) {
          if (e instanceof AppError && e.code === 'PROFILE_EXISTS')
            skipped.push({ name: label, reason: 'a profile with this name exists' });
          else throw e;
        }
      }
      return { added, skipped };
    },
  };
}
