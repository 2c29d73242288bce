import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from './window-state';

const dirs: string[] = [];
const file = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tenantry-win-'));
  dirs.push(dir);
  return path.join(dir, 'window-state.json');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const display = { workArea: { x: 0, y: 0, width: 1920, height: 1080 } };

describe('window state', () => {
  it('remembers size, place and maximised state', async () => {
    const f = file();
    await saveWindowState(f, { x: 100, y: 80, width: 1200, height: 700, maximized: true });
    expect(loadWindowState(f, [display])).toEqual({ x: 100, y: 80, width: 1200, height: 700, maximized: true });
  });

  it('drops a place that is on no connected display', async () => {
    const f = file();
    await saveWindowState(f, { x: 3000, y: 80, width: 1200, height: 700, maximized: false });
    expect(loadWindowState(f, [display])).toEqual({ width: 1200, height: 700, maximized: false });
  });

  it('falls back to the default for a missing or broken file, and keeps a minimum size', () => {
    expect(loadWindowState(path.join(tmpdir(), 'no-such-window-state.json'), [display])).toEqual(DEFAULT_WINDOW_STATE);
    const f = file();
    writeFileSync(f, '{ nope');
    expect(loadWindowState(f, [display])).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(f, JSON.stringify({ width: 10, height: 10 }));
    expect(loadWindowState(f, [display])).toMatchObject({ width: 960, height: 600 });
  });
});
