import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import { createCore, type Core } from '../create-core';

let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
let core: Core;

beforeAll(async () => {
  db = await createTestDatabase();
  home = tempHome();
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
});

afterAll(async () => {
  await core.close();
  await db.drop();
  home.cleanup();
});

async function add(overrides: Record<string, unknown>) {
  const reply = await core.api.call('profiles.add', {
    ...db.settings,
    name: `p-${Math.random().toString(16).slice(2)}`,
    ...overrides,
  });
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.data as { id: string; hasPassword: boolean };
}

describe('connection profiles against a real PostgreSQL', () => {
  it('tests a connection: version, latency, registry and ledgers', async () => {
    const profile = await add({});
    const reply = await core.api.call('profiles.test', { id: profile.id });
    expect(reply).toMatchObject({
      ok: true,
      data: {
        serverVersionNum: expect.any(Number),
        database: db.name,
        registry: { kind: 'pattern', source: 'tenant_*', tenantCount: 0 },
      },
    });
  });

  it('answers CONNECTION_FAILED within 5 s for a host that never answers', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    const profile = await add({ port, sslmode: 'disable' });
    const started = Date.now();
    const reply = await core.api.call('profiles.test', { id: profile.id });
    expect(reply).toMatchObject({ ok: false, error: { code: 'CONNECTION_FAILED' } });
    expect(Date.now() - started).toBeLessThan(8000);
    silent.close();
  });

  it('answers CONNECTION_FAILED at once for a closed port', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const profile = await add({ port });
    expect(await core.api.call('profiles.test', { id: profile.id })).toMatchObject({
      ok: false,
      error: { code: 'CONNECTION_FAILED' },
    });
  });

  it('answers TLS_FAILED for verify-full when the server certificate cannot be verified', async () => {
    const profile = await add({ sslmode: 'verify-full', host: '127.0.0.1' });
    expect(await core.api.call('profiles.test', { id: profile.id })).toMatchObject({
      ok: false,
      error: { code: 'TLS_FAILED' },
    });
  });

  it('enforces read-only profiles in the server session', async () => {
    const profile = await add({ readOnly: true });
    const reply = await core.api.call('profiles.test', { id: profile.id });
    expect(reply).toMatchObject({ ok: true, data: { readOnly: true } });
    const p = core.profiles.get(profile.id);
    await expect(
      core.pools.withClient(p, (c) => c.query('CREATE TABLE public.should_not_exist (id int)')),
    ).rejects.toMatchObject({ code: '25006' });
  });

  it('answers DATABASE_NOT_FOUND for a database that is not there', async () => {
    const profile = await add({ database: `${db.name}_never` });
    expect(await core.api.call('profiles.test', { id: profile.id })).toMatchObject({
      ok: false,
      error: { code: 'DATABASE_NOT_FOUND' },
    });
  });

  it('refuses a duplicate name with PROFILE_EXISTS, duplicates with a new name, exports without secrets and imports', async () => {
    const profile = await add({ name: 'shared-name', password: 'export-secret' });
    expect(await core.api.call('profiles.add', { ...db.settings, name: 'shared-name' })).toMatchObject({
      ok: false,
      error: { code: 'PROFILE_EXISTS' },
    });
    const copy = await core.api.call('profiles.duplicate', { id: profile.id });
    expect(copy).toMatchObject({ ok: true, data: { name: 'shared-name (copy)', hasPassword: true } });
    const exported = await core.api.call('profiles.export', {});
    expect(JSON.stringify(exported)).not.toContain('export-secret');
    if (!exported.ok) throw new Error('export failed');
    const other = tempHome();
    const second = await createCore({ mode: 'cli', dataDir: other.dir, keychain: null });
    const imported = await second.api.call('profiles.import', exported.data as never);
    expect(imported).toMatchObject({
      ok: true,
      data: { added: expect.arrayContaining(['shared-name', 'shared-name (copy)']) },
    });
    await second.close();
    other.cleanup();
  });

  it('changes only the fields an edit names', async () => {
    const profile = await add({ environment: 'production', readOnly: true, sslmode: 'require' });
    const reply = await core.api.call('profiles.update', { id: profile.id, changes: { name: 'renamed-only' } });
    expect(reply).toMatchObject({
      ok: true,
      data: { name: 'renamed-only', environment: 'production', readOnly: true, sslmode: 'require', database: db.name },
    });
  });

  it('clears an optional setting with null', async () => {
    const profile = await add({ projectDir: '/srv/project', color: '#123456' });
    const reply = await core.api.call('profiles.update', {
      id: profile.id,
      changes: { projectDir: null, color: null },
    });
    expect(reply.ok).toBe(true);
    const data = (reply as { data: Record<string, unknown> }).data;
    expect(data.projectDir).toBeUndefined();
    expect(data.color).toBeUndefined();
    expect(await core.api.call('profiles.update', { id: profile.id, changes: { host: null } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });

  it('audits profile changes without the password', async () => {
    const lines = await core.audit.readAll();
    expect(lines.some((l) => l.action === 'profiles.add')).toBe(true);
    expect(JSON.stringify(lines)).not.toMatch(/export-secret/);
  });
});
