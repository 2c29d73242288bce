import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoot, resourcePath, sampleProjectDir } from './app-root';

const tmp = mkdtempSync(path.join(tmpdir(), 'tenantry-app-root-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('app root and resources', () => {
  it('finds the repository by its package.json, and the sample project under resources/', () => {
    expect(path.basename(sampleProjectDir())).toBe('sample-project');
    expect(sampleProjectDir()).toBe(path.join(appRoot(), 'resources', 'sample-project'));
  });

  it('in a packaged app, takes resources from process.resourcesPath (outside app.asar)', () => {
    // The layout electron-builder makes: <install>/resources/{app.asar, sample-project/}.
    const resources = path.join(tmp, 'install', 'resources');
    mkdirSync(path.join(resources, 'sample-project', 'migrations'), { recursive: true });
    mkdirSync(path.join(resources, 'app.asar'), { recursive: true });
    writeFileSync(path.join(resources, 'app.asar', 'package.json'), JSON.stringify({ name: 'tenantry' }));
    expect(
      resourcePath('sample-project', { resourcesPath: resources, root: () => path.join(resources, 'app.asar') }),
    ).toBe(path.join(resources, 'sample-project'));
  });

  it('falls back to <root>/resources when the packaged folder lacks it, or outside Electron', () => {
    const root = path.join(tmp, 'repo');
    expect(resourcePath('icon.png', { resourcesPath: path.join(tmp, 'nowhere'), root: () => root })).toBe(
      path.join(root, 'resources', 'icon.png'),
    );
    expect(resourcePath('sample-project', { resourcesPath: undefined, root: () => root })).toBe(
      path.join(root, 'resources', 'sample-project'),
    );
  });
});
