import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Core } from './core/create-core';

export const INVOKE_CHANNEL = 'tenantry:invoke';
export const EVENT_CHANNEL = 'tenantry:event';

/** Only our own top frame, loaded from our own files (or the dev server), may call the core. */
export function isTrustedSender(event: IpcMainInvokeEvent, appUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return frame.url.startsWith(appUrl);
}

export function registerIpcBridge(ipcMain: IpcMain, core: Pick<Core, 'api' | 'bus'>, appUrl: string, windows: () => WebContents[]): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event, appUrl)) return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted from the console window only.' } };
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
