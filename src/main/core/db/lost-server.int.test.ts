import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, runCliAsync } from '../../../../test/cli-helpers';
import { tempHome } from '../../../../test/pg-harness';
import { startThrowawayCluster, type ThrowawayCluster } from '../../../../test/throwaway-cluster';

/**
 * CLI.md "Processes and locks": a stopped server is an error, not a crash. Each test starts a
 * PostgreSQL cluster of its own, blocks a command on a table lock it holds (so the command is
 * certainly mid-way), then stops the server under it.
 */
let home: ReturnType<typeof tempHome>;
let cluster: ThrowawayCluster | undefined;
let holder: pg.Client;
let watcher: pg.Client;
let tenant: string;
const STACK = /\n\s+at |Unhandled 'error' event|node:internal/;

async function freshCluster(): Promise<string> {
  cluster = await startThrowawayCluster();
  const admin = await cluster.client();
  await admin.query('CREATE DATABASE app');
  await admin.end();
  const url = cluster.url('app');
  const seeded = runCli(['sandbox', '--seed-only', '--url', url, '--tenants', '2', '--students', '5', '--json'], {
    home: home.dir,
  });
  expect(seeded.code).toBe(0);
  tenant = seeded.json<{ schemas: string[] }>().data.schemas[0];
  holder = await cluster.client('app');
  watcher = await cluster.client('app');
  return url;
}

/** Holds ACCESS EXCLUSIVE on a tenant table: whatever reads it next waits, until the server stops. */
async function blockTenant(): Promise<void> {
  await holder.query('BEGIN');
  await holder.query(`LOCK TABLE "${tenant}".clases_group IN ACCESS EXCLUSIVE MODE`);
}

/** Polls until `sql` returns a row: waits for the command to reach a state, never for a time. */
async function until(sql: string): Promise<void> {
  for (;;) {
    if ((await watcher.query(sql)).rowCount) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Until the command's pg_dump is connected and stuck on the lock (pg_dump locks every table it dumps first). */
const untilDumpBlocked = () =>
  until(
    `SELECT 1 FROM pg_stat_activity WHERE application_name LIKE 'tenantry%' AND wait_event_type = 'Lock' AND query LIKE 'LOCK TABLE%'`,
  );

beforeAll(() => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  home = tempHome();
});
afterEach(async () => {
  await cluster?.destroy();
  cluster = undefined;
});
afterAll(() => home.cleanup());

describe('a lost server is an error, not a crash', () => {
  it('backup: the server stops mid-dump; the CLI prints the envelope and exits 1, no stack trace', async () => {
    const url = await freshCluster();
    await blockTenant();
    const backup = runCliAsync(['--url', url, '--json', 'backup', '--tenant', tenant], { home: home.dir });
    await untilDumpBlocked();
    await cluster!.stop();
    const run = await backup.done;
    expect(run.code).toBe(1);
    const envelope = run.json();
    expect(envelope.ok).toBe(false);
    expect(envelope.error.code).toBe('CONNECTION_LOST');
    expect(envelope.error.hint).toBeTruthy();
    expect(run.stderr).toContain('error CONNECTION_LOST');
    expect(run.stderr).not.toMatch(STACK);
  });

  it('restore: the server stops while pg_restore runs (original set aside); exit 1 with the envelope, no stack trace', async () => {
    const url = await freshCluster();
    // A foreign key into public: pg_restore must lock public.restore_gate to recreate it, and nothing before it does.
    await holder.query(
      `CREATE TABLE public.restore_gate (id int PRIMARY KEY); ALTER TABLE "${tenant}".clases_group ADD COLUMN gate_id int REFERENCES public.restore_gate`,
    );
    const backup = runCli(['--url', url, '--json', 'backup', '--tenant', tenant], { home: home.dir });
    expect(backup.code).toBe(0);
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE public.restore_gate IN ACCESS EXCLUSIVE MODE');
    const restore = runCliAsync(
      ['--url', url, '--json', '--yes', 'restore', backup.json<{ id: string }>().data.id, '--tenant', tenant],
      { home: home.dir },
    );
    await until(
      `SELECT 1 FROM pg_stat_activity WHERE application_name LIKE 'tenantry-restore-%' AND wait_event_type = 'Lock'`,
    );
    await cluster!.stop();
    const run = await restore.done;
    expect(run.code).toBe(1);
    const envelope = run.json();
    expect(envelope.ok).toBe(false);
    expect(envelope.error.code).toBe('CONNECTION_LOST');
    expect(envelope.error.message).toContain(tenant);
    expect(envelope.error.hint).toContain('journal');
    expect(run.stderr).not.toMatch(STACK);
  });

  it('serve: a job whose server stops ends failed with CONNECTION_LOST; the process stays up and answers the next request', async () => {
    const url = await freshCluster();
    const added = runCli(['profiles', 'add', 'lost', '--uri', url, '--json'], { home: home.dir });
    expect(added.code).toBe(0);
    const profileId = added.json<{ id: string }>().data.id;
    const serve: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0'], {
      env: { ...process.env, TENANTRY_HOME: home.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    serve.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const address = await new Promise<string>((resolve, reject) => {
        let out = '';
        serve.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)/.exec(out);
          if (m) resolve(`${m[1]} ${m[2]}`);
        });
        serve.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
      });
      const [base, token] = address.split(' ');
      const call = async (method: string, body: unknown) => {
        const res = await fetch(`${base}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return (await res.json()) as {
          ok: boolean;
          data: Record<string, unknown>;
          error?: { code: string; message: string; hint?: string };
        };
      };
      await blockTenant();
      const started = await call('backups.create', { profileId, scope: 'tenant', schemas: [tenant], reason: 'manual' });
      expect(started.ok).toBe(true);
      const jobId = started.data.jobId as string;
      await untilDumpBlocked();
      await cluster!.stop();
      let job: { state: string; error?: { code: string; message: string; hint?: string } };
      for (;;) {
        job = (await call('jobs.get', { id: jobId })).data as typeof job;
        if (job.state !== 'running' && job.state !== 'queued') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(job.state).toBe('failed');
      expect(job.error?.code).toBe('CONNECTION_LOST');
      expect(job.error?.hint).toBeTruthy();
      expect(serve.exitCode).toBeNull();
      const next = await call('profiles.list', {});
      expect(next.ok).toBe(true);
      expect(stderr).not.toMatch(STACK);
    } finally {
      serve.kill('SIGTERM');
    }
  });
});
