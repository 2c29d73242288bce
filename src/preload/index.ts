import { contextBridge, ipcRenderer } from 'electron';

const INVOKE_CHANNEL = 'tenantry:invoke';
const EVENT_CHANNEL = 'tenantry:event';

// Two functions and nothing else: no ipcRenderer, no process, no Node.
contextBridge.exposeInMainWorld('tenantry', {
  invoke: (method: string, input: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input),
  on: (event: string, handler: (payload: unknown) => void) => {
    const listener = (_e: unknown, name: string, payload: unknown) => {
      if (name === event) handler(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, listener);
  },
});
