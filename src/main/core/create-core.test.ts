import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allMethods } from '../../shared/contract';
import { createCore, type Core } from './create-core';

describe('createCore, areas loaded on their first call', () => {
  let dataDir: string;
  let core: Core;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tenantry-core-'));
    core = await createCore({ mode: 'cli', dataDir, keychain: null });
  });
  afterAll(async () => {
    await core.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finds a handler for every call of the contract, in the area its name says', async () => {
    for (const method of await allMethods()) {
      // Not an object: every call's input refuses it, after its handler was found.
      const reply = await core.api.call(method, 'not an input');
      expect(reply.ok ? 'ran' : reply.error.code, method).toBe('VALIDATION_FAILED');
    }
  });

  it('still answers UNKNOWN_METHOD for a call no area has', async () => {
    for (const name of ['nope.never', 'tenants.nope', 'ssh.nope', 'constructor', '__proto__.x'])
      expect(await core.api.call(name, {}), name).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });
});
