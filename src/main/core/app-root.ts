import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The folder holding Tenantry's package.json: built files, resources and the sample project hang off it. */
export function appRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  if (cached) return cached;
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'tenantry') return (cached = dir);
  }
  throw new Error(`Tenantry's package.json was not found above ${from}`);
}

/** Electron sets this in a packaged app (…/resources); undefined under Node (CLI, tests). */
const electronResourcesPath = (): string | undefined =>
  (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;

/**
 * Where a resource lives: a packaged app keeps them in process.resourcesPath (electron-builder's
 * extraResources, outside app.asar so child processes can read them); the repository keeps them in
 * <root>/resources.
 */
export function resourcePath(name: string, opts: { resourcesPath?: string; root?: () => string } = {}): string {
  const packaged = 'resourcesPath' in opts ? opts.resourcesPath : electronResourcesPath();
  if (packaged && existsSync(path.join(packaged, name))) return path.join(packaged, name);
  return path.join((opts.root ?? appRoot)(), 'resources', name);
}

export const sampleProjectDir = () => resourcePath('sample-project');
/** The domains sample: one database split by domain into named schemas. */
export const sampleDomainsDir = () => resourcePath('sample-domains');
export const rendererDir = () => path.join(appRoot(), 'out', 'renderer');
