// One tenant back to a point in time (issue 21), whole processes: `tenantry restore --tenant S --at T
// --yes` against what a DBA scripts by hand today (switch WAL and wait for the archiver, `pgbackrest
// restore --type=time` into a scratch folder, a private postgres on it until it promotes, `pg_dump
// -n S`, stop it, `DROP SCHEMA S CASCADE` + `pg_restore` on the live server, remove the folder).
//   node bench/point-in-time.mjs [--tenants 50] [--students 200] [--runs 3] [--scratch DIR] [--trace]
// --trace prints each pgbackrest call the product makes and its job's stderr lines, stamped.
// Needs `npm run build:cli`, Debian's pgbackrest and PostgreSQL 15 server programs. Everything runs
// on a throw-away cluster of its own (test/archiving-cluster.ts) archiving into a posix pgBackRest
// repository; cluster, repository, scratch folders and data folder are removed at the end.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { bundleCore } from './core.lib.mjs';
import { benchHome, cli, flag, median, reporter } from './cli.lib.mjs';

const N = Number(flag('tenants', '50'));
const STUDENTS = Number(flag('students', '200'));
const RUNS = Number(flag('runs', '3'));
// Where both sides put their scratch copy (the product reads TENANTRY_SCRATCH_DIR); e.g. /dev/shm to
// take the shared disk's noise out of the comparison.
const SCRATCH = flag('scratch', '/var/tmp');
const PG_BIN = process.env.TENANTRY_PG15_BIN ?? '/usr/lib/postgresql/15/bin';
if (spawnSync('pgbackrest', ['version']).status !== 0 || !existsSync(path.join(PG_BIN, 'postgres'))) {
  console.log(`point-in-time: skipped, it needs pgbackrest and PostgreSQL 15 server programs in ${PG_BIN}`);
  process.exit(0);
}
const asRoot = process.getuid?.() === 0;
const id = (flagName) => Number(spawnSync('id', [flagName, 'postgres'], { encoding: 'utf8' }).stdout);
// As root, pgbackrest and postgres run as the repository's owner, as the product does.
const owner = asRoot ? { uid: id('-u'), gid: id('-g') } : {};

/** One child process to its end, its stderr lines stamped (seconds since spawn); rejects on a non-zero exit. */
function proc(bin, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(bin, args, {
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(opts.asOwner ? owner : {}),
    });
    let out = '';
    let err = '';
    let partial = '';
    const lines = [];
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => {
      err += d;
      const at = (performance.now() - t0) / 1000;
      const parts = (partial + d).split('\n');
      partial = parts.pop();
      for (const line of parts) lines.push({ at, line });
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      if (code === 0) resolve({ seconds, out, err, lines });
      else reject(new Error(`${path.basename(bin)} ${args.join(' ')} exited ${code}: ${(err + out).slice(-3000)}`));
    });
  });
}

const { startArchivingCluster, STANZA } = await bundleCore('archiving-cluster', [
  "export { startArchivingCluster, STANZA } from './test/archiving-cluster';",
]);

const home = benchHome();
const env = { TENANTRY_HOME: home, ...(SCRATCH !== '/var/tmp' ? { TENANTRY_SCRATCH_DIR: SCRATCH } : {}) };
// --trace: every pgbackrest the product runs goes through a wrapper that stamps its start and end.
const TRACE = process.argv.includes('--trace');
const traceDir = TRACE ? mkdtempSync(path.join('/var/tmp', 'tenantry-bench-trace-')) : undefined;
if (traceDir) {
  const wrapper = path.join(traceDir, 'pgbackrest');
  writeFileSync(
    wrapper,
    `#!/bin/sh\nt0=$(date +%s.%N)\npgbackrest "$@"\nrc=$?\necho "$t0 $(date +%s.%N) $rc $*" >> ${traceDir}/calls.log\nexit $rc\n`,
    { mode: 0o755 },
  );
  writeFileSync(path.join(traceDir, 'calls.log'), '');
  chmodSync(traceDir, 0o755);
  chmodSync(path.join(traceDir, 'calls.log'), 0o666);
  env.TENANTRY_PGBACKREST = wrapper;
}
const made = [];
let cluster;
const tenantry = (args) => proc(process.execPath, [cli, ...args], { env });

