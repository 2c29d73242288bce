import net from 'node:net';
import { Server, utils, type ParsedKey } from 'ssh2';

/** A test fixture only: a real SSH server (ssh2's own) on 127.0.0.1 that forwards direct-tcpip. */
export interface TestSshServer {
  port: number;
  hostKeyBlob: Buffer;
  /** Every forward asked for, as host:port. */
  forwards: string[];
  /** Connections open right now. */
  open(): number;
  close(): Promise<void>;
}

/**
 * ssh2 writes about one ed25519 key in 200 with its public half cut to 31 bytes (a leading zero byte
 * dropped), which its own parser then refuses as malformed: such a key is drawn again.
 */
export function newSshKey(): { privatePem: string; parsed: ParsedKey } {
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519');
    const parsed = utils.parseKey(pair.private);
    if (!(parsed instanceof Error))
      return { privatePem: pair.private, parsed: Array.isArray(parsed) ? parsed[0] : parsed };
  }
}

export async function startTestSshServer(opts: {
  hostKey: string;
  user: string;
  clientKey: ParsedKey;
  port?: number;
}): Promise<TestSshServer> {
  const forwards: string[] = [];
  const connections = new Set<unknown>();
  const allowed = opts.clientKey.getPublicSSH();
  const server = new Server({ hostKeys: [opts.hostKey] }, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey' || ctx.username !== opts.user || !ctx.key.data.equals(allowed))
        return ctx.reject(['publickey']);
      if (!ctx.signature) return ctx.accept();
      return opts.clientKey.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject();
    });
    client.on('ready', () => {
      client.on('tcpip', (accept, _reject, info) => {
        forwards.push(`${info.destIP}:${info.destPort}`);
        const stream = accept();
        const socket = net.connect(info.destPort, info.destIP);
        stream.pipe(socket).pipe(stream);
        socket.on('error', () => stream.close());
        socket.on('close', () => stream.close());
        stream.on('close', () => socket.destroy());
      });
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
  const host = utils.parseKey(opts.hostKey);
  const hostKeyBlob = (Array.isArray(host) ? host[0] : (host as ParsedKey)).getPublicSSH();
  return {
    port,
    hostKeyBlob,
    forwards,
    open: () => connections.size,
    close: async () => {
      for (const c of connections) (c as { end(): void }).end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
