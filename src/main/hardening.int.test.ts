import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { runCli } from '../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../test/pg-harness';
import { rendererDir } from './core/app-root';
import { childEnv, connectionArgs, withPassfile } from './core/backups/pg-process';
import { createCore, type Core } from './core/create-core';
import { startBrowserServer, type BrowserServer } from './server/browser-server';

const PASSWORD = 'Kn0wn-S3cret-pa55word';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('browser mode and secrets', () => {
  let db: TestDatabase;
  let home: { dir: string; cleanup(): void };
  let core: Core;
  let server: BrowserServer;
  const seen: string[] = [];
  let socket: WebSocket;

  async function post(
    method: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string }> {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    seen.push(text);
    return { status: res.status, text };
  }

  beforeAll(async () => {
    db = await createTestDatabase('tenantry_hardening');
    home = tempHome();
    core = await createCore({ mode: 'browser', dataDir: home.dir, keychain: null, validateOutput: true });
    server = await startBrowserServer({ core, rendererDir: rendererDir() });
    socket = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=${server.token}`, {
      headers: { Origin: `http://127.0.0.1:${server.port}` },
    });
    socket.on('message', (m) => seen.push(String(m)));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  });

  afterAll(async () => {
    socket.close();
    await server.close();
    await core.close();
    await db.drop();
    home.cleanup();
  });

  it('answers only with the token (401), only its own Origin and Host (403), only on 127.0.0.1', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/api/app.info`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect(
      (await fetch(`${base}/api/app.info`, { method: 'POST', body: '{}', headers: { Authorization: 'Bearer wrong' } }))
        .status,
    ).toBe(401);
    expect((await post('app.info', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('app.info', {}, { Origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403);
    const rebound = await new Promise<string>((resolve) => {
      const s = net.connect(server.port, '127.0.0.1', () =>
        s.write(
          `POST /api/app.info HTTP/1.1\r\nHost: evil.example:${server.port}\r\nAuthorization: Bearer ${server.token}\r\nContent-Length: 2\r\n\r\n{}`,
        ),
      );
      let out = '';
      s.on('data', (d) => (out += d))
        .on('end', () => resolve(out))
        .on('close', () => resolve(out));
      setTimeout(() => s.destroy(), 2000);
    });
    expect(rebound).toMatch(/^HTTP\/1\.1 403/);
    expect((await post('app.info', {})).status).toBe(200);
    const wsNoToken = new WebSocket(`ws://127.0.0.1:${server.port}/events`);
    const wsStatus = await new Promise<number>((resolve) =>
      wsNoToken.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)).on('error', () => resolve(-1)),
    );
    expect(wsStatus).toBe(401);

    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    const reachable = await new Promise<boolean>((resolve) => {
      const s = net.connect(server.port, external?.address ?? '127.0.0.2');
      s.on('connect', () => (s.destroy(), resolve(true))).on('error', () => resolve(false));
    });
    expect(reachable).toBe(false);
  });

  it('a known password appears in no reply, event, export, audit line, data file or CLI output', async () => {
    const added = await post('profiles.add', {
      ...db.settings,
      name: 'with-secret',
      environment: 'staging',
      password: PASSWORD,
    });
    const id = (JSON.parse(added.text) as { data: { id: string } }).data.id;
    await post('profiles.list', {});
    await post('profiles.test', { id });
    await post('monitor.snapshot', { profileId: id });
    await post('profiles.update', { id, changes: { color: '#123456' }, password: PASSWORD + '-2' });
    await post('profiles.setPassword', { id, password: PASSWORD });
    await post('profiles.duplicate', { id });
    await post('profiles.export', {});
    await post('audit.list', {});
    await post('audit.export', { format: 'jsonl' });
    // A refused call echoes nothing of its input.
    await post('profiles.add', { ...db.settings, name: 'x'.repeat(200), password: PASSWORD });
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.length).toBeGreaterThan(10);
    for (const text of seen) expect(text).not.toContain(PASSWORD);
    expect((await core.audit.readAll()).length).toBeGreaterThan(3);
    for (const file of filesUnder(home.dir)) expect(readFileSync(file, 'utf8'), file).not.toContain(PASSWORD);

    // The CLI with a password in --url: neither stdout nor stderr, on success or failure.
    const url = new URL(db.url);
    url.password = PASSWORD;
    const ok = runCli(['monitor', '--url', url.toString(), '--json'], { home: home.dir });
    expect(ok.code).toBe(0);
    url.port = '1';
    const failed = runCli(['monitor', '--url', url.toString()], { home: home.dir });
    expect(failed.code).toBe(1);
    for (const run of [ok, failed]) expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    for (const file of filesUnder(home.dir)) expect(readFileSync(file, 'utf8'), file).not.toContain(PASSWORD);
  });

  it('pg tools get the password through a 0600 passfile, never argv or PGPASSWORD (backups area’s pg-process helper)', async () => {
    const target = { ...db.settings, database: 'we=ird db name' };
    const args = connectionArgs(target);
    expect(args.join(' ')).not.toContain(PASSWORD);
    expect(args).toContain("--dbname=dbname='we=ird db name'");
    const before = process.env.PGPASSWORD;
    process.env.PGPASSWORD = PASSWORD;
    try {
      let seenFile: string | undefined;
      await withPassfile(PASSWORD, async (file) => {
        seenFile = file;
        expect(statSync(file!).mode & 0o777).toBe(0o600);
        const env = childEnv(target, file);
        expect(env.PGPASSWORD).toBeUndefined();
        expect(env.PGPASSFILE).toBe(file);
        expect(Object.values(env).join('\n')).not.toContain(PASSWORD);
      });
      expect(existsSync(seenFile!)).toBe(false);
    } finally {
      if (before === undefined) delete process.env.PGPASSWORD;
      else process.env.PGPASSWORD = before;
    }
  });
});
