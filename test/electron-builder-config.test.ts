import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

/**
 * CI cannot fetch Electron, so it checks the packaging instead: the configuration is valid for
 * electron-builder (its own schema validator), names the four installers, and every file it
 * packages exists once `npm run build` has run.
 */
const root = path.resolve(import.meta.dirname, '..');
const config = YAML.parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('electron-builder.yml', () => {
  it('passes electron-builder own configuration validation', async () => {
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(c: unknown, log: unknown): Promise<void>;
    };
    const log = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(config, log)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, nsis: { oneClick: 'maybe' } }, log)).rejects.toThrow(
      /oneClick should be a boolean/,
    );
  });

  it('builds AppImage and deb for Linux, dmg for macOS, nsis for Windows, with the app icon', () => {
    expect(config.appId).toMatch(/^[a-z0-9.]+$/);
    expect(config.productName).toBe('Tenantry');
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
    const icon = readFileSync(path.join(root, config.icon));
    expect(icon.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([512, 512]);
    expect(pkg.scripts.package).toContain('electron-builder');
  });

  it('packages files that exist after the build: main entry, preload, renderer, the console SQL', () => {
    const files: string[] = config.files.filter((f: string) => !f.startsWith('!'));
    for (const pattern of files) {
      const base = pattern.replace(/\/\*\*.*$/, '');
      expect(existsSync(path.join(root, base)), `${pattern} (run npm run build first)`).toBe(true);
    }
    expect(files.some((f) => pkg.main.startsWith(f.replace(/\*\*$/, '')))).toBe(true);
    for (const entry of [pkg.main, 'out/preload/index.cjs', 'out/renderer/index.html'])
      expect(existsSync(path.join(root, entry)), entry).toBe(true);
    for (const extra of config.extraResources) expect(existsSync(path.join(root, extra.from)), extra.from).toBe(true);
  });
});
