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

export const sampleProjectDir = () => path.join(appRoot(), 'resources', 'sample-project');
export const rendererDir = () => path.join(appRoot(), 'out', 'renderer');
