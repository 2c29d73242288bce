import { readFileSync } from 'node:fs';
import net from 'node:net';
import type { Client, ConnectConfig } from 'ssh2';
import { AppError } from '../../../shared/errors';
import type { Profile, SshSettings } from '../../../shared/model/profile';
import {
  appendKnownHost,
  checkHostKey,
  defaultKnownHostsFile,
  readKnownHosts,
  type HostKeyVerdict,
} from './known-hosts';

export const SSH_READY_TIMEOUT_MS = 10_000;

export interface SshTunnel {
  /** pg connects to 127.0.0.1:localPort; the bastion forwards to the profile's host:port. */
  localPort: number;
  closed: boolean;
  close(): Promise<void>;
}

function knownHostsFile(ssh: SshSettings): string {
  return ssh.knownHostsFile ?? defaultKnownHostsFile();
}

function authConfig(ssh: SshSettings): Pick<ConnectConfig, 'privateKey' | 'agent'> {
  if (ssh.agent) {
    const sock = process.env.SSH_AUTH_SOCK;
    if (!sock)
      throw new AppError(
        'SSH_FAILED',
        'The profile uses the SSH agent, but no agent is running (SSH_AUTH_SOCK is not set).',
        'Start ssh-agent and add your key, or choose a key file in the profile.',
        { field: 'ssh.agent' },
      );
    return { agent: sock };
  }
  try {
    return { privateKey: readFileSync(ssh.keyFile!) };
  } catch (e) {
    throw new AppError(
      'SSH_FAILED',
      `The SSH key file ${ssh.keyFile} cannot be read: ${(e as Error).message}`,
      'Choose a readable private key file in the profile.',
      { field: 'ssh.keyFile' },
    );
  }
}

/**
 * Connects to the bastion with its host key checked against known_hosts, and gives back the
 * ready client. Unknown key → SSH_HOST_KEY_UNKNOWN naming the fingerprint to accept; changed
 * key → SSH_HOST_KEY_CHANGED; unreachable, or the key refused → SSH_FAILED.
 */
async function connectVerified(ssh: SshSettings, onKey?: (key: Buffer) => void): Promise<Client> {
  const known = await readKnownHosts(knownHostsFile(ssh)).catch((e: Error) => {
    throw new AppError(
      'SSH_FAILED',
      `The known_hosts file cannot be read: ${e.message}`,
      'Check the known_hosts path in the profile.',
      { field: 'ssh.knownHostsFile' },
    );
  });
  const auth = authConfig(ssh);
  let verdict: HostKeyVerdict | undefined;
  // Loaded on first use: most profiles have no tunnel, and ssh2 costs every command's start-up.
  const ssh2 = await import('ssh2');
  const client = new (ssh2.Client ?? ssh2.default.Client)();
  return new Promise<Client>((resolve, reject) => {
    client.once('ready', () => resolve(client));
    client.once('error', (e: Error & { level?: string }) => {
      client.end();
      const where = `${ssh.host}:${ssh.port}`;
      if (verdict?.kind === 'unknown') {
        reject(
          new AppError(
            'SSH_HOST_KEY_UNKNOWN',
            `The SSH host ${where} is not in known_hosts. Its ${verdict.keyType} key fingerprint is ${verdict.fingerprint}.`,
            'Compare the fingerprint with the one your server administrator gives you; if it matches, accept it to add it to known_hosts.',
            { field: 'ssh.host' },
          ),
        );
      } else if (verdict?.kind === 'changed') {
        reject(
          new AppError(
            'SSH_HOST_KEY_CHANGED',
            `The SSH host key of ${where} has CHANGED (now ${verdict.keyType} ${verdict.fingerprint}); the connection was refused.`,
            'Someone may be intercepting the connection. Ask your administrator; only if the change is expected, remove the old line from known_hosts.',
            { field: 'ssh.host' },
          ),
        );
      } else if (e.level === 'client-authentication') {
        reject(
          new AppError(
            'SSH_FAILED',
            `The SSH host ${where} refused the key for user ${ssh.user}.`,
            'Check the SSH user and that the public key is in the bastion’s authorized_keys.',
            { field: 'ssh.user' },
          ),
        );
      } else {
        reject(
          new AppError(
            'SSH_FAILED',
            `The SSH host ${where} cannot be reached: ${e.message}`,
            'Check the bastion host and port, and that you are on the right network.',
            { field: 'ssh.host' },
          ),
        );
      }
    });
    try {
      client.connect({
        host: ssh.host,
        port: ssh.port,
        username: ssh.user,
        ...auth,
        readyTimeout: SSH_READY_TIMEOUT_MS,
        keepaliveInterval: 15_000,
        hostVerifier: (key: Buffer) => {
          onKey?.(key);
          verdict = checkHostKey(known, ssh.host, ssh.port, key);
          return verdict.kind === 'known';
        },
      });
    } catch (e) {
      // ssh2 throws synchronously on a key it cannot parse (e.g. encrypted without a passphrase).
      reject(
        new AppError(
          'SSH_FAILED',
          `The SSH key cannot be used: ${(e as Error).message}`,
          'Use an unencrypted key file, or the SSH agent for a key with a passphrase.',
          { field: 'ssh.keyFile' },
        ),
      );
    }
  });
}

