import { AppError } from '../../../shared/errors';
import { profileSettingsSchema, type Profile, type ProfileView } from '../../../shared/model/profile';
import type { Handlers } from '../api';
import { profileFields, type AuditLog } from '../audit/audit-log';
import { testConnection } from '../db/test-connection';
import type { Pools } from '../db/pools';
import type { ProfileStore } from './profile-store';
import type { SecretStore } from './secret-store';
import { testDraft } from './test-draft';

type ProfileHandlers = Pick<
  Handlers,
  | 'profiles.list'
  | 'profiles.add'
  | 'profiles.update'
  | 'profiles.duplicate'
  | 'profiles.remove'
  | 'profiles.setPassword'
  | 'profiles.test'
  | 'profiles.testDraft'
  | 'profiles.export'
  | 'profiles.import'
>;

export function createProfileService({
  store,
  secrets,
  pools,
  audit,
}: {
  store: ProfileStore;
  secrets: SecretStore;
  pools: Pools;
  audit: AuditLog;
}): ProfileHandlers {
  /** Profile changes are audited; ephemeral `--url` profiles are not worth a line. */
  async function audited(action: string, profile: Profile, params?: Record<string, unknown>): Promise<void> {
    if (!store.isEphemeral(profile.id)) await audit.record({ action, ...profileFields(profile), params, result: 'ok' });
  }

  async function view(profile: Profile): Promise<ProfileView> {
    const where = await secrets.has(profile.id);
    return { ...profile, hasPassword: where !== undefined, secretStorage: where ?? 'none' };
  }

  function uniqueCopyName(name: string): string {
    for (let i = 1; ; i++) {
      const candidate = i === 1 ? `${name} (copy)` : `${name} (copy ${i})`;
      if (!store.findByName(candidate)) return candidate;
    }
  }

  return {
    'profiles.list': async () => Promise.all(store.list().map(view)),
    'profiles.add': async ({ password, ...settings }) => {
      const profile = await store.add(settings);
      if (password) await secrets.set(profile.id, password);
      await audited('profiles.add', profile);
      return view(profile);
    },
    'profiles.update': async ({ id, changes, password }) => {
      const profile = await store.update(id, changes);
      if (password === null) await secrets.delete(id);
      else if (password !== undefined) await secrets.set(id, password);
      await pools.close(id);
      await audited('profiles.update', profile, {
        fields: Object.keys(changes),
        password: password === undefined ? 'unchanged' : password === null ? 'removed' : 'changed',
      });
      return view(profile);
    },
    'profiles.duplicate': async ({ id, name }) => {
      const source = store.get(id);
      const settings = profileSettingsSchema.parse(source);
      const copy = await store.add({ ...settings, name: name ?? uniqueCopyName(source.name) });
      const secret = await secrets.get(id);
      if (secret !== undefined) await secrets.set(copy.id, secret);
      await audited('profiles.duplicate', copy, { from: source.name });
      return view(copy);
    },
    'profiles.remove': async ({ id }) => {
      const profile = store.get(id);
      await store.remove(id);
      await audited('profiles.remove', profile);
      await secrets.delete(id);
      await pools.close(id);
      return { ok: true as const };
    },
    'profiles.setPassword': async ({ id, password }) => {
      const profile = store.get(id);
      await secrets.set(id, password);
      await pools.close(id);
      await audited('profiles.setPassword', profile);
      return view(profile);
    },
    'profiles.test': async ({ id }) => testConnection(pools, store.get(id)),
    'profiles.testDraft': async (input) => testDraft(secrets, input),
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
