import { homedir } from 'node:os';
import path from 'node:path';

/** The app data folder shared by the desktop app, browser mode and the CLI (CLI.md "Where things live"). */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.TENANTRY_HOME) return path.resolve(env.TENANTRY_HOME);
  if (platform === 'darwin') return path.join(homedir(), 'Library', 'Application Support', 'Tenantry');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(homedir(), 'AppData', 'Roaming'), 'Tenantry');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(homedir(), '.config'), 'Tenantry');
}
