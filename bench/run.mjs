// Runs every bench/<area>-*.mjs in turn, passing through the arguments (e.g. --tenants 100).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dir = path.dirname(new URL(import.meta.url).pathname);
// Helpers (`*lib*.mjs`) are imported by the benches, never run on their own.
const benches = readdirSync(dir)
  .filter((f) => /^[a-z]+-.*\.mjs$/.test(f) && !/lib\.mjs$/.test(f))
  .sort();
let failed = 0;
for (const bench of benches) {
  process.stdout.write(`\n== ${bench}\n`);
  const result = spawnSync(process.execPath, [path.join(dir, bench), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
