/** Asks on the terminal (stderr, so --json stdout stays one document); yes/y answers yes. */
export async function confirm(question: string): Promise<boolean> {
  // Loaded when a question is asked: readline and its streams cost every other start.
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** Asks for a password on the terminal, masked, on stderr (@inquirer/password, loaded only then). */
export async function askPassword(message: string): Promise<string> {
  const { default: password } = await import('@inquirer/password');
  return password({ message, mask: '*' }, { input: process.stdin, output: process.stderr });
}
