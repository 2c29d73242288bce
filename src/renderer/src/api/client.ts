import type { TenantryBridge } from '../../../shared/api-types';
import type { Input, Method, Output } from '../../../shared/contract';
import type { ErrorData } from '../../../shared/errors';
import type { EventName, EventPayload } from '../../../shared/events';

declare global {
  interface Window {
    tenantry?: TenantryBridge;
  }
}

/** A failed call, carrying the envelope's error so screens can show message and hint. */
export class ApiError extends Error {
  constructor(readonly error: ErrorData) {
    super(error.message);
  }
}

export interface Client {
  mode: 'electron' | 'browser';
  invoke<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
}

const TOKEN_KEY = 'tenantry.token';

/** Takes the token from the URL once, then drops it from the address bar (CLI.md "Browser mode on the wire"). */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function browserBridge(): TenantryBridge {
  const token = takeToken();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let socket: WebSocket | undefined;
  let retry = 500;

  function connect(): void {
    const proto = window.location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${proto}://${window.location.host}/events?token=${encodeURIComponent(token)}`);
    socket.onmessage = (msg) => {
      const { event, payload } = JSON.parse(String(msg.data)) as { event: string; payload: unknown };
      listeners.get(event)?.forEach((h) => h(payload));
    };
    socket.onopen = () => (retry = 500);
    socket.onclose = () => {
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10_000);
    };
  }
  connect();

  return {
    async invoke(method, input) {
      const res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
      return res.json();
    },
    on(event, handler) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(handler as (p: unknown) => void);
      return () => set.delete(handler as (p: unknown) => void);
    },
  };
}

/** The preload bridge inside Electron, HTTP/WebSocket in a browser: same type, same calls. */
export function createClient(bridge: TenantryBridge | undefined = window.tenantry): Client {
  const mode = bridge ? 'electron' : 'browser';
  const transport = bridge ?? browserBridge();
  return {
    mode,
    async invoke(method, input) {
      let envelope;
      try {
        envelope = await transport.invoke(method, input);
      } catch (e) {
        throw new ApiError({
          code: 'CONNECTION_FAILED',
          message: `The console's core did not answer: ${(e as Error).message}`,
          hint: 'Is `tenantry serve` still running?',
        });
      }
      if (!envelope.ok) throw new ApiError(envelope.error);
      return envelope.data;
    },
    on: (event, handler) => transport.on(event, handler),
  };
}

let shared: Client | undefined;
export function api(): Client {
  return (shared ??= createClient());
}
