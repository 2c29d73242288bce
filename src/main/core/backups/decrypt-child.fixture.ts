// A separate OS process for key-durability.int.test.ts: decrypts a backup copy and exits without removing it.
import { deriveKey } from './backup-crypto';
import { decryptedCopy } from './decrypted-copy';

const [src, base, passphrase] = process.argv.slice(2);
const copy = await decryptedCopy(src, 'archive.dump', (h) => deriveKey(passphrase, h.salt), base);
process.stdout.write(copy.file);