/** Opens the tunnel: a listener on 127.0.0.1 whose every connection is forwarded through the bastion. */
export async function openSshTunnel(ssh: SshSettings, target: { host: string; port: number }): Promise<SshTunnel> {
  const client = await connectVerified(ssh);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A reset on either side ends that one connection (pg reports it), never the process.
    socket.on('error', () => socket.destroy());
    client.forwardOut('127.0.0.1', socket.remotePort ?? 0, target.host, target.port, (err, stream) => {
      if (err) return socket.destroy();
      stream.on('error', () => socket.destroy());
      socket.pipe(stream).pipe(socket);
      stream.on('close', () => socket.destroy());
      socket.on('close', () => stream.close());
    });
  });
  const localPort = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
  const tunnel: SshTunnel = {
    localPort,
    closed: false,
    close: async () => {
      if (tunnel.closed) return;
      tunnel.closed = true;
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      client.end();
    },
  };
  client.on('close', () => void tunnel.close());
  // The bastion going away after the handshake: the tunnel closes and the next use reopens it.
  client.on('error', () => void tunnel.close());
  server.on('error', () => void tunnel.close());
  return tunnel;
}

/**
 * Trusts the bastion's current key, but only if it is the one the user was shown: a key that
 * changed in between is not accepted.
 */
export async function acceptHostKey(ssh: SshSettings, fingerprint: string): Promise<{ knownHostsFile: string }> {
  let offered: Buffer | undefined;
  try {
    const client = await connectVerified(ssh, (key) => (offered = key));
    client.end();
    return { knownHostsFile: knownHostsFile(ssh) };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'SSH_HOST_KEY_UNKNOWN' || !offered) throw e;
    if (!e.message.includes(fingerprint)) {
      throw new AppError(
        'SSH_HOST_KEY_CHANGED',
        `The SSH host ${ssh.host}:${ssh.port} now offers a different key than ${fingerprint}; nothing was accepted.`,
        'Test the connection again and compare the new fingerprint.',
      );
    }
    const file = knownHostsFile(ssh);
    await appendKnownHost(file, ssh.host, ssh.port, offered);
    return { knownHostsFile: file };
  }
}

/** One tunnel per profile, reopened when its settings change or the bastion dropped it. */
export class SshTunnels {
  private open = new Map<string, { tunnel: SshTunnel; signature: string }>();
  private opening = new Map<string, Promise<{ host: string; port: number } | undefined>>();

  /** The local endpoint pg should use for this profile, or undefined without `ssh`. */
  route(profile: Profile): Promise<{ host: string; port: number } | undefined> {
    if (!profile.ssh) return Promise.resolve(undefined);
    // Concurrent first connections share one tunnel.
    const pending = this.opening.get(profile.id);
    if (pending) return pending;
    const next = this.routeNow(profile).finally(() => this.opening.delete(profile.id));
    this.opening.set(profile.id, next);
    return next;
  }

  private async routeNow(profile: Profile): Promise<{ host: string; port: number } | undefined> {
    if (!profile.ssh) return undefined;
    const signature = JSON.stringify([profile.ssh, profile.host, profile.port]);
    const existing = this.open.get(profile.id);
    if (existing && existing.signature === signature && !existing.tunnel.closed)
      return { host: '127.0.0.1', port: existing.tunnel.localPort };
    if (existing) await this.close(profile.id);
    const tunnel = await openSshTunnel(profile.ssh, { host: profile.host, port: profile.port });
    this.open.set(profile.id, { tunnel, signature });
    return { host: '127.0.0.1', port: tunnel.localPort };
  }

  isDown(id: string): boolean {
    return this.open.get(id)?.tunnel.closed ?? false;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((id) => this.close(id)));
  }

  async close(id: string): Promise<void> {
    const entry = this.open.get(id);
    this.open.delete(id);
    await entry?.tunnel.close();
  }
}
