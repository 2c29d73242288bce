import { beforeEach, describe, expect, it, vi } from 'vitest';

const app = {
  setPath: vi.fn(),
  getPath: vi.fn(() => '/tmp'),
  requestSingleInstanceLock: vi.fn(() => false),
  quit: vi.fn(),
  // Never ready: these tests look only at what happens before the window exists.
  whenReady: vi.fn(() => new Promise(() => undefined)),
  on: vi.fn(),
};

vi.mock('electron', () => ({
  app,
  BrowserWindow: { getAllWindows: () => [] },
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn() },
  screen: { getAllDisplays: () => [] },
  shell: { openExternal: vi.fn() },
}));

describe('Electron entry', () => {
  beforeEach(() => {
    vi.resetModules();
    app.quit.mockClear();
  });

  it('quits a second instance, leaving the first one to focus its window', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    await import('./index');
    expect(app.quit).toHaveBeenCalled();
  });

  it('keeps the first instance and shares the data folder with the CLI', async () => {
    process.env.TENANTRY_HOME = '/tmp/tenantry-home-for-electron-test';
    app.requestSingleInstanceLock.mockReturnValue(true);
    await import('./index');
    expect(app.quit).not.toHaveBeenCalled();
    expect(app.setPath).toHaveBeenCalledWith('userData', '/tmp/tenantry-home-for-electron-test');
    delete process.env.TENANTRY_HOME;
  });
});