/** Per table of the schema: rows and an md5 of every row in order — "as it was" means all of it. */
async function stateOf(schema) {
  const tables = (
    await cluster.sql(
      `SELECT string_agg(quote_ident(relname), ',' ORDER BY relname) FROM pg_class WHERE relnamespace = '${schema}'::regnamespace AND relkind = 'r'`,
    )
  ).split(',');
  const parts = tables.map(
    (t) =>
      `SELECT '${t}:' || count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') FROM ${schema}.${t} x`,
  );
  return cluster.sql(`SELECT string_agg(s, ' ' ORDER BY s) FROM (${parts.join(' UNION ALL ')}) AS r(s)`);
}
const countsOf = (state) => state.replace(/:[0-9a-f]{32}|:(?= |$)/g, '');

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/** The floor's archive wait, as a script does it: psql to switch, psql to poll pg_stat_archiver. */
async function switchAndWait(url) {
  const psql = (q) => proc('psql', ['-X', '-At', '-d', url, '-c', q]);
  const needed = (await psql('SELECT pg_walfile_name(pg_switch_wal())')).out.trim();
  for (;;) {
    const last = (await psql("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")).out.trim();
    if (last >= needed) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The DBA's script, each step a process; returns the seconds of each phase. */
async function floorRound(victim, at) {
  const t = { t0: performance.now() };
  const lap = (name) => (t[name] = performance.now());
  const url = cluster.url('app');
  await switchAndWait(url);
  lap('archive');
  const scratch = mkdtempSync(path.join(SCRATCH, 'tenantry-bench-pitr-'));
  made.push(scratch);
  if (asRoot) chownSync(scratch, owner.uid, owner.gid);
  const data = path.join(scratch, 'data');
  const dump = path.join(scratch, `${victim}.dump`);
  try {
    await proc(
      'pgbackrest',
      [
        `--config=${cluster.conf}`,
        `--stanza=${STANZA}`,
        '--log-level-file=off',
        'restore',
        '--type=time',
        // pgBackRest reads `YYYY-MM-DD HH:MM:SS.ffffff+00`, not ISO 8601's T … Z.
        `--target=${at.replace('T', ' ').replace('Z', '+00')}`,
        '--target-action=promote',
        '--archive-mode=off',
        '--db-include=app',
        `--pg1-path=${data}`,
      ],
      { asOwner: true },
    );
    lap('restore');
    const port = await freePort();
    await proc(
      path.join(PG_BIN, 'pg_ctl'),
      [
        '-D',
        data,
        '-w',
        '-t',
        '600',
        '-l',
        path.join(scratch, 'server.log'),
        '-o',
        `-c port=${port} -c listen_addresses='' -c unix_socket_directories=${scratch} -c fsync=off -c archive_mode=off`,
        'start',
      ],
      { asOwner: true },
    );
    // pg_ctl -w returns at a consistent state; the copy is usable once recovery reached T and promoted.
    const socketArgs = ['-X', '-At', '-h', scratch, '-p', String(port), '-U', 'postgres', '-d', 'app'];
    while ((await proc('psql', [...socketArgs, '-c', 'SELECT pg_is_in_recovery()'])).out.trim() !== 'f')
      await new Promise((r) => setTimeout(r, 100));
    lap('recovery');
    await proc('pg_dump', [
      '-Fc',
      '-n',
      victim,
      '-f',
      dump,
      '-h',
      scratch,
      '-p',
      String(port),
      '-U',
      'postgres',
      'app',
    ]);
    lap('dump');
    await proc(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], { asOwner: true });
    lap('stop');
    await proc('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', `DROP SCHEMA ${victim} CASCADE`]);
    await proc('pg_restore', ['--exit-on-error', '--single-transaction', '-d', url, dump]);
    lap('swap');
  } finally {
    if (!t.stop)
      spawnSync(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], { ...owner, stdio: 'ignore' });
    rmSync(scratch, { recursive: true, force: true });
  }
  lap('cleanup');
  const names = ['archive', 'restore', 'recovery', 'dump', 'stop', 'swap', 'cleanup'];
  const phases = Object.fromEntries(names.map((n, i) => [n, (t[n] - t[names[i - 1] ?? 't0']) / 1000]));
  return { seconds: (t.cleanup - t.t0) / 1000, phases };
}

