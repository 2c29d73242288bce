import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../../shared/model/profile';
import { createSecretStore } from '../profiles/secret-store';
import { sandboxClusterDir, startEmbeddedCluster, type EmbeddedCluster } from '../sandbox/embedded-cluster';
import { trustLocalPostgresUser } from '../sandbox/sandbox-database';
import { Pools } from './pools';

/** A server that speaks TLS (a self-signed certificate for localhost): the embedded one, configured here. */
let cluster: EmbeddedCluster;
let clusterHome: string;
let cert: string;

beforeAll(async () => {
  clusterHome = mkdtempSync(path.join(tmpdir(), 'tenantry-tls-'));
  cluster = await startEmbeddedCluster({ dataDir: sandboxClusterDir(clusterHome) });
  await trustLocalPostgresUser(cluster.dataDir, cluster.port);
  cert = path.join(cluster.dataDir, 'server.crt');
  const key = path.join(cluster.dataDir, 'server.key');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  // The server refuses a key that anyone but its own user can read (as root the cluster runs as postgres).
  const owner = statSync(cluster.dataDir);
  for (const f of [cert, key]) chownSync(f, owner.uid, owner.gid);
  execFileSync('chmod', ['600', key]);
  const admin = new pg.Client({ host: '127.0.0.1', port: cluster.port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`ALTER SYSTEM SET ssl_cert_file = '${cert}'`);
    await admin.query(`ALTER SYSTEM SET ssl_key_file = '${key}'`);
    await admin.query('ALTER SYSTEM SET ssl = on');
    await admin.query('SELECT pg_reload_conf()');
  } finally {
    await admin.end();
  }
}, 120_000);

afterAll(async () => {
  await cluster.stop();
  rmSync(cluster.dataDir, { recursive: true, force: true });
  rmSync(clusterHome, { recursive: true, force: true });
});

const profile = (over: Partial<Profile>): Profile =>
  ({
    id: `tls-${Math.random().toString(16).slice(2)}`,
    name: 'tls',
    environment: 'local',
    host: '127.0.0.1',
    port: cluster.port,
    database: 'postgres',
    user: 'postgres',
    sslmode: 'prefer',
    readOnly: false,
    registry: 'auto',
    keepAsideAfterRestore: false,
    createdAt: '',
    updatedAt: '',
    ...over,
  }) as Profile;

const usesTls = (c: pg.ClientBase) =>
  c.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()').then((r) => r.rows[0].ssl);

describe('TLS against a server that offers it', () => {
  it('sslmode prefer connects with TLS, and the connection that asked serves the first query', async () => {
    const pools = new Pools(createSecretStore(null));
    try {
      const p = profile({ sslmode: 'prefer' });
      const pool = await pools.get(p);
      // The pool's first connection settled the choice and stays idle for the first query.
      expect(pool.totalCount).toBe(1);
      expect(await pools.withClient(p, usesTls)).toBe(true);
      expect(pool.totalCount).toBe(1);
      const dedicated = await pools.dedicatedClient(p);
      expect(await usesTls(dedicated)).toBe(true);
      await dedicated.end();
    } finally {
      await pools.closeAll();
    }
  });

  it('sslmode require uses TLS without checking the certificate; verify-full checks it', async () => {
    const pools = new Pools(createSecretStore(null));
    try {
      expect(await pools.withClient(profile({ sslmode: 'require' }), usesTls)).toBe(true);
      await expect(
        pools.withClient(profile({ sslmode: 'verify-full', host: 'localhost' }), usesTls),
      ).rejects.toMatchObject({ code: 'TLS_FAILED' });
      expect(
        await pools.withClient(profile({ sslmode: 'verify-full', host: 'localhost', sslrootcert: cert }), usesTls),
      ).toBe(true);
    } finally {
      await pools.closeAll();
    }
  });

  it('sslmode disable stays plain', async () => {
    const pools = new Pools(createSecretStore(null));
    try {
      expect(await pools.withClient(profile({ sslmode: 'disable' }), usesTls)).toBe(false);
    } finally {
      await pools.closeAll();
    }
  });
});

describe('sslmode prefer against a server that did not answer', () => {
  it('decides on TLS only once the server has answered (a server started again without TLS is reached plainly)', async () => {
    const pools = new Pools(createSecretStore(null));
    const p = profile({ sslmode: 'prefer' });
    try {
      await cluster.stop();
      await expect(pools.withClient(p, usesTls)).rejects.toMatchObject({ code: expect.stringMatching(/CONNECT/) });
      cluster = await startEmbeddedCluster({
        dataDir: cluster.dataDir,
        port: cluster.port,
        settings: { ssl: 'off' },
      });
      expect(await pools.withClient(p, usesTls)).toBe(false);
    } finally {
      await pools.closeAll();
    }
  });
});
