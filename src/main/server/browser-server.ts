import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { ErrorData } from '../../shared/errors';
import type { Core } from '../core/create-core';
import { hasToken, isForeign } from './request-guard';
import { serveStatic } from './static-files';

const MAX_BODY = 10 * 1024 * 1024;
/** How much of an oversized body is read (and dropped) before the connection is cut. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  /** Set when the asked-for port was taken and another was used. */
  portNote?: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  core: Pick<Core, 'api' | 'bus'>;
  rendererDir: string;
  port?: number;
  token?: string;
}

/** Browser mode: the same api over HTTP and its events over WebSocket, on 127.0.0.1 only, behind a token. */
export async function startBrowserServer({
  core,
  rendererDir,
  port,
  token = randomBytes(24).toString('base64url'),
}: ServeOptions): Promise<BrowserServer> {
  let boundPort = 0;
  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (isForeign(req, boundPort)) return sendJson(res, 403, fail('FORBIDDEN', 'Foreign Origin or Host.'));
    const guarded = url.pathname.startsWith('/api/') || url.pathname === '/events';
    if (guarded && !hasToken(req, token, url))
      return sendJson(
        res,
        401,
        fail(
          'UNAUTHORIZED',
          'This address has no valid access token.',
          'Open the whole address the terminal printed when the console started (tenantry serve, tenantry sandbox or npm run sandbox); it ends in ?token=… and changes at every start.',
        ),
      );
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendJson(res, 405, fail('VALIDATION_FAILED', 'Calls are POST requests.'));
      const body = await readBody(req);
      if (body === undefined) return tooLarge(res);
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body) : {};
      } catch {
        return sendJson(res, 400, fail('VALIDATION_FAILED', 'The request body is not JSON.'));
      }
      const envelope = await core.api.call(decodeURIComponent(url.pathname.slice('/api/'.length)), input);
      return sendJson(res, 200, envelope);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, fail('VALIDATION_FAILED', 'Method not allowed.'));
    await serveStatic(rendererDir, url.pathname, res);
  }

  const wss = new WebSocketServer({ noServer: true });
  // A tab closed mid-frame or a reset socket is that client's end, never the server's.
  wss.on('connection', (ws) => ws.on('error', () => ws.terminate()));
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reject = (status: number) => {
      socket.write(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
    };
    if (isForeign(req, boundPort)) return reject(403);
    if (url.pathname !== '/events') return reject(403);
    if (!hasToken(req, token, url)) return reject(401);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });
  const unsubscribe = core.bus.onAny((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(message);
  });

  let portNote: string | undefined;
  try {
    boundPort = await listen(server, port ?? 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === undefined) throw e;
    boundPort = await listen(server, 0);
    portNote = `Port ${port} is taken; browser mode uses port ${boundPort} instead.`;
  }

  return {
    url: `http://127.0.0.1:${boundPort}/?token=${token}`,
    port: boundPort,
    token,
    portNote,
    close: async () => {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function fail(code: ErrorData['code'], message: string, hint?: string) {
  return { ok: false, error: { code, message, ...(hint ? { hint } : {}) } };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

/**
 * 413 with the envelope. The rest of the body is read and thrown away (never kept) so the client
 * gets the answer instead of a reset connection; the connection is closed after it.
 */
function tooLarge(res: ServerResponse): void {
  res.setHeader('Connection', 'close');
  sendJson(
    res,
    413,
    fail(
      'REQUEST_TOO_LARGE',
      `The request body is larger than ${MAX_BODY / (1024 * 1024)} MB.`,
      'Send less at once: narrow the selection or split the call.',
    ),
  );
}

/**
 * The body as text, or undefined when it passes MAX_BODY. An oversized body is still read to its
 * end (and dropped) so the 413 reaches the client; past DRAIN_LIMIT the connection is cut.
 */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
      else if (chunks.length) chunks.length = 0;
      if (size > DRAIN_LIMIT) req.destroy();
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