/**
 * Tenantry's phases from its job's progress lines on stderr (`[i/5] restore` …, written as each phase
 * starts; its log lines come in 250 ms batches), stamped as they arrived; "exit" is from `[5/5] done`
 * to the end of the process (audit line, result, exit).
 */
function tenantryPhases(run) {
  const marks = [{ name: 'start-up + preflight', at: 0 }];
  for (const { at, line } of run.lines) {
    const m = /\[\d\/\d\] (archive|restore|recovery|dump|swap|done)\b/.exec(line);
    const name = m?.[1] === 'done' ? 'exit' : m?.[1];
    if (name && !marks.some((x) => x.name === name)) marks.push({ name, at });
  }
  marks.push({ name: 'end', at: run.seconds });
  return Object.fromEntries(marks.slice(0, -1).map((m, i) => [m.name, marks[i + 1].at - m.at]));
}

/** A tenantry run that failed half way may leave its scratch server and folder (its journal names them). */
function sweepProductScratch() {
  const journal = path.join(home, 'journal');
  if (!existsSync(journal)) return;
  for (const f of readdirSync(journal, { withFileTypes: true }).filter((e) => /^pitr-.*\.json$/.test(e.name))) {
    const rec = JSON.parse(readFileSync(path.join(journal, f.name), 'utf8'));
    for (const pid of [rec.restorePid, rec.serverPid].filter(Boolean)) {
      try {
        if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(rec.dataDir)) process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (/tenantry-pitr-[0-9a-f]{12}$/.test(rec.dir ?? '')) rmSync(rec.dir, { recursive: true, force: true });
  }
}

const rep = reporter(
  `One tenant back to a point in time, N=${N} tenants × ${STUDENTS} students: tenantry restore --at vs the DBA's script`,
);
try {
  cluster = await startArchivingCluster();
  await cluster.sql('CREATE DATABASE app', 'postgres');
  const seeded = JSON.parse(
    (
      await tenantry([
        'sandbox',
        '--seed-only',
        '--url',
        cluster.url('app'),
        '--tenants',
        String(N),
        '--students',
        String(STUDENTS),
        '--json',
      ])
    ).out,
  ).data;
  const odd = new Set([...seeded.behind, seeded.missingEnrollment, seeded.suspended]);
  const plain = seeded.schemas.filter((s) => !odd.has(s));
  const victim = plain[Math.floor(plain.length / 2)];
  const bystander = seeded.schemas.find((s) => s !== victim);
  if (!bystander) throw new Error('--tenants must be 2 or more: one to break, one that keeps a later change');
  cluster.pgbackrest('backup', '--type=full');
  // Changes after the backup that recovery has to replay: every tenant edited, the victim grows.
  await cluster.sql(
    `${seeded.schemas.map((s) => `UPDATE ${s}.evaluations_student SET name = name || ' (edited)' WHERE id % 5 = 0;`).join('\n')}
     INSERT INTO ${victim}.clases_group (name) SELECT 'after backup ' || g FROM generate_series(1, 20) g; SELECT 1`,
  );
  await new Promise((r) => setTimeout(r, 1100));
  const at = await cluster.now();
  const atT = await stateOf(victim);
  await new Promise((r) => setTimeout(r, 1100));
  // A later change in another tenant that every restore must leave alone.
  await cluster.sql(`UPDATE ${bystander}.evaluations_student SET name = 'after T' WHERE id % 3 = 0; SELECT 1`);
  const bystanderState = await stateOf(bystander);
  const breakVictim = () =>
    cluster.sql(
      `DELETE FROM ${victim}.clases_enrollment; DELETE FROM ${victim}.evaluations_student WHERE id % 2 = 0; SELECT 1`,
    );
  const check = async (who) => {
    const now = await stateOf(victim);
    if (now !== atT)
      throw new Error(
        `${who} left ${victim} unlike its state at T:\n  at T: ${countsOf(atT)}\n  now:  ${countsOf(now)}`,
      );
    if ((await stateOf(bystander)) !== bystanderState) throw new Error(`${who} changed ${bystander}`);
  };
  await tenantry([
    'profiles',
    'add',
    'pitr',
    '--uri',
    cluster.url('app'),
    '--pgbackrest-config',
    cluster.conf,
    '--pgbackrest-stanza',
    STANZA,
    '--pg-server-bin',
    PG_BIN,
    '--json',
  ]);
  rep.note(`victim ${victim} at ${at}: ${countsOf(atT)}`);

  const variants = {
    floor: () => floorRound(victim, at),
    ours: async () => {
      const wall0 = Date.now() / 1000;
      const run = await tenantry(['--profile', 'pitr', 'restore', '--tenant', victim, '--at', at, '--yes']);
      if (traceDir) {
        for (const l of readFileSync(path.join(traceDir, 'calls.log'), 'utf8').trim().split('\n').filter(Boolean)) {
          const [a, b, rc, ...rest] = l.split(' ');
          const what = rest
            .filter((x) => !x.startsWith('--config') && !x.startsWith('--stanza') && !x.startsWith('--log-level'))
            .join(' ');
          rep.note(
            `    pgbackrest at ${(a - wall0).toFixed(2)}…${(b - wall0).toFixed(2)} s (exit ${rc}): ${what.slice(0, 120)}`,
          );
        }
        writeFileSync(path.join(traceDir, 'calls.log'), '');
        for (const { at: s, line } of run.lines) rep.note(`    ${s.toFixed(2)} ${line.slice(0, 140)}`);
      }
      return { seconds: run.seconds, phases: tenantryPhases(run) };
    },
  };
  const results = { floor: [], ours: [] };
  for (let r = 0; r < RUNS; r++) {
    const order = r % 2 ? ['ours', 'floor'] : ['floor', 'ours'];
    for (const k of order) {
      await breakVictim();
      if ((await stateOf(victim)) === atT) throw new Error('the victim did not break');
      const res = await variants[k]();
      await check(k === 'ours' ? 'tenantry' : 'the floor');
      results[k].push(res);
      rep.note(
        `round ${r + 1} ${k === 'ours' ? 'tenantry' : 'floor   '} ${res.seconds.toFixed(2)} s: ${Object.entries(
          res.phases,
        )
          .map(([p, s]) => `${p} ${s.toFixed(2)}`)
          .join(', ')}  (load ${loadavg()[0].toFixed(1)})`,
      );
    }
  }
  const med = (k) => median(results[k].map((x) => x.seconds));
  const phaseMedians = (k) =>
    Object.keys(results[k][0].phases)
      .map((p) => `${p} ${median(results[k].map((x) => x.phases[p] ?? 0)).toFixed(2)}`)
      .join(', ');
  rep.note(`floor phases (medians, s): ${phaseMedians('floor')}`);
  rep.note(`tenantry phases (medians, s): ${phaseMedians('ours')}`);
  rep.ratio(`restore ${victim} to T (N=${N})`, med('ours'), med('floor'));
  rep.end();
} finally {
  sweepProductScratch();
  await cluster?.destroy().catch((e) => console.error(`cluster: ${e.message}`));
  for (const dir of [...made, ...(traceDir ? [traceDir] : [])]) rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
}
