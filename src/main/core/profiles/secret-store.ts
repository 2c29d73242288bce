const SERVICE = 'tenantry';

export type SecretBackend = 'keychain' | 'memory';

export interface SecretStore {
  /** Where a newly stored secret goes; 'memory' when the OS has no usable keychain. */
  backend(): SecretBackend;
  get(account: string): Promise<string | undefined>;
  /** Returns where the secret was kept. */
  set(account: string, secret: string): Promise<SecretBackend>;
  /** Keeps a secret in this process's memory only, never the keychain (a `--url` run's password). */
  keepInMemory(account: string, secret: string): void;
  delete(account: string): Promise<void>;
  has(account: string): Promise<SecretBackend | undefined>;
}

export interface Keychain {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<void>;
}

// The native addon loads on the first keychain look-up: a command whose password is in memory, or
// whose server asks for none (trust, peer), never loads it.
let addon: Promise<typeof import('@napi-rs/keyring')> | undefined;
const entry = async (account: string) =>
  new (await (addon ??= import('@napi-rs/keyring'))).AsyncEntry(SERVICE, account);

/** The OS keychain through @napi-rs/keyring: one entry per profile that the app and the CLI both read. */
export const osKeychain: Keychain = {
  get: async (account) => (await entry(account)).getPassword(),
  set: async (account, secret) => (await entry(account)).setPassword(secret),
  delete: async (account) => {
    await (await entry(account)).deletePassword();
  },
};

/**
 * Keychain first; where none exists (headless servers) the secret lives in this
 * process's memory only, and the store says so through backend().
 */
export function createSecretStore(keychain: Keychain | null = osKeychain): SecretStore {
  const memory = new Map<string, string>();
  let keychainWorks = keychain !== null;

  async function fromKeychain(account: string): Promise<string | undefined> {
    if (!keychain || !keychainWorks) return undefined;
    try {
      return (await keychain.get(account)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  return {
    backend: () => (keychainWorks ? 'keychain' : 'memory'),
    async get(account) {
      return memory.get(account) ?? (await fromKeychain(account));
    },
    async set(account, secret) {
      if (keychain && keychainWorks) {
        try {
          await keychain.set(account, secret);
          memory.delete(account);
          return 'keychain';
        } catch {
          keychainWorks = false;
        }
      }
      memory.set(account, secret);
      return 'memory';
    },
    keepInMemory(account, secret) {
      memory.set(account, secret);
    },
    async delete(account) {
      memory.delete(account);
      if (keychain && keychainWorks) {
        try {
          await keychain.delete(account);
        } catch {
          // Nothing stored there, or no keychain: either way the secret is gone.
        }
      }
    },
    async has(account) {
      if (memory.has(account)) return 'memory';
      return (await fromKeychain(account)) !== undefined ? 'keychain' : undefined;
    },
  };
}
