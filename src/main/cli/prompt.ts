import { createInterface } from 'node:readline/promises';

/** Asks on the terminal (stderr, so --json stdout stays one document); yes/y answers yes. */
export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
