import { app, BrowserWindow, ipcMain, Menu, screen } from 'electron';
import path from 'node:path';
import { menuLanguage, menuTemplate } from './app-menu';
import { resolveDataDir } from './core/app-paths';
import { createCore } from './core/create-core';
import { registerIpcBridge } from './ipc-bridge';
import { appUrlFor, createMainWindow } from './window';
import { loadWindowState, saveWindowState, windowStateFile } from './window-state';

// The app and the CLI share one data folder (CLI.md "Where things live").
app.setPath('userData', resolveDataDir());

// One console per user: a second start focuses the first window instead.
if (!app.requestSingleInstanceLock()) app.quit();

async function main(): Promise<void> {
  await app.whenReady();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate(process.platform, 'Tenantry', menuLanguage(app.getLocale()))),
  );
  const core = await createCore({
    mode: 'electron',
    dataDir: app.getPath('userData'),
    defaultProfileId: process.env.TENANTRY_PROFILE_ID,
  });
  const outDir = path.join(__dirname, '..');
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  registerIpcBridge(ipcMain, core, appUrlFor({ outDir, devUrl }), () =>
    BrowserWindow.getAllWindows().map((w) => w.webContents),
  );
  const stateFile = windowStateFile(core.dataDir);
  const open = () => {
    const win = createMainWindow({ outDir, devUrl, state: loadWindowState(stateFile, screen.getAllDisplays()) });
    win.on('close', () => void saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() }));
    // A crashed renderer is reloaded; jobs live in main and show up again once it is back.
    win.webContents.on('render-process-gone', (_e, details) => {
      if (details.reason !== 'clean-exit') win.reload();
    });
    return win;
  };
  open();
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (!win) return void open();
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => void core.close());
}

void main();
