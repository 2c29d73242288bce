// Several `tenantry` processes on one data folder at once: what the cross-process file lock and
// the audit anchor cost, as whole processes (start-up included) against floors in the same run.
//   node bench/side-by-side.mjs [--runs 3] [--processes 8]
// Floor: the same number of `tenantry profiles list` at once (same start-up, reads the data
// folder, writes nothing). Needs `npm run build:cli`. Makes only temp data folders, no database.
import { rmSync } from 'node:fs';
import { benchHome, flag, reporter, rounds, tenantry } from './cli.lib.mjs';

const RUNS = Number(flag('runs', '3'));
const P = Number(flag('processes', '8'));
const homes = [];
const freshHome = () => {
  const home = benchHome();
  homes.push(home);
  return { TENANTRY_HOME: home };
};

/** Starts `count` processes at once; resolves with the wall seconds until the last one exits. */
async function together(count, argsFor, env) {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: count }, (_, i) => tenantry(argsFor(i), { env })));
  return (performance.now() - t0) / 1000;
}

try {
  const rep = reporter(`${P} processes at once on one data folder (medians of ${RUNS})`);
  const adds = await rounds(RUNS, {
    floor: async () => together(P, () => ['profiles', 'list', '--json'], freshHome()),
    ours: async () =>
      together(
        P,
        (i) => ['profiles', 'add', `p${i}`, '--uri', `postgres://u@127.0.0.1:5432/db${i}`, '--json'],
        freshHome(),
      ),
  });
  rep.ratio(
    `${P} × profiles add (locked read-modify-write of profiles.json + an audit line each)`,
    adds.ours.median,
    adds.floor.median,
  );

  const one = await rounds(RUNS, {
    floor: async () => together(1, () => ['profiles', 'list', '--json'], freshHome()),
    ours: async () =>
      together(1, () => ['profiles', 'add', 'solo', '--uri', 'postgres://u@127.0.0.1:5432/db', '--json'], freshHome()),
  });
  rep.ratio('1 × profiles add, alone', one.ours.median, one.floor.median);

  // verify (chain and anchor) against list, which reads every line too.
  const env = freshHome();
  await together(P, (i) => ['profiles', 'add', `v${i}`, '--uri', `postgres://u@127.0.0.1:5432/v${i}`, '--json'], env);
  const verify = await rounds(RUNS, {
    floor: async () => together(1, () => ['audit', 'list', '--json'], env),
    ours: async () => together(1, () => ['audit', 'verify', '--json'], env),
  });
  rep.ratio('audit verify (chain and head.json) vs audit list', verify.ours.median, verify.floor.median);
  rep.end();
} finally {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
}
