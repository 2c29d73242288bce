import { userInfo } from 'node:os';

/**
 * The OS user's name; where the uid has no passwd entry (a container) userInfo() throws, and the
 * environment's USER, USERNAME (Windows) or LOGNAME answers instead, else 'unknown'.
 */
export function userName(readOsUser = () => userInfo().username, env: NodeJS.ProcessEnv = process.env): string {
  try {
    const name = readOsUser();
    if (name) return name;
  } catch {
    // No passwd entry: the environment is all there is.
  }
  return env.USER || env.USERNAME || env.LOGNAME || 'unknown';
}

let self: string | undefined;

/** Who runs this process, read once: the audit log's `who`, a backup's `who`, ledgers' applied_by, lock labels. */
export function whoAmI(): string {
  self ??= userName();
  return self;
}
