import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { decryptStream, deriveKey, encryptStream, type BackupKey } from './backup-crypto';

async function collect(input: Buffer[], ...through: NodeJS.ReadWriteStream[]): Promise<Buffer> {
  const out: Buffer[] = [];
  const run = pipeline as unknown as (streams: (NodeJS.ReadableStream | NodeJS.WritableStream)[]) => Promise<void>;
  await run([Readable.from(input), ...through, new Writable({ write: (c: Buffer, _e, cb) => (out.push(c), cb()) })]);
  return Buffer.concat(out);
}

const pieces = (b: Buffer, size = 65_536) =>
  Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size));
const keychainKey = (): BackupKey => ({ mode: 'keychain', key: randomBytes(32), keyId: 'k', salt: Buffer.alloc(16) });
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'NO_ERROR',
    (e: { code?: string }) => e.code,
  );

describe('backup encryption framing', () => {
  const plain = randomBytes(2_500_000 + 17); // three chunks, the last one short

  it('round-trips a multi-chunk stream in pieces of any size', async () => {
    const k = keychainKey();
    const sealed = await collect(pieces(plain), encryptStream(k));
    expect(sealed.subarray(0, 8).toString()).toBe('TNTRENC1');
    expect(
      (
        await collect(
          pieces(sealed, 1000),
          decryptStream(async () => k.key),
        )
      ).equals(plain),
    ).toBe(true);
    expect(
      await collect(
        [Buffer.alloc(0)],
        encryptStream(k),
        decryptStream(async () => k.key),
      ),
    ).toEqual(Buffer.alloc(0));
  });

  it('refuses a flipped byte, a cut-off file and a dropped chunk with BACKUP_CORRUPT', async () => {
    const k = keychainKey();
    const sealed = await collect(pieces(plain), encryptStream(k));
    const flipped = Buffer.from(sealed);
    flipped[100_000] ^= 1;
    expect(
      await codeOf(
        collect(
          [flipped],
          decryptStream(async () => k.key),
        ),
      ),
    ).toBe('BACKUP_CORRUPT');
    expect(
      await codeOf(
        collect(
          [sealed.subarray(0, sealed.length - 20)],
          decryptStream(async () => k.key),
        ),
      ),
    ).toBe('BACKUP_CORRUPT');
    const firstChunkEnd = 49 + 5 + (1 << 20) + 16;
    expect(
      await codeOf(
        collect(
          [sealed.subarray(0, firstChunkEnd)],
          decryptStream(async () => k.key),
        ),
      ),
    ).toBe('BACKUP_CORRUPT');
  });

  it('tells a wrong key (KEY_NOT_FOUND) and a wrong passphrase (WRONG_PASSPHRASE) from a tampered file', async () => {
    const k = keychainKey();
    const sealed = await collect(pieces(plain), encryptStream(k));
    expect(
      await codeOf(
        collect(
          [sealed],
          decryptStream(async () => randomBytes(32)),
        ),
      ),
    ).toBe('KEY_NOT_FOUND');
    const salt = randomBytes(16);
    const p: BackupKey = { mode: 'passphrase', key: await deriveKey('right', salt), keyId: 'scrypt', salt };
    const byPass = await collect(pieces(plain), encryptStream(p));
    expect(
      await codeOf(
        collect(
          [byPass],
          decryptStream((h) => deriveKey('wrong', h.salt)),
        ),
      ),
    ).toBe('WRONG_PASSPHRASE');
    expect(
      (
        await collect(
          [byPass],
          decryptStream((h) => deriveKey('right', h.salt)),
        )
      ).equals(plain),
    ).toBe(true);
  });
});
