import type { ErrorData } from '../../shared/errors';
import { ct, explainError } from './cli-messages';
import { exitCodeFor } from './exit-codes';

export interface Output {
  json: boolean;
  /** Prints the command's result: the envelope with --json, else the human text. */
  result(data: unknown, human: () => string): void;
  /** Prints an error as the envelope (--json) and as `error CODE: message` / `hint:` on stderr; returns the exit code. */
  error(error: ErrorData): number;
  progress(line: string): void;
  warn(line: string): void;
}

export function createOutput(
  json: boolean,
  stdout: NodeJS.WriteStream = process.stdout,
  stderr: NodeJS.WriteStream = process.stderr,
): Output {
  return {
    json,
    result(data, human) {
      if (json) stdout.write(JSON.stringify({ ok: true, data }, null, 2) + '\n');
      else {
        const text = human();
        if (text) stdout.write(text.endsWith('\n') ? text : text + '\n');
      }
    },
    error(error) {
      if (json) stdout.write(JSON.stringify({ ok: false, error }, null, 2) + '\n');
      stderr.write(ct('out.error', { code: error.code, message: error.message }) + '\n');
      const explained = explainError(error.code);
      if (explained) stderr.write(explained + '\n');
      if (error.hint) stderr.write(ct('out.hint', { hint: error.hint }) + '\n');
      return exitCodeFor(error.code);
    },
    progress(line) {
      stderr.write(line + '\n');
    },
    warn(line) {
      stderr.write(ct('out.warning', { line }) + '\n');
    },
  };
}

/** A plain table for human output. */
export function table(headers: string[], rows: (string | number | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === undefined ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => (c ?? '').padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
