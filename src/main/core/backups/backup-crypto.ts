import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../../../shared/errors';

/*
 * Encrypted backup file format (all integers big-endian):
 *   header (49 bytes): magic "TNTRENC1" (8) | mode (1: 1 keychain, 2 passphrase) | salt (16; zeros
 *     for keychain) | nonce prefix (8, random per file) | key check (16) = HMAC-SHA256(key,
 *     "tenantry backup key check")[0..16]
 *   then chunks: flags (1: bit 0 = last chunk) | plaintext length (4) | ciphertext | GCM tag (16)
 * Each chunk is AES-256-GCM with nonce = prefix ‖ chunk index (4) and AAD = header ‖ index ‖ flags,
 * so chunks cannot be reordered, dropped, moved between files, or cut off (a stream without its
 * last chunk is refused). Chunks are authenticated one by one, so large files stream in constant
 * memory; a restore decrypts the whole file first, so a tampered chunk stops it before pg_restore.
 * The key check tells a wrong key or passphrase (WRONG_PASSPHRASE / KEY_NOT_FOUND) from a tampered
 * file (BACKUP_CORRUPT). Passphrase keys: scrypt(passphrase, salt, N=2^15, r=8, p=1).
 */
const MAGIC = Buffer.from('TNTRENC1');
export const HEADER_BYTES = 49;
const CHUNK = 1 << 20;
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export type EncryptionMode = 'keychain' | 'passphrase';

export interface BackupKey {
  mode: EncryptionMode;
  key: Buffer;
  /** Recorded in the catalog: for keychain keys a hash prefix of the key; for passphrases "scrypt". */
  keyId: string;
  salt: Buffer;
}

export const keyAccount = (profileId: string) => `backup-key:${profileId}`;

export function keyCheck(key: Buffer): Buffer {
  return createHmac('sha256', key).update('tenantry backup key check').digest().subarray(0, 16);
}

