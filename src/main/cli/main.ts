import { TENANTRY_VERSION } from '../core/version';

// `tenantry status --json | head`: a reader that stops early must not end the command half way
// (a migrate goes on to its end and its audit line); what it would still print is dropped.
const readerGone = (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
};
process.stdout.on('error', readerGone);
process.stderr.on('error', readerGone);
// The version alone needs none of the ~40 commands defined, nor the argument parser (start-up time).
const argv = process.argv;
if (argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V')) process.stdout.write(`${TENANTRY_VERSION}\n`);
else await (await import('./program')).runCli(argv);
// The command is over once its output is written. A socket the server has not closed yet must not
// keep the process waiting: after a refused password pg leaves its connection open until the
// server's authentication_timeout (60 s by default).
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit();
