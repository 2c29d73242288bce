import type { Profile } from '../../shared/model/profile';
import type { Core } from '../core/create-core';
import { resolvePassword } from '../core/db/connection-config';
import { toAppError } from '../core/db/pg-errors';
import { ct } from './cli-messages';
import { askPassword } from './prompt';

/** A prompt needs a person at the terminal: stdin to type on, stderr to ask on. */
export function canPrompt(io: { stdin: { isTTY?: boolean }; stderr: { isTTY?: boolean } } = process): boolean {
  return io.stdin.isTTY === true && io.stderr.isTTY === true;
}

/**
 * CLI.md "Connecting and secrets": the keychain, PGPASSWORD, .pgpass, then a prompt when a
 * terminal is attached. Like psql it asks only when the server wants a password (trust and peer
 * need none); the typed password stays in this process's memory.
 */
export async function promptForPasswordIfNeeded(
  core: Core,
  profile: Profile,
  ask: (message: string) => Promise<string> = askPassword,
): Promise<void> {
  if (!canPrompt() || (await resolvePassword(profile, core.secrets)) !== undefined) return;
  const refused = await core.pools
    .withClient(profile, async () => undefined)
    .catch((e: unknown) => toAppError(e, profile));
  if (refused?.code !== 'AUTH_FAILED') return;
  core.secrets.keepInMemory(
    profile.id,
    await ask(
      ct('prompt.password', { user: profile.user, host: profile.host, port: profile.port, database: profile.database }),
    ),
  );
}
