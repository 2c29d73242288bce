import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {};
  const created: { options: Record<string, unknown> }[] = [];
  return {
    exposed,
    created,
    openExternal: vi.fn(async () => undefined),
    ipcInvoke: vi.fn(async () => ({ ok: true, data: 1 })),
    ipcOn: vi.fn(),
    ipcRemove: vi.fn(),
  };
});

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class FakeContents extends EventEmitter {
    openHandler?: (d: { url: string }) => { action: string };
    setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
      this.openHandler = h;
    }
  }
  class BrowserWindow extends EventEmitter {
    webContents = new FakeContents();
    constructor(options: Record<string, unknown>) {
      super();
      electron.created.push({ options });
    }
    loadURL = vi.fn(async () => undefined);
    loadFile = vi.fn(async () => undefined);
    show = vi.fn();
  }
  return {
    BrowserWindow,
    shell: { openExternal: electron.openExternal },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (electron.exposed[key] = api) },
    ipcRenderer: { invoke: electron.ipcInvoke, on: electron.ipcOn, removeListener: electron.ipcRemove },
  };
});

const { createMainWindow, isAllowedExternal, lockDownNavigation, secureWebPreferences, appUrlFor } =
  await import('./window');
const { registerIpcBridge, isTrustedSender, INVOKE_CHANNEL } = await import('./ipc-bridge');

type Contents = EventEmitter & { openHandler?: (d: { url: string }) => { action: string } };

function navigate(contents: Contents, url: string): boolean {
  let prevented = false;
  contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('the Electron window', () => {
  beforeEach(() => electron.openExternal.mockClear());

  it('isolates the renderer: contextIsolation, sandbox, no Node', () => {
    createMainWindow({ outDir: '/opt/tenantry/out' });
    const prefs = electron.created.at(-1)!.options.webPreferences as Electron.WebPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(prefs.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
  });

  it('denies navigation away from the app (packaged and dev server)', () => {
    const appUrl = appUrlFor({ outDir: '/opt/tenantry/out' });
    const contents = new EventEmitter() as Contents & { setWindowOpenHandler(h: never): void };
    contents.setWindowOpenHandler = (h) => (contents.openHandler = h);
    lockDownNavigation(contents as never, appUrl);
    expect(navigate(contents, appUrl)).toBe(false);
    expect(navigate(contents, 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'file:///opt/tenantry/out/renderer/other.html')).toBe(true);

    const dev = new EventEmitter() as Contents & { setWindowOpenHandler(h: never): void };
    dev.setWindowOpenHandler = () => undefined;
    lockDownNavigation(dev as never, 'http://localhost:5173');
    expect(navigate(dev, 'http://localhost:5173/#/tenants')).toBe(false);
    expect(navigate(dev, 'http://localhost:5173.evil.example/')).toBe(true);
    let webview = false;
    dev.emit('will-attach-webview', { preventDefault: () => (webview = true) });
    expect(webview).toBe(true);
  });

  it('denies every new window; opens only allowlisted links outside', () => {
    const contents = new EventEmitter() as Contents & { setWindowOpenHandler(h: never): void };
    contents.setWindowOpenHandler = (h) => (contents.openHandler = h);
    lockDownNavigation(contents as never, 'http://localhost:5173');
    expect(contents.openHandler!({ url: 'https://www.postgresql.org/docs/' })).toEqual({ action: 'deny' });
    expect(electron.openExternal).toHaveBeenCalledWith('https://www.postgresql.org/docs/');
    for (const url of [
      'https://evil.example/',
      'http://www.postgresql.org/',
      'https://github.com.evil.example/',
      'https://www.postgresql.org@evil.example/',
      'javascript:alert(1)',
      'file:///etc/passwd',
    ]) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
      expect(isAllowedExternal(url)).toBe(false);
    }
    expect(electron.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('the IPC bridge', () => {
  function setup() {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
    const ipcMain = {
      handle: (ch: string, fn: never) => handlers.set(ch, fn),
      removeHandler: (ch: string) => handlers.delete(ch),
    };
    const call = vi.fn(async () => ({ ok: true, data: 'core answered' }));
    const bus = { onAny: () => () => undefined };
    const appUrl = appUrlFor({ outDir: '/opt/tenantry/out' });
    registerIpcBridge(ipcMain as never, { api: { call }, bus } as never, appUrl, () => []);
    return { invoke: handlers.get(INVOKE_CHANNEL)!, call, appUrl };
  }
  const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

  it('answers the app’s own top frame', async () => {
    const { invoke, call, appUrl } = setup();
    expect(await invoke(frame(appUrl), 'profiles.list', {})).toEqual({ ok: true, data: 'core answered' });
    expect(call).toHaveBeenCalledWith('profiles.list', {});
  });

  it('rejects foreign frames, subframes and frameless senders with FORBIDDEN', async () => {
    const { invoke, call, appUrl } = setup();
    for (const event of [
      frame('https://evil.example/'),
      frame('file:///tmp/evil.html'),
      frame(appUrl, { url: appUrl }),
      { senderFrame: null },
    ]) {
      expect(await invoke(event, 'profiles.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(call).not.toHaveBeenCalled();
    expect(isTrustedSender(frame('http://localhost:5173.evil.example/') as never, 'http://localhost:5173')).toBe(false);
  });
});

describe('the preload', () => {
  it('exposes exactly invoke and on, over the two channels', async () => {
    await import('../preload/index');
    const api = electron.exposed.tenantry as Record<string, (...a: unknown[]) => unknown>;
    expect(Object.keys(electron.exposed)).toEqual(['tenantry']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    await api.invoke('app.info', {});
    expect(electron.ipcInvoke).toHaveBeenCalledWith('tenantry:invoke', 'app.info', {});
    const handler = vi.fn();
    const off = api.on('job.update', handler) as () => void;
    const listener = electron.ipcOn.mock.calls[0][1] as (e: unknown, name: string, payload: unknown) => void;
    listener({ sender: 'not passed on' }, 'job.update', { id: 'x' });
    listener({}, 'connection.state', { id: 'y' });
    expect(handler.mock.calls).toEqual([[{ id: 'x' }]]);
    off();
    expect(electron.ipcRemove).toHaveBeenCalled();
  });
});
