import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../../../test/pg-harness';
import { createCore, type Core } from '../create-core';
import { sandboxClusterDir, startEmbeddedCluster, type EmbeddedCluster } from '../sandbox/embedded-cluster';
import {
  DEMO_ROLE,
  DEMO_ROLE_PASSWORD,
  prepareSandboxDatabase,
  SANDBOX_DATABASE,
  trustLocalPostgresUser,
} from '../sandbox/sandbox-database';

/** Password authentication and a server without TLS need a server configured for them: the embedded one. */
let cluster: EmbeddedCluster;
let clusterHome: string;
let home: ReturnType<typeof tempHome>;
let core: Core;

beforeAll(async () => {
  clusterHome = mkdtempSync(path.join(tmpdir(), 'tenantry-auth-'));
  cluster = await startEmbeddedCluster({ dataDir: sandboxClusterDir(clusterHome) });
  await trustLocalPostgresUser(cluster.dataDir, cluster.port);
  await prepareSandboxDatabase(cluster.port);
  home = tempHome();
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
}, 120_000);

afterAll(async () => {
  await core.close();
  await cluster.stop();
  rmSync(cluster.dataDir, { recursive: true, force: true });
  rmSync(clusterHome, { recursive: true, force: true });
  home.cleanup();
});

const settings = () => ({
  name: `p-${Math.random().toString(16).slice(2)}`,
  host: '127.0.0.1',
  port: cluster.port,
  database: SANDBOX_DATABASE,
  user: DEMO_ROLE,
  sslmode: 'disable' as const,
});

describe('password authentication (embedded PostgreSQL with scram-sha-256)', () => {
  it('answers AUTH_FAILED with a hint for a wrong password, and never echoes it', async () => {
    const added = await core.api.call('profiles.add', { ...settings(), password: 'wrong-password' });
    if (!added.ok) throw new Error(added.error.message);
    const reply = await core.api.call('profiles.test', { id: (added.data as { id: string }).id });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED', hint: expect.stringContaining('password') },
    });
    expect(JSON.stringify(reply)).not.toContain('wrong-password');
    expect(JSON.stringify(await core.api.call('profiles.list', {}))).not.toContain('wrong-password');
    expect(JSON.stringify(await core.audit.readAll())).not.toContain('wrong-password');
  });

  it('connects once the right password is set', async () => {
    const added = await core.api.call('profiles.add', settings());
    const id = (added as { data: { id: string } }).data.id;
    expect(await core.api.call('profiles.test', { id })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    await core.api.call('profiles.setPassword', { id, password: DEMO_ROLE_PASSWORD });
    expect(await core.api.call('profiles.test', { id })).toMatchObject({
      ok: true,
      data: { user: DEMO_ROLE, tls: false },
    });
  });

  it('answers TLS_FAILED for sslmode verify-full against a server without TLS', async () => {
    const added = await core.api.call('profiles.add', {
      ...settings(),
      sslmode: 'verify-full',
      password: DEMO_ROLE_PASSWORD,
    });
    const reply = await core.api.call('profiles.test', { id: (added as { data: { id: string } }).data.id });
    expect(reply).toMatchObject({ ok: false, error: { code: 'TLS_FAILED' } });
  });

  it('falls back to a plain connection for sslmode prefer when the server has no TLS', async () => {
    const added = await core.api.call('profiles.add', {
      ...settings(),
      sslmode: 'prefer',
      password: DEMO_ROLE_PASSWORD,
    });
    expect(await core.api.call('profiles.test', { id: (added as { data: { id: string } }).data.id })).toMatchObject({
      ok: true,
      data: { tls: false },
    });
  });
});

describe('testing a profile before it is saved (profiles.testDraft)', () => {
  it('connects with the typed password, and stores neither the profile nor the password', async () => {
    const before = await core.api.call('profiles.list', {});
    const good = await core.api.call('profiles.testDraft', { settings: settings(), password: DEMO_ROLE_PASSWORD });
    expect(good).toMatchObject({ ok: true, data: { user: DEMO_ROLE, database: SANDBOX_DATABASE } });
    const bad = await core.api.call('profiles.testDraft', { settings: settings(), password: 'wrong-password' });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED', hint: expect.stringContaining('Profiles → Edit → Password') },
    });
    expect(JSON.stringify(bad)).not.toContain('wrong-password');
    // A name is not needed to test; nothing was added to the profiles, nothing kept in the secret store.
    const unnamed = await core.api.call('profiles.testDraft', {
      settings: { ...settings(), name: undefined },
      password: DEMO_ROLE_PASSWORD,
    });
    expect(unnamed.ok).toBe(true);
    expect(await core.api.call('profiles.list', {})).toEqual(before);
  });

  it('uses the stored password of the profile being edited when none is typed', async () => {
    const added = await core.api.call('profiles.add', { ...settings(), password: DEMO_ROLE_PASSWORD });
    if (!added.ok) throw new Error(added.error.message);
    const id = (added.data as { id: string }).id;
    expect(await core.api.call('profiles.testDraft', { settings: settings(), id })).toMatchObject({
      ok: true,
      data: { user: DEMO_ROLE },
    });
    expect(
      await core.api.call('profiles.testDraft', { settings: settings(), id, password: 'wrong-password' }),
    ).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
  });
});
