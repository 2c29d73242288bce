import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../shared/errors';
import type { BackupEntry } from '../../../shared/model/backups';
import type { Profile } from '../../../shared/model/profile';
import type { SecretBackend, SecretStore } from '../profiles/secret-store';
import { decryptStream, deriveKey, keyAccount, keychainKeyId, type BackupKey, type FileHeader } from './backup-crypto';

const needPassphrase = (what: string) =>
  new AppError(
    'PARAM_INVALID',
    `${what} is encrypted with a passphrase, and none was given.`,
    'CLI: --passphrase-stdin (the passphrase on standard input); the app asks for it.',
    { field: 'passphrase' },
  );

/**
 * The key a new backup of `profile` is encrypted with, or undefined when it is not encrypted.
 * Keychain keys are made once per catalog (account backup-key:<profile key>) and kept in the OS
 * keychain; where none exists the secret store keeps it in this process's memory only, and
 * `log` says so (such backups cannot be opened once the process ends).
 */
export async function keyForNewBackup(
  secrets: SecretStore,
  profile: Profile,
  catalogKey: string,
  passphrase: string | undefined,
  log: (l: string) => void,
): Promise<BackupKey | undefined> {
  const mode = profile.backupEncryption ?? 'none';
  if (mode === 'none') return undefined;
  if (mode === 'passphrase') {
    if (!passphrase) throw needPassphrase(`Every backup of profile "${profile.name}"`);
    const salt = randomBytes(16);
    return { mode, key: await deriveKey(passphrase, salt), keyId: 'scrypt', salt };
  }
  const account = keyAccount(catalogKey);
  let stored = await secrets.get(account);
  if (!stored) {
    stored = randomBytes(32).toString('base64');
    const where = await secrets.set(account, stored);
    if (where === 'memory')
      log(
        `warning: no OS keychain here; the backup key of "${profile.name}" is kept in this process's memory only — its encrypted backups cannot be opened after it exits.`,
      );
    else log(`A new backup key for "${profile.name}" was stored in the OS keychain (account ${account}).`);
  }
  const key = Buffer.from(stored, 'base64');
  return { mode, key, keyId: keychainKeyId(key), salt: Buffer.alloc(16) };
}

/** Where the keychain key of `catalogKey`'s backups lives; made now when missing, as the next backup would. */
async function backupKeyHome(secrets: SecretStore, catalogKey: string): Promise<SecretBackend> {
  const account = keyAccount(catalogKey);
  return (await secrets.has(account)) ?? (await secrets.set(account, randomBytes(32).toString('base64')));
}

/**
 * A required backup must be one that can be opened later: a keychain-encrypted backup whose key
 * lives only in this process's memory (no OS keychain here) cannot, so it is refused up front.
 */
export async function requireDurableBackupKey(
  secrets: SecretStore,
  profile: Profile,
  catalogKey: string,
  what: string,
): Promise<void> {
  if ((profile.backupEncryption ?? 'none') !== 'keychain') return;
  if ((await backupKeyHome(secrets, catalogKey)) !== 'memory') return;
  throw new AppError(
    'BACKUP_KEY_NOT_DURABLE',
    `${what} needs a backup first, and its encryption key could live only in this process's memory (there is no OS keychain here): the backup could never be opened once the process ends.`,
    `Encrypt the backups of "${profile.name}" with a passphrase instead (profile setting backupEncryption: passphrase; CLI: migrate --passphrase-stdin), or run where an OS keychain is available.`,
  );
}

/** How a catalogued encrypted backup's key is found: the keychain (by catalog key), or the passphrase. */
export function keyOpener(
  secrets: SecretStore,
  entry: BackupEntry,
  passphrase: string | undefined,
): (h: FileHeader) => Promise<Buffer> {
  return async (h) => {
    if (h.mode === 'passphrase') {
      if (!passphrase) throw needPassphrase(`Backup ${entry.id}`);
      return deriveKey(passphrase, h.salt);
    }
    const stored = await secrets.get(keyAccount(entry.profileKey));
    if (!stored) {
      throw new AppError(
        'KEY_NOT_FOUND',
        `The key that encrypted backup ${entry.id} (${entry.encryption?.keyId ?? 'keychain'}) is not in this machine's keychain.`,
        `It was kept under account ${keyAccount(entry.profileKey)}; without it the backup cannot be opened. Restore that keychain entry, or pick another backup.`,
      );
    }
    return Buffer.from(stored, 'base64');
  };
}

/** Decrypts `src` into `dest` (0600) while streaming; throws before returning when any chunk fails. */
export async function decryptToFile(
  src: string,
  dest: string,
  open: (h: FileHeader) => Promise<Buffer>,
): Promise<void> {
  await pipeline(createReadStream(src), decryptStream(open), createWriteStream(dest, { mode: 0o600 }));
}
