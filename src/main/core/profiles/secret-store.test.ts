import { describe, expect, it } from 'vitest';
import { createSecretStore, type Keychain } from './secret-store';

const brokenKeychain: Keychain = {
  get: async () => null,
  set: async () => {
    throw new Error("Couldn't access platform storage: AccessDenied");
  },
  delete: async () => undefined,
};

describe('SecretStore', () => {
  it('keeps secrets in memory when the OS keychain cannot store them, and says so', async () => {
    const store = createSecretStore(brokenKeychain);
    expect(await store.set('p1', 's3cret')).toBe('memory');
    expect(store.backend()).toBe('memory');
    expect(await store.get('p1')).toBe('s3cret');
    expect(await store.has('p1')).toBe('memory');
    await store.delete('p1');
    expect(await store.get('p1')).toBeUndefined();
  });

  it('uses the keychain when it works', async () => {
    const entries = new Map<string, string>();
    const store = createSecretStore({
      get: async (a) => entries.get(a) ?? null,
      set: async (a, s) => void entries.set(a, s),
      delete: async (a) => void entries.delete(a),
    });
    expect(await store.set('p2', 'pw')).toBe('keychain');
    expect(entries.get('p2')).toBe('pw');
    expect(await store.has('p2')).toBe('keychain');
  });
});
