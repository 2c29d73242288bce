import path from 'node:path';
import { readJsonFile, writeJsonAtomic } from '../atomic-file';

export interface StoredLook {
  takenAt: string;
  sizes: Record<string, number>;
}

function lookFile(dataDir: string, profileId: string): string {
  // Profile ids are UUIDs (checked by the contract); basename keeps any other value inside the folder.
  return path.join(dataDir, 'monitor', `${path.basename(profileId)}.json`);
}

/** The previous look at this profile's sizes (the base of "growth since the last look"). */
export async function readLastLook(dataDir: string, profileId: string): Promise<StoredLook | undefined> {
  try {
    const value = (await readJsonFile(lookFile(dataDir, profileId))) as StoredLook | undefined;
    return value && typeof value.takenAt === 'string' && value.sizes && typeof value.sizes === 'object'
      ? value
      : undefined;
  } catch {
    return undefined; // A damaged file only costs the growth column once.
  }
}

export async function writeLastLook(dataDir: string, profileId: string, look: StoredLook): Promise<void> {
  await writeJsonAtomic(lookFile(dataDir, profileId), look);
}
