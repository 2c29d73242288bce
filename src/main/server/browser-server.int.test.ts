import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempHome } from '../../../test/pg-harness';
import { createCore, type Core } from '../core/create-core';
import { startBrowserServer, type BrowserServer } from './browser-server';

let core: Core;
let server: BrowserServer;
let home: ReturnType<typeof tempHome>;
let rendererDir: string;

beforeAll(async () => {
  home = tempHome();
  rendererDir = mkdtempSync(path.join(tmpdir(), 'tenantry-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Tenantry</title>');
  core = await createCore({ mode: 'browser', dataDir: home.dir, keychain: null });
  server = await startBrowserServer({ core, rendererDir });
});

afterAll(async () => {
  await server.close();
  await core.close();
  home.cleanup();
  rmSync(rendererDir, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${server.port}`;
const call = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base()}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...headers },
    body: JSON.stringify(body),
  });

describe('browser mode', () => {
  it('prints a 127.0.0.1 URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(24);
  });

  it('answers calls with the envelope', async () => {
    const res = await call('app.info', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, data: { mode: 'browser' } });
    expect(await (await call('profiles.add', { name: '' })).json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'name' },
    });
  });

  it('refuses calls without the right token with 401', async () => {
    const none = await fetch(`${base()}/api/app.info`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    const wrong = await call('app.info', {}, { Authorization: 'Bearer wrong' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('refuses a foreign Origin or Host with 403', async () => {
    expect((await call('app.info', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    const res = await new Promise<number>((resolve) => {
      // fetch will not let us forge Host; a raw request can.
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/app.info',
          method: 'POST',
          headers: { Host: 'evil.example', Authorization: `Bearer ${server.token}` },
        },
        (r) => resolve(r.statusCode ?? 0),
      );
      req.end('{}');
    });
    expect(res).toBe(403);
    expect((await call('app.info', {}, { Origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('serves the renderer without a token, with a strict CSP', async () => {
    const res = await fetch(`${base()}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${base()}/..%2f..%2fetc%2fpasswd`)).status).not.toBe(500);
  });

  it('streams job events over WebSocket to token holders only', async () => {
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=wrong`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(refused).toBe(401);

    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=${server.token}`);
    await new Promise((r) => ws.on('open', r));
    const got = new Promise<{ event: string; payload: { kind: string; state: string } }>((resolve) =>
      ws.on('message', (m) => {
        const msg = JSON.parse(String(m));
        if (msg.payload.state === 'succeeded') resolve(msg);
      }),
    );
    const id = core.jobs.start('demo', async (ctx) => ctx.progress(1, 1));
    expect(await got).toMatchObject({ event: 'job.update', payload: { id, kind: 'demo', state: 'succeeded' } });
    ws.close();
  });

  it('answers an 11 MB body with 413 and the envelope, not a dropped connection; the server keeps serving', async () => {
    const big = JSON.stringify({ id: 'x'.repeat(11 * 1024 * 1024) });
    const res = await fetch(`${base()}/api/profiles.get`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      ok: false,
      error: { code: 'REQUEST_TOO_LARGE', message: expect.stringMatching(/10 MB/), hint: expect.any(String) },
    });
    // Streamed without a length (chunked), the limit holds too.
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/app.info',
          method: 'POST',
          headers: { Authorization: `Bearer ${server.token}`, 'Transfer-Encoding': 'chunked' },
        },
        (r) => {
          let body = '';
          r.on('data', (d: Buffer) => (body += d.toString()));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 11; i++) req.write(Buffer.alloc(1024 * 1024, 0x20));
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ ok: false, error: { code: 'REQUEST_TOO_LARGE' } });
    expect((await call('app.info', {})).status).toBe(200);
  });

  it('names runbooks by id only: a file path from the page is refused before anything is read', async () => {
    const profile = (await (
      await call('profiles.add', {
        name: 'rb',
        host: '127.0.0.1',
        port: 5432,
        database: 'postgres',
        user: 'postgres',
        sslmode: 'disable',
        environment: 'local',
      })
    ).json()) as { data: { id: string } };
    const refused = await (
      await call('checklists.start', { profileId: profile.data.id, runbook: '/tmp/evil.yaml' })
    ).json();
    expect(refused).toMatchObject({ ok: false, error: { code: 'RUNBOOK_PATH_NOT_ALLOWED' } });
    const relative = await (
      await call('checklists.start', { profileId: profile.data.id, runbook: '../../evil.yml' })
    ).json();
    expect(relative).toMatchObject({ ok: false, error: { code: 'RUNBOOK_PATH_NOT_ALLOWED' } });
  });

  it('uses another port, and says so, when the asked-for one is taken', async () => {
    const second = await startBrowserServer({ core, rendererDir, port: server.port });
    expect(second.port).not.toBe(server.port);
    expect(second.portNote).toContain(String(server.port));
    await second.close();
  });
});
