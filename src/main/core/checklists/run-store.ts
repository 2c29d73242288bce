import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { runSchema, type Run } from '../../../shared/model/checklists';
import { readJsonFile, writeJsonAtomic } from '../atomic-file';

/** `<yyyymmddThhmmssZ>-<6 hex>`: sortable and unique (CLI.md "Ids"). */
export function newRunId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}-${randomBytes(3).toString('hex')}`;
}

/** Checklist runs as `<app data>/runs/<id>.json`, saved after every change so a run survives a restart. */
export class RunStore {
  constructor(private readonly dir: string) {}

  static forDataDir(dataDir: string): RunStore {
    return new RunStore(path.join(dataDir, 'runs'));
  }

  async save(run: Run): Promise<Run> {
    run.updatedAt = new Date().toISOString();
    await writeJsonAtomic(path.join(this.dir, `${run.id}.json`), run);
    return run;
  }

  async get(id: string): Promise<Run> {
    const raw = await readJsonFile(path.join(this.dir, `${path.basename(id)}.json`)).catch(() => undefined);
    const parsed = runSchema.safeParse(raw);
    if (!parsed.success) throw new AppError('RUN_NOT_FOUND', `No checklist run ${id}.`, 'List the runs with `tenantry checklist runs`.');
    return parsed.data;
  }

  async list(): Promise<Run[]> {
    const names = (await fs.readdir(this.dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort().reverse();
    const runs: Run[] = [];
    for (const name of names) {
      const parsed = runSchema.safeParse(await readJsonFile(path.join(this.dir, name)).catch(() => undefined));
      if (parsed.success) runs.push(parsed.data);
    }
    return runs;
  }
}