export function keychainKeyId(key: Buffer): string {
  return `k-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

export function deriveKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, SCRYPT, (e, k) => (e ? reject(e) : resolve(k))),
  );
}

export interface FileHeader {
  mode: EncryptionMode;
  salt: Buffer;
  check: Buffer;
  raw: Buffer;
}

export function parseHeader(raw: Buffer): FileHeader {
  if (raw.length < HEADER_BYTES || !raw.subarray(0, 8).equals(MAGIC) || (raw[8] !== 1 && raw[8] !== 2)) {
    throw new AppError(
      'BACKUP_CORRUPT',
      'The encrypted backup file has no valid header.',
      'Do not restore from it; pick another backup.',
    );
  }
  return {
    mode: raw[8] === 1 ? 'keychain' : 'passphrase',
    salt: raw.subarray(9, 25),
    check: raw.subarray(33, 49),
    raw: raw.subarray(0, HEADER_BYTES),
  };
}

/** Refuses a key that is not the file's: said plainly, never guessed around. */
export function assertKeyFits(header: FileHeader, key: Buffer): void {
  if (timingSafeEqual(keyCheck(key), header.check)) return;
  if (header.mode === 'passphrase')
    throw new AppError(
      'WRONG_PASSPHRASE',
      'The passphrase does not open this backup.',
      'Type the passphrase the backup was taken with; nothing was restored.',
    );
  throw new AppError(
    'KEY_NOT_FOUND',
    'The key in this keychain is not the one this backup was encrypted with.',
    'The key that encrypted it is lost from this keychain; restore it there (export from the machine that took the backup), or pick another backup.',
  );
}

function nonce(prefix: Buffer, index: number): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(index, 8);
  return n;
}

function aad(header: Buffer, index: number, flags: number): Buffer {
  const b = Buffer.alloc(HEADER_BYTES + 5);
  header.copy(b, 0);
  b.writeUInt32BE(index, HEADER_BYTES);
  b[HEADER_BYTES + 4] = flags;
  return b;
}

/** Plaintext in, the encrypted file format out. */
export function encryptStream(k: BackupKey): Transform {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header[8] = k.mode === 'keychain' ? 1 : 2;
  k.salt.copy(header, 9);
  randomBytes(8).copy(header, 25);
  keyCheck(k.key).copy(header, 33);
  const prefix = header.subarray(25, 33);
  let index = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const seal = (plain: Buffer, last: boolean): Buffer => {
    const flags = last ? 1 : 0;
    const cipher = createCipheriv('aes-256-gcm', k.key, nonce(prefix, index));
    cipher.setAAD(aad(header, index, flags));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const head = Buffer.alloc(5);
    head[0] = flags;
    head.writeUInt32BE(plain.length, 1);
    index++;
    return Buffer.concat([head, body, cipher.getAuthTag()]);
  };
  return new Transform({
    construct(cb) {
      this.push(header);
      cb();
    },
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes <= CHUNK) return cb();
      let all = Buffer.concat(pending);
      // Keep at least one byte back so the last chunk is always sealed in flush().
      while (all.length > CHUNK) {
        this.push(seal(all.subarray(0, CHUNK), false));
        all = all.subarray(CHUNK);
      }
      pending = [all];
      pendingBytes = all.length;
      cb();
    },
    flush(cb: TransformCallback) {
      this.push(seal(Buffer.concat(pending), true));
      cb();
    },
  });
}

const corrupt = (why: string) =>
  new AppError(
    'BACKUP_CORRUPT',
    `The encrypted backup file fails its integrity check (${why}): it was changed or cut short.`,
    'Do not restore from it; nothing was restored. Pick another backup.',
  );

/**
 * The encrypted file format in, plaintext out; `keyFor` gets the header (mode, salt) and returns the
 * key, which is checked before any chunk is opened.
 */
export function decryptStream(keyFor: (h: FileHeader) => Promise<Buffer>): Transform {
  // Pieces are joined only once a whole frame has arrived, so each byte is copied once (linear).
  let parts: Buffer[] = [];
  let have = 0;
  const gather = (n: number): Buffer | undefined => {
    if (have < n) return undefined;
    if (parts[0].length < n) parts = [Buffer.concat(parts)];
    return parts[0];
  };
  const consume = (n: number) => {
    parts[0] = parts[0].subarray(n);
    have -= n;
    if (!parts[0].length) parts.shift();
  };
  let header: FileHeader | undefined;
  let key: Buffer | undefined;
  let index = 0;
  let ended = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      if (chunk.length) {
        parts.push(chunk);
        have += chunk.length;
      }
      void (async () => {
        if (!header) {
          const head = gather(HEADER_BYTES);
          if (!head) return;
          header = parseHeader(Buffer.from(head.subarray(0, HEADER_BYTES)));
          consume(HEADER_BYTES);
          key = await keyFor(header);
          assertKeyFits(header, key);
        }
        for (let head = gather(5); head; head = gather(5)) {
          if (ended) throw corrupt('data after the last chunk');
          const flags = head[0];
          const len = head.readUInt32BE(1);
          if (len > CHUNK || flags > 1) throw corrupt(`chunk ${index} has a bad frame`);
          const frame = gather(5 + len + 16);
          if (!frame) return;
          const decipher = createDecipheriv('aes-256-gcm', key!, nonce(header.raw.subarray(25, 33), index));
          decipher.setAAD(aad(header.raw, index, flags));
          decipher.setAuthTag(frame.subarray(5 + len, 5 + len + 16));
          let plain: Buffer;
          try {
            plain = Buffer.concat([decipher.update(frame.subarray(5, 5 + len)), decipher.final()]);
          } catch {
            throw corrupt(`GCM tag of chunk ${index} does not match`);
          }
          this.push(plain);
          consume(5 + len + 16);
          index++;
          if (flags & 1) ended = true;
        }
      })().then(
        () => cb(),
        (e: Error) => cb(e),
      );
    },
    flush(cb: TransformCallback) {
      if (!header) return cb(corrupt('the file is shorter than its header'));
      if (!ended || have) return cb(corrupt('the last chunk is missing'));
      cb();
    },
  });
}
