import { app, BrowserWindow, ipcMain } from 'electron';
import path from 'node:path';
import { resolveDataDir } from './core/app-paths';
import { createCore } from './core/create-core';
import { registerIpcBridge } from './ipc-bridge';
import { createMainWindow } from './window';

// The app and the CLI share one data folder (CLI.md "Where things live").
app.setPath('userData', resolveDataDir());

async function main(): Promise<void> {
  await app.whenReady();
  const core = await createCore({ mode: 'electron', dataDir: app.getPath('userData'), defaultProfileId: process.env.TENANTRY_PROFILE_ID });
  const outDir = path.join(__dirname, '..');
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  registerIpcBridge(ipcMain, core, devUrl ?? 'file://', () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  createMainWindow({ outDir, devUrl });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow({ outDir, devUrl });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => void core.close());
}

void main();
