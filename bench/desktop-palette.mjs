// The command palette over a big fleet: every keystroke ranks N tenants and N backups (plus the
// screens and actions). Measured against a floor in the same run: one plain lower-case `includes`
// pass over the same labels, lower-cased beforehand (the least work that still looks at every
// item once per keystroke).
//   node bench/desktop-palette.mjs [--tenants 10000] [--backups 10000]
// The figure that matters is the time per keystroke against a 16.7 ms frame.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TENANTS = arg('tenants', 10_000);
const BACKUPS = arg('backups', 10_000);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, 'node_modules', '.cache', 'tenantry-bench');
mkdirSync(outDir, { recursive: true });
const outfile = path.join(outDir, 'palette-search.mjs');
await build({
  entryPoints: [path.join(root, 'src/renderer/src/components/palette-search.ts')],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  logLevel: 'warning',
});
const { searchPalette, fold } = await import(pathToFileURL(outfile).href);

const WORDS = ['Colegio', 'Escuela', 'Liceo', 'Instituto', 'Academia', 'Jardín', 'Politécnico'];
const SAINTS = ['San José', 'Santa María', 'San Martín', 'Cervantes', 'Bolívar', 'Sarmiento', 'Mistral', 'Neruda'];
const items = [];
for (let i = 0; i < 12; i++) items.push({ id: `screen:${i}`, kind: 'screen', label: `Go to Screen ${i}`, run() {} });
for (let i = 0; i < 10; i++) items.push({ id: `action:${i}`, kind: 'action', label: `Action number ${i}`, run() {} });
for (let i = 0; i < TENANTS; i++) {
  const name = `${WORDS[i % WORDS.length]} ${SAINTS[(i * 7) % SAINTS.length]} ${i}`;
  items.push({
    id: `tenant:${i}`,
    kind: 'tenant',
    label: name,
    detail: `tenant_${fold(name).replace(/\W+/g, '_')}_${i.toString(16).padStart(4, '0')}`,
    run() {},
  });
}
for (let i = 0; i < BACKUPS; i++)
  items.push({
    id: `backup:${i}`,
    kind: 'backup',
    label: `tenant_colegio_${i}`,
    detail: `20250${1 + (i % 9)}01T0000Z-${i} manual`,
    run() {},
  });

// What a user types, one keystroke at a time.
const keystrokes = [];
for (const word of ['colegio san mar', 'neruda 99', 'go to mig', 'zzz'])
  for (let n = 1; n <= word.length; n++) keystrokes.push(word.slice(0, n));

// The floor's haystacks are lower-cased once, as the palette folds each item once.
const hays = items.map((it) => `${it.label} ${it.detail ?? ''}`.toLowerCase());
function floorPass(q) {
  const needle = q.toLowerCase();
  let hits = 0;
  for (const h of hays) if (h.includes(needle)) hits++;
  return hits;
}

function timePer(fn) {
  const runs = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (const q of keystrokes) fn(q);
    runs.push((performance.now() - t0) / keystrokes.length);
  }
  return Math.min(...runs);
}

// The first keystroke after the palette opens folds every item once.
const fresh = items.map((it) => ({ ...it }));
const t0 = performance.now();
searchPalette(fresh, 'c');
const first = performance.now() - t0;

timePer(floorPass); // warm up both paths before measuring
timePer((q) => searchPalette(items, q));
const floor = timePer(floorPass);
const palette = timePer((q) => searchPalette(items, q));
console.log(`items: ${items.length} (${TENANTS} tenants, ${BACKUPS} backups); ${keystrokes.length} keystrokes`);
console.log(`floor (one includes pass per item):     ${floor.toFixed(2)} ms per keystroke`);
console.log(`palette (fold accents, rank, sort, 60): ${palette.toFixed(2)} ms per keystroke`);
console.log(`first keystroke (folds every item):     ${first.toFixed(2)} ms`);
console.log(
  `ratio palette / floor: ${(palette / floor).toFixed(2)}×; frame budget 16.7 ms: ${palette < 16.7 ? 'within' : 'over'}`,
);
