import path from 'node:path';
import type { FileHeader } from './backup-crypto';
import { decryptedCopy, type DecryptedCopy } from './decrypted-copy';
import type { BackupEntry, BackupVerify } from '../../../shared/model/backups';
import { sha256File } from './dump-file';
import { findPgTools } from './pg-tools';
import { readToc, tocLineSchemas } from './toc';

const noTarget = {
  host: '127.0.0.1',
  port: 5432,
  database: 'postgres',
  user: 'postgres',
  sslmode: 'disable' as const,
  readOnly: true,
};

/** Checksum of every file, then `pg_restore --list` reads it and finds each schema the catalog says is there. */
export async function verifyBackup(
  entry: BackupEntry,
  open?: (h: FileHeader) => Promise<Buffer>,
): Promise<BackupVerify> {
  const checks: BackupVerify['checks'] = [];
  let tools: Awaited<ReturnType<typeof findPgTools>> | undefined;
  try {
    tools = await findPgTools(entry.serverMajor);
  } catch (e) {
    checks.push({ name: 'pg_restore', ok: false, detail: (e as Error).message });
  }
  for (const f of entry.files) {
    const name = path.basename(f.path);
    const actual = await sha256File(f.path).catch((e: Error) => e);
    if (actual instanceof Error) {
      checks.push({ name: `${name}: checksum`, ok: false, detail: `cannot read: ${actual.message}` });
      continue;
    }
    const same = actual.sha256 === f.sha256 && actual.bytes === f.bytes;
    checks.push({
      name: `${name}: checksum`,
      ok: same,
      detail: same
        ? `sha256 ${f.sha256.slice(0, 12)}…, ${f.bytes} bytes`
        : `checksum mismatch: ${actual.bytes} bytes, sha256 ${actual.sha256.slice(0, 12)}… (catalog: ${f.bytes} bytes, ${f.sha256.slice(0, 12)}…)`,
    });
    if (!tools) continue;
    const encrypted = Boolean(entry.encryption && open);
    let copy: DecryptedCopy | undefined;
    try {
      let archive = f.path;
      if (encrypted) {
        // Streaming decryption checks every chunk's GCM tag; pg_restore then reads the plain archive.
        copy = await decryptedCopy(f.path, 'archive.dump', open!);
        archive = copy.file;
        checks.push({
          name: `${name}: decrypt`,
          ok: true,
          detail: `every chunk authenticated (${entry.encryption!.mode === 'passphrase' ? 'passphrase' : `key ${entry.encryption!.keyId}`})`,
        });
      }
      const toc = await readToc(tools.pgRestore, archive, noTarget);
      const found = new Set(
        toc
          .split('\n')
          .flatMap((l) => {
            const i = tocLineSchemas(l);
            return i ? [i.about, i.namespace] : [];
          })
          .filter((s) => s && s !== '-'),
      );
      const missing = f.schemas.filter((s) => !found.has(s));
      checks.push({
        name: `${name}: archive`,
        ok: missing.length === 0,
        detail: missing.length
          ? `pg_restore --list does not show ${missing.slice(0, 5).join(', ')}`
          : `pg_restore --list reads ${found.size} schemas`,
      });
    } catch (e) {
      const code = (e as { code?: string }).code;
      checks.push({
        name: `${name}: ${encrypted ? 'decrypt' : 'archive'}`,
        ok: false,
        detail: `${code ? `${code}: ` : ''}${(e as Error).message}`,
      });
    } finally {
      await copy?.remove();
    }
  }
  return { id: entry.id, ok: checks.every((c) => c.ok), checks };
}
