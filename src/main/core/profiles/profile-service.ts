import { profileSettingsSchema, type Profile } from '../../../shared/model/profile';
import type { Handlers } from '../api';
import { profileFields, type AuditLog } from '../audit/audit-log';
import { testConnection } from '../db/test-connection';
import type { Pools } from '../db/pools';
import { createProfileFileHandlers, profileView } from './profile-file-handlers';
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

  const view = (profile: Profile) => profileView(secrets, profile);

  function uniqueCopyName(name: string): string {
    for (let i = 1; ; i++) {
      const candidate = i === 1 ? `${name} (copy)` : `${name} (copy ${i})`;
      if (!store.findByName(candidate)) return candidate;
    }
  }

  return {
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
    ...createProfileFileHandlers({ store, secrets }),
  };
}
