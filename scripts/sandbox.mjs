// `npm run sandbox -- ARGS`: build what is missing or stale, then `tenantry sandbox ARGS`.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
await import('./ensure-built.mjs');
const child = spawn(process.execPath, [path.join(root, 'out/cli/tenantry.mjs'), 'sandbox', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
