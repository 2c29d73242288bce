import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { appRoot, rendererDir } from '../core/app-root';
import type { Core } from '../core/create-core';
import { startBrowserServer, type BrowserServer } from '../server/browser-server';
import type { Output } from './output';
import { ct } from './cli-messages';

/** The Electron binary's path when it is installed; electron's npm package exports it as a string. */
export function electronBinary(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const bin = require('electron') as unknown;
    return typeof bin === 'string' && existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/** Opens the desktop window where Electron is installed, else serves browser mode and prints its URL. */
export async function openConsole(opts: {
  core: Core;
  out: Output;
  profileId: string;
  browser: boolean;
  port?: number;
}): Promise<{ server?: BrowserServer; done: Promise<void> }> {
  const bin = opts.browser ? undefined : electronBinary();
  if (bin) {
    const child = spawn(bin, [appRoot()], {
      stdio: 'inherit',
      env: { ...process.env, TENANTRY_PROFILE_ID: opts.profileId },
    });
    return { done: new Promise((resolve) => child.on('exit', () => resolve())) };
  }
  if (!opts.browser) opts.out.warn(ct('serve.noElectron'));
  opts.core.setDefaultProfile(opts.profileId);
  opts.core.setMode('browser');
  const server = await startBrowserServer({ core: opts.core, rendererDir: rendererDir(), port: opts.port });
  if (server.portNote) opts.out.warn(server.portNote);
  return { server, done: new Promise<void>(() => undefined) };
}
