import { BrowserWindow, shell, type WebContents } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isAppUrl } from './ipc-bridge';
import { DEFAULT_WINDOW_STATE, type WindowState } from './window-state';

/** Links the console may open in the user's browser; everything else is refused. */
export const EXTERNAL_ALLOWLIST = ['https://www.postgresql.org/', 'https://github.com/'];

export function isAllowedExternal(url: string): boolean {
  let href: string;
  try {
    // Parsed first, so user-info, odd case or backslashes cannot dress another host up as an allowed one.
    href = new URL(url).href;
  } catch {
    return false;
  }
  return EXTERNAL_ALLOWLIST.some((prefix) => href.startsWith(prefix));
}

/** The URL the window loads: the dev server, or the packaged index.html as a file URL. */
export function appUrlFor(opts: { outDir: string; devUrl?: string }): string {
  return opts.devUrl ?? pathToFileURL(path.join(opts.outDir, 'renderer', 'index.html')).href;
}

export function secureWebPreferences(preloadPath: string): Electron.WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    spellcheck: false,
  };
}

/** Navigation away from the app and new windows are denied; allowlisted links open outside. */
export function lockDownNavigation(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function createMainWindow(opts: { outDir: string; devUrl?: string; state?: WindowState }): BrowserWindow {
  const state = opts.state ?? DEFAULT_WINDOW_STATE;
  const win = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Tenantry',
    backgroundColor: '#111418',
    webPreferences: secureWebPreferences(path.join(opts.outDir, 'preload', 'index.cjs')),
  });
  lockDownNavigation(win.webContents, appUrlFor(opts));
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  if (opts.devUrl) void win.loadURL(opts.devUrl);
  else void win.loadFile(path.join(opts.outDir, 'renderer', 'index.html'));
  return win;
}
