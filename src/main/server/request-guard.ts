import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Only our own address may talk to us: this stops DNS rebinding and cross-site requests. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function isForeign(req: IncomingMessage, port: number): boolean {
  const hosts = allowedHosts(port);
  if (!hosts.has(req.headers.host ?? '')) return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  return ![...hosts].some((h) => origin === `http://${h}`);
}

export function hasToken(req: IncomingMessage, token: string, url: URL): boolean {
  const auth = req.headers.authorization ?? '';
  const given = auth.startsWith('Bearer ') ? auth.slice(7) : (url.searchParams.get('token') ?? '');
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
