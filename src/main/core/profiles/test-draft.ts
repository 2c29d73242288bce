import { randomUUID } from 'node:crypto';
import type { ConnectionTest } from '../../../shared/model/connection';
import { profileSettingsSchema, type Profile, type ProfileSettings } from '../../../shared/model/profile';
import { Pools } from '../db/pools';
import { testConnection } from '../db/test-connection';
import type { SecretStore } from './secret-store';

export interface DraftInput {
  settings: Omit<ProfileSettings, 'name'> & { name?: string };
  /** The password typed in the form; kept in this call only. */
  password?: string;
  /** The profile being edited: its stored password is used when none is typed. */
  id?: string;
}

/**
 * Tests settings that are not saved (the profile form's "Test connection"): a throw-away profile
 * object and its own pools, the typed password handed to them only, nothing written to the
 * profile file or the keychain, every connection (and SSH tunnel) closed before it returns.
 */
export async function testDraft(secrets: SecretStore, input: DraftInput): Promise<ConnectionTest> {
  const now = new Date().toISOString();
  const profile: Profile = {
    ...profileSettingsSchema.parse({ ...input.settings, name: input.settings.name?.trim() || 'draft' }),
    id: randomUUID(),
    createdAt: now,
    updatedAt: now,
  };
  const stored = input.password === undefined && input.id ? await secrets.get(input.id) : undefined;
  const password = input.password ?? stored;
  const draftSecrets: SecretStore = {
    ...secrets,
    get: async (account) => (account === profile.id ? password : secrets.get(account)),
  };
  const pools = new Pools(draftSecrets);
  try {
    return await testConnection(pools, profile);
  } finally {
    await pools.closeAll();
  }
}
