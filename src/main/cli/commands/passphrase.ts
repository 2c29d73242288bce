import { AppError } from '../../../shared/errors';

// --passphrase-stdin for `backup`, `restore` and `migrate` (its safety backup), in a file of its own: `migrate` and
// `status` load it without the backup commands.
let stdinPassphrase: Promise<string> | undefined;

/** --passphrase-stdin: the first line of standard input (never an argument: it would show in `ps`); read once per process. */
export async function passphraseFrom(flag: boolean | undefined): Promise<string | undefined> {
  if (!flag) return undefined;
  return (stdinPassphrase ??= readPassphrase());
}

async function readPassphrase(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (!line)
    throw new AppError(
      'PARAM_INVALID',
      '--passphrase-stdin read an empty passphrase.',
      'e.g. `printf %s "$PASS" | tenantry backup … --passphrase-stdin`',
      { field: 'passphrase' },
    );
  return line;
}

export const PASSPHRASE_HELP =
  'read the backup passphrase from standard input (profiles with backupEncryption passphrase)';
