import type { Output } from './output';

/** How a long command shows where it is: `update` for the count, `log` for lines that stay. */
export interface ProgressView {
  update(done: number, total: number, current?: string): void;
  log(line: string): void;
  stop(): void;
}

/** CLI.md: a bar when stderr is a terminal (not a dumb one), plain `[i/N]` lines otherwise. */
export function wantsBar(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** The plain form: one `[i/N] current` line per change, for logs and pipelines. */
export function plainLines(out: Output): ProgressView {
  let last = '';
  return {
    update(done, total, current) {
      const line = total ? `[${done}/${total}] ${current ?? ''}`.trimEnd() : '';
      if (line && line !== last) out.progress(line);
      last = line;
    },
    log: (line) => out.progress(line),
    stop: () => undefined,
  };
}

/** A cli-progress bar on the terminal (loaded only then); log lines are printed above it. */
export async function createProgressView(
  out: Output,
  stream: NodeJS.WriteStream = process.stderr,
): Promise<ProgressView> {
  if (!wantsBar(stream)) return plainLines(out);
  const { MultiBar, Presets } = await import('cli-progress');
  const bars = new MultiBar(
    { stream, format: '{bar} {value}/{total} {current}', hideCursor: true, clearOnComplete: true, barsize: 30 },
    Presets.shades_classic,
  );
  let bar: ReturnType<InstanceType<typeof MultiBar>['create']> | undefined;
  return {
    update(done, total, current) {
      if (!total) return;
      if (!bar) bar = bars.create(total, done, { current: current ?? '' });
      else {
        bar.setTotal(total);
        bar.update(done, { current: current ?? '' });
      }
      // Job updates already come at most every 250 ms: drawn at once, a short run still shows its bar.
      bars.update();
    },
    log: (line) => bars.log(`${line}\n`),
    stop: () => bars.stop(),
  };
}
