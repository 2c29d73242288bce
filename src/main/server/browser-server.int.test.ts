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
  fetch(`${base()}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...headers }, body: JSON.stringify(body) });

describe('browser mode', () => {
  it('prints a 127.0.0.1 URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(24);
  });

  it('answers calls with the envelope', async () => {
    const res = await call('app.info', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, data: { mode: 'browser' } });
    expect(await (await call('profiles.add', { name: '' })).json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'name' } });
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
      const req = http.request({ host: '127.0.0.1', port: server.port, path: '/api/app.info', method: 'POST', headers: { Host: 'evil.example', Authorization: `Bearer ${server.token}` } }, (r) => resolve(r.statusCode ?? 0));
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

  it('uses another port, and says so, when the asked-for one is taken', async () => {
    const second = await startBrowserServer({ core, rendererDir, port: server.port });
    expect(second.port).not.toBe(server.port);
    expect(second.portNote).toContain(String(server.port));
    await second.close();
  });
});
