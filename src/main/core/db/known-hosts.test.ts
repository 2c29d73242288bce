import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempHome } from '../../../../test/pg-harness';
import { newSshKey } from './ssh-test-server';
import { appendKnownHost, checkHostKey, fingerprintOf, hostEntryName, keyTypeOf } from './known-hosts';

const newKeyBlob = (): Buffer => newSshKey().parsed.getPublicSSH();

describe('known_hosts', () => {
  const key = newKeyBlob();
  const other = newKeyBlob();
  const line = (host: string, blob = key) => `${host} ${keyTypeOf(blob)} ${blob.toString('base64')}`;

  it('names the key type and an OpenSSH-style fingerprint', () => {
    expect(keyTypeOf(key)).toBe('ssh-ed25519');
    expect(fingerprintOf(key)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(hostEntryName('bastion', 22)).toBe('bastion');
    expect(hostEntryName('bastion', 2222)).toBe('[bastion]:2222');
  });

  it('known, unknown and changed', () => {
    expect(checkHostKey(line('bastion'), 'bastion', 22, key)).toEqual({ kind: 'known' });
    expect(checkHostKey(line('other'), 'bastion', 22, key)).toMatchObject({
      kind: 'unknown',
      fingerprint: fingerprintOf(key),
    });
    expect(checkHostKey('', 'bastion', 22, key).kind).toBe('unknown');
    expect(checkHostKey(line('bastion', other), 'bastion', 22, key)).toMatchObject({
      kind: 'changed',
      fingerprint: fingerprintOf(key),
    });
    // The port is part of the name.
    expect(checkHostKey(line('bastion'), 'bastion', 2222, key).kind).toBe('unknown');
    expect(checkHostKey(line('[bastion]:2222'), 'bastion', 2222, key).kind).toBe('known');
  });

  it('understands comma lists, wildcards, negation, hashed names, comments and @revoked', () => {
    expect(checkHostKey(`# comment\n${line('a,bastion,b')}`, 'bastion', 22, key).kind).toBe('known');
    expect(checkHostKey(line('*.example.org'), 'db.example.org', 22, key).kind).toBe('known');
    expect(checkHostKey(line('*.example.org,!db.example.org'), 'db.example.org', 22, key).kind).toBe('unknown');
    const salt = randomBytes(20);
    const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('bastion').digest('base64')}`;
    expect(checkHostKey(line(hashed), 'bastion', 22, key).kind).toBe('known');
    expect(checkHostKey(line(hashed), 'bastiom', 22, key).kind).toBe('unknown');
    expect(checkHostKey(`@revoked ${line('bastion')}\n${line('bastion')}`, 'bastion', 22, key).kind).toBe('changed');
  });

  it('appends an accepted key that is then known', async () => {
    const home = tempHome();
    const file = path.join(home.dir, 'ssh', 'known_hosts');
    await appendKnownHost(file, '10.0.0.5', 2222, key);
    expect(checkHostKey(readFileSync(file, 'utf8'), '10.0.0.5', 2222, key).kind).toBe('known');
    home.cleanup();
  });
});
