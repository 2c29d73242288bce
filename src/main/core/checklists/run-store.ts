import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { runSchema, type Run } from '../../../shared/model/checklists';
import { readJsonFile, writeJsonAtomic } from '../atomic-file';
import { withFileLock } from '../file-lock';

/** Checklist runs as `<app data>/runs/<id>.json`, saved after every change so a run survives a restart. */
export class RunStore {
  constructor(private readonly dir: string) {}

  static forDataDir(dataDir: string): RunStore {
    return new RunStore(path.join(dataDir, 'runs'));
  }

  private file(id: string): string {
    return path.join(this.dir, `${path.basename(id)}.json`);
  }

  /** Writes the whole run under its file's lock (the app and a CLI may both act on one run). */
  save(run: Run): Promise<Run> {
    return withFileLock(this.file(run.id), () => this.write(run));
  }

  /** Re-reads the run under its lock, applies `change` and writes it back: a tick, skip or abort never undoes another process's. */
  update(id: string, change: (run: Run) => Promise<void> | void): Promise<Run> {
    return withFileLock(this.file(id), async () => {
      const run = await this.get(id);
      await change(run);
      return this.write(run);
    });
  }

  private async write(run: Run): Promise<Run> {
    run.updatedAt = new Date().toISOString();
    await writeJsonAtomic(this.file(run.id), run);
    return run;
  }

  async get(id: string): Promise<Run> {
    const raw = await readJsonFile(this.file(id)).catch(() => undefined);
    const parsed = runSchema.safeParse(raw);
    if (!parsed.success)
      throw new AppError('RUN_NOT_FOUND', `No checklist run ${id}.`, 'List the runs with `tenantry checklist runs`.');
    return parsed.data;
  }

  async list(): Promise<Run[]> {
    const names = (await fs.readdir(this.dir).catch(() => [] as string[]))
      .filter((n) => n.endsWith('.json'))
      .sort()
      .reverse();
    const runs: Run[] = [];
    for (const name of names) {
      const parsed = runSchema.safeParse(await readJsonFile(path.join(this.dir, name)).catch(() => undefined));
      if (parsed.success) runs.push(parsed.data);
    }
    return runs;
  }
}
