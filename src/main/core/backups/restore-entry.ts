import { readJsonFile } from '../atomic-file';
import { backupEntrySchema, type BackupEntry } from '../../../shared/model/backups';
import { Catalogs } from './catalog';
import { memoByFile } from './file-stamp';

// A preflight and the restore after it read each unchanged catalog file once per process.
const readCatalogJson = memoByFile<unknown>();

type RawEntry = { id?: unknown; schemas?: unknown; manifest?: unknown };

/**
 * The catalog entry of backup `id`, its manifest narrowed to the schema a restore reads (`tenant`,
 * or the only one). A fleet backup's manifest holds every tenant's row counts and ledger: checking
 * all of them on every restore cost more than the restore's own work, so what is checked is what is
 * used. A catalog that does not read or check this way is read the usual way, with its errors.
 */
export async function findRestoreEntry(dataDir: string, id: string, tenant: string | undefined): Promise<BackupEntry> {
  const catalogs = new Catalogs(dataDir);
  for (const key of await catalogs.keys()) {
    const file = catalogs.file(key);
    const raw = (await readCatalogJson(file, () => readJsonFile(file)).catch(() => undefined)) as
      { backups?: RawEntry[] } | undefined;
    const found = Array.isArray(raw?.backups) ? raw.backups.find((b) => b?.id === id) : undefined;
    if (!found) continue;
    const schemas = Array.isArray(found.schemas) ? (found.schemas as unknown[]) : [];
    const name = tenant ?? (schemas.length === 1 ? schemas[0] : undefined);
    const manifest = Array.isArray(found.manifest)
      ? (found.manifest as { schema?: unknown }[]).filter((m) => m?.schema === name)
      : found.manifest;
    const checked = backupEntrySchema.safeParse({ ...found, manifest });
    if (checked.success) return checked.data;
    break;
  }
  return catalogs.find(id);
}
