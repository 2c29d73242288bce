import { runCli } from './program';

await runCli(process.argv);
// The command is over once its output is written. A socket the server has not closed yet must not
// keep the process waiting: after a refused password pg leaves its connection open until the
// server's authentication_timeout (60 s by default).
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit();
