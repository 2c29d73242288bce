import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Core } from './core/create-core';

export const INVOKE_CHANNEL = 'tenantry:invoke';
export const EVENT_CHANNEL = 'tenantry:event';

/**
 * Is `url` the app itself? The dev server by origin (a prefix test would let
 * `http://localhost:5173.evil.example` in); the packaged app by its one index.html file (a
 * `file://` prefix would let any local file in).
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const u = new URL(url);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') return u.protocol === 'file:' && u.host === app.host && u.pathname === app.pathname;
    return u.origin === app.origin;
  } catch {
    return false;
  }
}

/** Only our own top frame, loaded from our own files (or the dev server), may call the core. */
export function isTrustedSender(event: IpcMainInvokeEvent, appUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, appUrl);
}

export function registerIpcBridge(
  ipcMain: IpcMain,
  core: Pick<Core, 'api' | 'bus'>,
  appUrl: string,
  windows: () => WebContents[],
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event, appUrl))
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted from the console window only.' } };
    // core.api validates the input against the contract and answers with the envelope.
    return core.api.call(String(method), input);
  });
  const unsubscribe = core.bus.onAny((name, payload) => {
    for (const contents of windows()) if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    unsubscribe();
  };
}
