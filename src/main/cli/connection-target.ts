import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Profile, ProfileSettings, SslMode } from '../../shared/model/profile';
import { SSL_MODES } from '../../shared/model/profile';
import type { Core } from '../core/create-core';
import type { GlobalOptions } from './global-options';

/** Parses a postgres:// URL into profile settings and the password it carried, if any. */
export function settingsFromUrl(url: string, env: ProfileSettings['environment'] = 'local'): { settings: ProfileSettings; password?: string; key: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('VALIDATION_FAILED', `"${url.replace(/:[^:@/]*@/, ':***@')}" is not a URL.`, 'Use postgres://user@host:port/database.', { field: 'url' });
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new AppError('VALIDATION_FAILED', 'The URL must start with postgres:// or postgresql://.', 'Use postgres://user@host:port/database.', { field: 'url' });
  }
  const sslmode = (parsed.searchParams.get('sslmode') ?? 'prefer') as SslMode;
  if (!SSL_MODES.includes(sslmode)) throw new AppError('VALIDATION_FAILED', `Unknown sslmode "${sslmode}".`, `Use one of ${SSL_MODES.join(', ')}.`, { field: 'sslmode' });
  const user = decodeURIComponent(parsed.username) || process.env.PGUSER || 'postgres';
  const host = parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = parsed.port ? Number(parsed.port) : 5432;
  const database = decodeURIComponent(parsed.pathname.slice(1)) || user;
  const key = `url-${createHash('sha256').update(`${user}@${host}:${port}/${database}`).digest('hex').slice(0, 8)}`;
  return {
    settings: {
      name: key,
      environment: env,
      host,
      port,
      database,
      user,
      sslmode,
      sslrootcert: parsed.searchParams.get('sslrootcert') ?? undefined,
      readOnly: false,
      registry: 'auto',
      keepAsideAfterRestore: false,
    },
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    key,
  };
}

/** The profile a command runs against: `--profile NAME`, or `--url` as an ephemeral profile. */
export async function resolveTarget(core: Core, opts: GlobalOptions): Promise<Profile> {
  if (opts.url && opts.profile) throw new AppError('VALIDATION_FAILED', 'Give --url or --profile, not both.');
  if (opts.url) {
    const { settings, password } = settingsFromUrl(opts.url, opts.env ?? 'local');
    const profile = core.profiles.addEphemeral({ ...settings, registry: opts.registry ?? 'auto', projectDir: opts.project });
    if (password !== undefined) await core.secrets.set(profile.id, password);
    return profile;
  }
  if (opts.profile) {
    const profile = core.profiles.getByName(opts.profile);
    return opts.registry || opts.project ? { ...profile, registry: opts.registry ?? profile.registry, projectDir: opts.project ?? profile.projectDir } : profile;
  }
  throw new AppError('NO_CONNECTION', 'No database chosen.', 'Pass --profile NAME (see `tenantry profiles list`) or --url postgres://user@host:port/db.');
}
