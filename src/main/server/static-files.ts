import { promises as fs } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Serves the built renderer; unknown paths get index.html so the app's own routes work. */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  const decoded = decodeURIComponent(urlPath.split('?')[0]);
  const resolved = path.resolve(root, '.' + (decoded === '/' ? '/index.html' : decoded));
  if (!resolved.startsWith(path.resolve(root) + path.sep)) {
    res.writeHead(404).end();
    return;
  }
  let file = resolved;
  let body: Buffer;
  try {
    body = await fs.readFile(file);
  } catch {
    file = path.join(root, 'index.html');
    try {
      body = await fs.readFile(file);
    } catch {
      res.writeHead(503, { 'Content-Type': 'text/plain' }).end('The renderer is not built. Run `npm run build`.');
      return;
    }
  }
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
  });
  res.end(body);
}
