import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeJsonAtomic } from './core/atomic-file';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Display {
  workArea: { x: number; y: number; width: number; height: number };
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1360, height: 860, maximized: false };

export function windowStateFile(dataDir: string): string {
  return path.join(dataDir, 'window-state.json');
}

/** The last size and place, if it still fits on a connected display (monitors get unplugged). */
export function loadWindowState(file: string, displays: Display[]): WindowState {
  let saved: Partial<WindowState>;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  const width = Number.isFinite(saved.width) ? Math.max(960, Number(saved.width)) : DEFAULT_WINDOW_STATE.width;
  const height = Number.isFinite(saved.height) ? Math.max(600, Number(saved.height)) : DEFAULT_WINDOW_STATE.height;
  const state: WindowState = { width, height, maximized: saved.maximized === true };
  if (Number.isFinite(saved.x) && Number.isFinite(saved.y)) {
    const x = Number(saved.x);
    const y = Number(saved.y);
    const visible = displays.some(
      ({ workArea: a }) => x + 100 > a.x && x + 100 < a.x + a.width && y + 20 > a.y && y + 20 < a.y + a.height,
    );
    if (visible) Object.assign(state, { x, y });
  }
  return state;
}

export function saveWindowState(file: string, state: WindowState): Promise<void> {
  return writeJsonAtomic(file, state);
}
