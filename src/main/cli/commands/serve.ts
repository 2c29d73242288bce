import { Command } from 'commander';
import type { CommandRunner } from '../run-command';
import { ct } from '../cli-messages';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`"${value}" is not a port number`);
  return port;
}

/** Resolves when the process is asked to stop (Ctrl+C, SIGTERM). */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export function serveCommand(run: CommandRunner): Command {
  return new Command('serve')
    .description('serve the console in browser mode on 127.0.0.1 (random token per start)')
    .option('--port <port>', 'HTTP port (default: a free one)', parsePort)
    .action((o: { port?: number }) =>
      run(async ({ core, out }) => {
        core.setMode('browser');
        const [{ startBrowserServer }, { rendererDir }] = await Promise.all([
          import('../../server/browser-server'),
          import('../../core/app-root'),
        ]);
        const server = await startBrowserServer({ core, rendererDir: rendererDir(), port: o.port });
        if (server.portNote) out.warn(server.portNote);
        out.result(
          { url: server.url, port: server.port },
          () => `${ct('serve.url', { url: server.url })}\n${ct('serve.stop')}`,
        );
        await untilStopped();
        await server.close();
      }),
    );
}
