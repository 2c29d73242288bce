import { writeFileSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import type { ErrorData } from '../../../shared/errors';
import type { Profile } from '../../../shared/model/profile';
import { createCore, type Core } from '../create-core';
import { fingerprintOf } from './known-hosts';
import { newSshKey, startTestSshServer, type TestSshServer } from './ssh-test-server';

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('SSH tunnel to PostgreSQL through a bastion (ssh2 Server on 127.0.0.1)', () => {
  let db: TestDatabase;
  let home: { dir: string; cleanup(): void };
  let core: Core;
  let server: TestSshServer;
  let profile: Profile;
  const hostKey = newSshKey();
  const clientKey = newSshKey();
  let knownHosts: string;
  let keyFile: string;

  async function testConn(p: Profile): Promise<{ ok: true } | { ok: false; error: ErrorData }> {
    const env = await core.api.call('monitor.snapshot', { profileId: p.id });
    return env.ok ? { ok: true } : { ok: false, error: env.error };
  }

  beforeAll(async () => {
    db = await createTestDatabase('tenantry_ssh');
    home = tempHome();
    keyFile = path.join(home.dir, 'id_ed25519');
    writeFileSync(keyFile, clientKey.privatePem, { mode: 0o600 });
    knownHosts = path.join(home.dir, 'known_hosts');
    server = await startTestSshServer({ hostKey: hostKey.privatePem, user: 'tunnel', clientKey: clientKey.parsed });
    core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
    profile = await core.profiles.add({
      ...db.settings,
      name: 'via-bastion',
      ssh: { host: '127.0.0.1', port: server.port, user: 'tunnel', keyFile, knownHostsFile: knownHosts, agent: false },
    });
  });

  afterAll(async () => {
    await core.close();
    await server.close();
    await db.drop();
    home.cleanup();
  });

  it('refuses an unknown host key, naming the fingerprint to accept', async () => {
    const r = await testConn(profile);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('SSH_HOST_KEY_UNKNOWN');
    expect(r.error.message).toContain(fingerprintOf(server.hostKeyBlob));
    expect(server.forwards).toEqual([]);
  });

  it('accepts only the fingerprint the user saw, then connects pg through the tunnel', async () => {
    const other = fingerprintOf(newSshKey().parsed.getPublicSSH());
    const wrong = await core.api.call('ssh.acceptHostKey', { profileId: profile.id, fingerprint: other });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.code).toBe('SSH_HOST_KEY_CHANGED');

    const accepted = await core.api.call('ssh.acceptHostKey', {
      profileId: profile.id,
      fingerprint: fingerprintOf(server.hostKeyBlob),
    });
    expect(accepted.ok).toBe(true);
    expect(readFileSync(knownHosts, 'utf8')).toContain(`[127.0.0.1]:${server.port} ssh-ed25519 `);

    const name = await core.pools.withClient(
      profile,
      async (c) => (await c.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db,
    );
    expect(name).toBe(db.name);
    expect(server.forwards).toContain(`${db.settings.host}:${db.settings.port}`);
    expect(await testConn(profile)).toEqual({ ok: true });
    const audit = (await core.audit.readAll()).filter((l) => l.action === 'ssh.acceptHostKey');
    expect(audit.map((l) => l.result)).toEqual(['intent', 'failed', 'intent', 'ok']);
  });

  it('closes the tunnel with the pool', async () => {
    expect(server.open()).toBeGreaterThan(0);
    await core.pools.close(profile.id);
    await until(() => server.open() === 0);
    expect(server.open()).toBe(0);
  });

  it('refuses a changed host key', async () => {
    const port = server.port;
    await server.close();
    server = await startTestSshServer({
      hostKey: newSshKey().privatePem,
      user: 'tunnel',
      clientKey: clientKey.parsed,
      port,
    });
    const r = await testConn(profile);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('SSH_HOST_KEY_CHANGED');
    const again = await core.api.call('ssh.acceptHostKey', {
      profileId: profile.id,
      fingerprint: fingerprintOf(server.hostKeyBlob),
    });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('SSH_HOST_KEY_CHANGED');
  });

  it('reports SSH_FAILED when the bastion is unreachable or refuses the key', async () => {
    const unreachable = await core.profiles.add({
      ...db.settings,
      name: 'no-bastion',
      ssh: {
        host: '127.0.0.1',
        port: await freePort(),
        user: 'tunnel',
        keyFile,
        knownHostsFile: knownHosts,
        agent: false,
      },
    });
    const r1 = await testConn(unreachable);
    expect(r1.ok ? 'ok' : r1.error.code).toBe('SSH_FAILED');

    // A fresh server whose key we trust, but a client key it does not know.
    await server.close();
    server = await startTestSshServer({ hostKey: hostKey.privatePem, user: 'tunnel', clientKey: clientKey.parsed });
    const strangerKey = path.join(home.dir, 'stranger');
    writeFileSync(strangerKey, newSshKey().privatePem, { mode: 0o600 });
    const stranger = await core.profiles.add({
      ...db.settings,
      name: 'stranger',
      ssh: {
        host: '127.0.0.1',
        port: server.port,
        user: 'tunnel',
        keyFile: strangerKey,
        knownHostsFile: knownHosts,
        agent: false,
      },
    });
    const accepted = await core.api.call('ssh.acceptHostKey', {
      profileId: stranger.id,
      fingerprint: fingerprintOf(server.hostKeyBlob),
    });
    expect(accepted.ok).toBe(true);
    const r2 = await testConn(stranger);
    expect(r2.ok ? 'ok' : r2.error.code).toBe('SSH_FAILED');
    if (!r2.ok) expect(r2.error.message).toMatch(/refused the key/);

    const missing = await core.profiles.add({
      ...db.settings,
      name: 'no-key',
      ssh: {
        host: '127.0.0.1',
        port: server.port,
        user: 'tunnel',
        keyFile: path.join(home.dir, 'nope'),
        knownHostsFile: knownHosts,
        agent: false,
      },
    });
    const r3 = await testConn(missing);
    expect(r3.ok ? 'ok' : r3.error.code).toBe('SSH_FAILED');
  });

  it('rejects ssh settings that are free text or lack a key', async () => {
    const bad = await core.api.call('profiles.add', {
      ...db.settings,
      name: 'bad-ssh',
      ssh: { host: 'bastion; rm -rf /', user: 'x', agent: true },
    });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('VALIDATION_FAILED');
    const noKey = await core.api.call('profiles.add', {
      ...db.settings,
      name: 'no-key-ssh',
      ssh: { host: 'bastion', user: 'x' },
    });
    expect(noKey.ok ? 'ok' : noKey.error.code).toBe('VALIDATION_FAILED');
  });
});
