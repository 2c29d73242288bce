// Whole-process timing for the CLI benches: each command is a child process (start-up included),
// timed with Node's clock around spawn … exit; medians of `runs`, floor and tenantry alternated.
// (No dash in the name: bench/run.mjs skips it.)
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// TENANTRY_BENCH_CLI: a private copy of the build (other builds replace out/cli's chunks meanwhile).
export const cli = process.env.TENANTRY_BENCH_CLI ?? path.join(root, 'out', 'cli', 'tenantry.mjs');

export function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** A data folder of its own, so the benches never read or write the user's profiles and backups. */
export const benchHome = () => mkdtempSync(path.join(tmpdir(), 'tenantry-cli-bench-'));

/** Runs one process to its end; resolves with its wall seconds and output, rejects on a non-zero exit. */
export function timed(bin, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(bin, args, { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      if (code === 0 || (opts.okCodes ?? []).includes(code)) resolve({ seconds, out, err, code });
      else reject(new Error(`${path.basename(bin)} ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`));
    });
  });
}

export const tenantry = (args, opts = {}) => timed(process.execPath, [cli, ...args], opts);

// TENANTRY_BENCH_CLI_BEFORE: a copy of an earlier build, timed in the same rounds as `cli` (the
// start-up, status and restore sections print its ratio beside the current one).
export const cliBefore = process.env.TENANTRY_BENCH_CLI_BEFORE;
export const tenantryBefore = (args, opts = {}) => timed(process.execPath, [cliBefore, ...args], opts);
/** `variants` plus a `before` variant (the same work with the earlier build) when one is given. */
export const withBefore = (variants, before) => (cliBefore ? { ...variants, before } : variants);

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Medians of `runs` alternated rounds. `prepare(round)` runs untimed before each round (fresh
 * database copies); each of `variants` is an async function returning the seconds it took.
 */
export async function rounds(runs, variants, prepare) {
  const seconds = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let r = 0; r < runs; r++) {
    const state = prepare ? await prepare(r) : undefined;
    const order = Object.keys(variants);
    if (r % 2) order.reverse();
    for (const k of order) seconds[k].push(await variants[k](state, r));
  }
  return Object.fromEntries(Object.entries(seconds).map(([k, xs]) => [k, { median: median(xs), all: xs }]));
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** Prints `tenantry s / floor s = ratio` lines and collects them for the summary table. */
export function reporter(title) {
  const rows = [];
  console.log(`\n${title} — ${new Date().toISOString().slice(0, 16)}Z, load average ${load()}`);
  return {
    ratio(work, ours, floor, target) {
      const ratio = ours / floor;
      rows.push({ work, ours, floor, ratio, target });
      console.log(
        `  ${work}: tenantry ${ours.toFixed(3)} s / floor ${floor.toFixed(3)} s = ${ratio.toFixed(2)}${target ? `  (target ≤ ${target})` : ''}`,
      );
    },
    note(line) {
      console.log(`  ${line}`);
    },
    end() {
      console.log(`  (load average at the end ${load()})`);
      return rows;
    },
  };
}
