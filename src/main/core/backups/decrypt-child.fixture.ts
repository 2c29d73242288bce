// A separate OS process for key-durability.int.test.ts: decrypts a backup copy, prints its path, then
// exits without removing it ("exit"), or waits to be killed ("wait").
import { deriveKey } from './backup-crypto';
import { decryptedCopy } from './decrypted-copy';

const [src, passphrase, how] = process.argv.slice(2);
const copy = await decryptedCopy(src, 'archive.dump', (h) => deriveKey(passphrase, h.salt));
process.stdout.write(copy.file + '\n');
if (how === 'wait') setInterval(() => undefined, 1000);
