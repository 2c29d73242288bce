import { AppError } from '../../../shared/errors';
import type { JobState, JobSummary, JobUpdate } from '../../../shared/model/job';
import type { EventBus } from '../event-bus';
import { toAppError } from '../db/pg-errors';
import { randomHex } from '../domain/ids';

export interface JobContext {
  signal: AbortSignal;
  /** Sets progress; `current` names what is being worked on (a tenant, a file). */
  progress(done: number, total: number, current?: string): void;
  log(line: string): void;
  /** Throws CANCELLED when the job was cancelled: call between units of work. */
  throwIfCancelled(): void;
}

interface JobRecord {
  summary: JobSummary;
  controller: AbortController;
  pendingLog: string[];
  timer?: NodeJS.Timeout;
  lastEmit: number;
  settled: Promise<void>;
}

const THROTTLE_MS = 250;
const KEEP_JOBS = 100;
const KEEP_LOG_LINES = 2000;

/** Long work runs here: an id at once, throttled job.update events, cancel through an AbortSignal. */
export class Jobs {
  private jobs = new Map<string, JobRecord>();

  constructor(private readonly bus: EventBus) {}

  start<T>(kind: string, work: (ctx: JobContext) => Promise<T>, opts: { profileId?: string } = {}): string {
    const id = `${kind.replace(/[^a-z0-9]+/gi, '-')}-${randomHex(5)}`;
    const controller = new AbortController();
    const record: JobRecord = {
      summary: {
        id,
        kind,
        state: 'queued',
        done: 0,
        total: 0,
        log: [],
        startedAt: new Date().toISOString(),
        profileId: opts.profileId,
      },
      controller,
      pendingLog: [],
      lastEmit: 0,
      settled: Promise.resolve(),
    };
    this.jobs.set(id, record);
    this.prune();
    this.emit(record, true);

    const ctx: JobContext = {
      signal: controller.signal,
      progress: (done, total, current) => {
        Object.assign(record.summary, { done, total, current });
        this.emit(record);
      },
      log: (line) => {
        record.pendingLog.push(line);
        record.summary.log.push(line);
        if (record.summary.log.length > KEEP_LOG_LINES)
          record.summary.log.splice(0, record.summary.log.length - KEEP_LOG_LINES);
        this.emit(record);
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new AppError('CANCELLED', 'The job was cancelled.');
      },
    };

    record.settled = (async () => {
      await Promise.resolve();
      this.setState(record, 'running');
      try {
        record.summary.result = await work(ctx);
        this.finish(record, controller.signal.aborted ? 'cancelled' : 'succeeded');
      } catch (e) {
        const err = toAppError(e);
        if (controller.signal.aborted || err.code === 'CANCELLED') return this.finish(record, 'cancelled');
        record.summary.error = { code: err.code, message: err.message, hint: err.hint };
        this.finish(record, 'failed');
      }
    })();
    return id;
  }

  cancel(id: string): void {
    const record = this.require(id);
    if (record.summary.state === 'queued' || record.summary.state === 'running') record.controller.abort();
  }

  get(id: string): JobSummary {
    return structuredClone(this.require(id).summary);
  }

  list(): JobSummary[] {
    return [...this.jobs.values()].map((r) => ({ ...r.summary, log: r.summary.log.slice(-20) })).reverse();
  }

  /** Resolves when the job has ended, with its final summary (tests, CLI). */
  async wait(id: string): Promise<JobSummary> {
    await this.require(id).settled;
    return this.get(id);
  }

  private require(id: string): JobRecord {
    const record = this.jobs.get(id);
    if (!record)
      throw new AppError('JOB_NOT_FOUND', `No job ${id}.`, 'Jobs are kept for this run of the console only.');
    return record;
  }

  private setState(record: JobRecord, state: JobState): void {
    record.summary.state = state;
    this.emit(record, true);
  }

  private finish(record: JobRecord, state: JobState): void {
    record.summary.endedAt = new Date().toISOString();
    this.setState(record, state);
  }

  private emit(record: JobRecord, now = false): void {
    const wait = THROTTLE_MS - (Date.now() - record.lastEmit);
    if (!now && wait > 0) {
      record.timer ??= setTimeout(() => {
        record.timer = undefined;
        this.emit(record, true);
      }, wait);
      return;
    }
    if (record.timer) clearTimeout(record.timer);
    record.timer = undefined;
    record.lastEmit = Date.now();
    const { summary } = record;
    const update: JobUpdate = {
      id: summary.id,
      kind: summary.kind,
      state: summary.state,
      done: summary.done,
      total: summary.total,
      current: summary.current,
      log: record.pendingLog.splice(0),
      profileId: summary.profileId,
      startedAt: summary.startedAt,
      endedAt: summary.endedAt,
      error: summary.error,
    };
    this.bus.emit('job.update', update);
  }

  private prune(): void {
    const ended = [...this.jobs.values()].filter((r) => r.summary.endedAt);
    for (const r of ended.slice(0, Math.max(0, this.jobs.size - KEEP_JOBS))) this.jobs.delete(r.summary.id);
  }
}
