// Encrypted (AES-256-GCM, streaming) vs unencrypted fleet backup of the same N tenants, in the
// same run, alternating so both see the same machine load. Best of R each.
// Usage: node bench/backup-encrypted.mjs [--tenants 200] [--rounds 5] [--db NAME]   (full size: --tenants 500)
import { dropDb, flag, loadCore, newCore, seededDb, time } from './backup-lib.mjs';

const N = Number(flag('tenants', '200'));
const R = Number(flag('rounds', '5'));
const db = await seededDb('bench_backup_enc', N);
const core = await loadCore();
const c = await newCore(core);
const base = { host: '127.0.0.1', port: 5432, database: db.name, user: 'postgres', sslmode: 'disable' };
const plain = await c.profiles.add({ ...base, name: 'bench-plain' });
const keychain = await c.profiles.add({ ...base, name: 'bench-keychain', backupEncryption: 'keychain' });
const passphrase = await c.profiles.add({ ...base, name: 'bench-passphrase', backupEncryption: 'passphrase' });

const take = (profile, extra = {}) => core.takeBackup(c, { profile, scope: 'fleet', reason: 'manual', ...extra });
await take(plain); // warm the server's caches once
const best = { plain: Infinity, keychain: Infinity, passphrase: Infinity };
let bytes = {};
for (let i = 0; i < R; i++) {
  const order = [
    ['plain', plain],
    ['keychain', keychain],
    ['passphrase', passphrase, { passphrase: 'bench passphrase' }],
  ];
  if (i % 2) order.reverse();
  for (const [name, profile, extra] of order) {
    let entry;
    best[name] = Math.min(best[name], await time(async () => (entry = await take(profile, extra))));
    bytes[name] = entry.files.reduce((n, f) => n + f.bytes, 0);
  }
}
const pct = (x) => +((x / best.plain - 1) * 100).toFixed(1);
console.log(
  JSON.stringify(
    {
      bench: 'backup-encrypted',
      tenants: N,
      rounds: R,
      plainSeconds: +best.plain.toFixed(3),
      keychainSeconds: +best.keychain.toFixed(3),
      passphraseSeconds: +best.passphrase.toFixed(3),
      keychainOverheadPct: pct(best.keychain),
      passphraseOverheadPct: pct(best.passphrase),
      bytes,
      target: 'overhead <= 10%',
    },
    null,
    2,
  ),
);
await c.close();
if (!db.keep) await dropDb(db.name);
