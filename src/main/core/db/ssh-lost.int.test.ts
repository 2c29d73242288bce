import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import type { Profile } from '../../../shared/model/profile';
import { createCore, type Core } from '../create-core';
import { fingerprintOf } from './known-hosts';
import { toAppError } from './pg-errors';
import { newSshKey, startTestSshServer, type TestSshServer } from './ssh-test-server';

/** A bastion that goes away under a running query: an error for that query, never the end of the process. */
describe('an SSH bastion lost mid-query', () => {
  let db: TestDatabase;
  let home: { dir: string; cleanup(): void };
  let core: Core;
  let server: TestSshServer;
  let profile: Profile;
  let watcher: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase('tenantry_ssh_lost');
    home = tempHome();
    const clientKey = newSshKey();
    const hostKey = newSshKey();
    const keyFile = path.join(home.dir, 'id_ed25519');
    writeFileSync(keyFile, clientKey.privatePem, { mode: 0o600 });
    server = await startTestSshServer({ hostKey: hostKey.privatePem, user: 'tunnel', clientKey: clientKey.parsed });
    core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
    profile = await core.profiles.add({
      ...db.settings,
      name: 'via-bastion',
      ssh: {
        host: '127.0.0.1',
        port: server.port,
        user: 'tunnel',
        keyFile,
        knownHostsFile: path.join(home.dir, 'known_hosts'),
        agent: false,
      },
    });
    expect(
      (
        await core.api.call('ssh.acceptHostKey', {
          profileId: profile.id,
          fingerprint: fingerprintOf(server.hostKeyBlob),
        })
      ).ok,
    ).toBe(true);
    watcher = await db.client();
  });

  afterAll(async () => {
    await watcher.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await core.close();
    await server.close().catch(() => undefined);
    await db.drop();
    home.cleanup();
  });

  it('rejects the running query with CONNECTION_LOST, and the next call answers with an error envelope', async () => {
    const running = core.pools
      .withClient(profile, (c) => c.query("SELECT pg_sleep(600), 'through the tunnel'"))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    for (;;) {
      if (
        (
          await watcher.query(
            `SELECT 1 FROM pg_stat_activity WHERE query LIKE '%through the tunnel%' AND pid <> pg_backend_pid()`,
          )
        ).rowCount
      )
        break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await server.close();
    const error = await running;
    expect(toAppError(error).code).toBe('CONNECTION_LOST');
    // The bastion is gone: the next call is an error for that call, and this process answers it.
    const next = await core.api.call('monitor.snapshot', { profileId: profile.id });
    expect(next.ok).toBe(false);
    if (!next.ok) expect(next.error.code).toBe('SSH_FAILED');
    expect((await core.api.call('profiles.list', {})).ok).toBe(true);
  });
});
