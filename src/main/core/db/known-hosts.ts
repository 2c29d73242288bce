import { createHash, createHmac } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** OpenSSH's fingerprint: SHA256 of the key blob, base64 without padding. */
export function fingerprintOf(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type written first inside the blob (ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa …). */
export function keyTypeOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const len = keyBlob.readUInt32BE(0);
  return keyBlob.subarray(4, 4 + len).toString('latin1');
}

/** How known_hosts names a host: `host` on port 22, `[host]:port` otherwise. */
export function hostEntryName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function defaultKnownHostsFile(): string {
  return path.join(homedir(), '.ssh', 'known_hosts');
}

export type HostKeyVerdict =
  | { kind: 'known' }
  | { kind: 'unknown'; fingerprint: string; keyType: string }
  | { kind: 'changed'; fingerprint: string; keyType: string };

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
}

/** Does one known_hosts host field (comma list, wildcards, negation, hashed |1|salt|hash) name this host? */
export function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  let matched = false;
  for (const pattern of field.split(',')) {
    const negated = pattern.startsWith('!');
    const glob = negated ? pattern.slice(1) : pattern;
    if (globToRegExp(glob).test(name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/**
 * Checks a host key against known_hosts text the way OpenSSH does: the same key listed → known;
 * a revoked key, or another key of the same type listed for the host → changed; else unknown.
 */
export function checkHostKey(knownHosts: string, host: string, port: number, keyBlob: Buffer): HostKeyVerdict {
  const name = hostEntryName(host, port);
  const keyType = keyTypeOf(keyBlob);
  const fingerprint = fingerprintOf(keyBlob);
  const offered = keyBlob.toString('base64');
  let sameTypeOther = false;
  for (const raw of knownHosts.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const parts = line.split(/\s+/);
    const marker = parts[0].startsWith('@') ? parts.shift() : undefined;
    const [field, type, key] = parts;
    if (!field || !type || !key || !hostFieldMatches(field, name)) continue;
    if (marker === '@cert-authority') continue;
    if (marker === '@revoked') {
      if (key === offered) return { kind: 'changed', fingerprint, keyType };
      continue;
    }
    if (type === keyType && key === offered) return { kind: 'known' };
    if (type === keyType) sameTypeOther = true;
  }
  return sameTypeOther ? { kind: 'changed', fingerprint, keyType } : { kind: 'unknown', fingerprint, keyType };
}

export async function readKnownHosts(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw e;
  }
}

/** Adds the accepted key as one line, creating the file (0600) and its folder (0700) if needed. */
export async function appendKnownHost(file: string, host: string, port: number, keyBlob: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const existing = await readKnownHosts(file);
  const sep = existing && !existing.endsWith('\n') ? '\n' : '';
  await fs.appendFile(
    file,
    `${sep}${hostEntryName(host, port)} ${keyTypeOf(keyBlob)} ${keyBlob.toString('base64')}\n`,
    { mode: 0o600 },
  );
}
