import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Profile, ProfileSettings, SslMode } from '../../shared/model/profile';
import { HOST_PATTERN, SSL_MODES } from '../../shared/model/profile';
import { parse as parseConnectionString } from 'pg-connection-string';
import type { ProfileStore } from '../core/profiles/profile-store';
import type { SecretStore } from '../core/profiles/secret-store';
import type { GlobalOptions } from './global-options';

const URL_HINT =
  'Use postgres://user@host:port/database, or a socket directory: postgresql://user@/database?host=/var/run/postgresql.';

/** What a libpq URI names; what it leaves out comes from the PG* environment (CLI.md, Connecting and secrets). */
interface LibpqParts {
  host?: string;
  port?: string;
  user?: string;
  database?: string;
  sslmode?: string;
  sslrootcert?: string;
  password?: string;
}

function urlRefused(url: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message.replace('%s', `"${url.replace(/:[^:@/]*@/, ':***@')}"`), URL_HINT, {
    field: 'url',
  });
}

/** Splits a libpq URI (pg-connection-string: socket hosts, encoded paths, query parameters) into its parts. */
function partsFromUri(url: string): LibpqParts {
  if (!/^postgres(?:ql)?:\/\//i.test(url)) {
    throw /^[a-z][a-z0-9+.-]*:\/\//i.test(url)
      ? urlRefused(url, 'The URL must start with postgres:// or postgresql://.')
      : urlRefused(url, '%s is not a URL.');
  }
  // The TLS parameters are ours to read: the parser would open certificate files and warn about sslmode.
  const [base, query = ''] = url.split(/\?(.*)/s, 2);
  const params = new URLSearchParams(query);
  const sslrootcert = params.get('sslrootcert') || undefined;
  const sslmode = params.get('sslmode') || undefined;
  for (const name of ['sslcert', 'sslkey', 'sslrootcert', 'sslmode']) params.delete(name);
  const rest = params.toString();
  let raw: Record<string, unknown>;
  try {
    raw = parseConnectionString(rest ? `${base}?${rest}` : base) as unknown as Record<string, unknown>;
  } catch {
    throw urlRefused(url, '%s is not a URL.');
  }
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    host: text(raw.host),
    port: text(raw.port),
    user: text(raw.user),
    database: text(raw.dbname) ?? text(raw.database),
    sslmode,
    sslrootcert,
    password: text(raw.password),
  };
}

/** Fills what the parts leave out from PGHOST/PGPORT/PGUSER/PGDATABASE/PGSSLMODE, then the defaults. */
function settingsFromParts(
  parts: LibpqParts,
  env: ProfileSettings['environment'],
): { settings: ProfileSettings; password?: string; key: string } {
  const e = process.env;
  const sslmode = (parts.sslmode ?? (e.PGSSLMODE || 'prefer')) as SslMode;
  if (!SSL_MODES.includes(sslmode))
    throw new AppError('VALIDATION_FAILED', `Unknown sslmode "${sslmode}".`, `Use one of ${SSL_MODES.join(', ')}.`, {
      field: 'sslmode',
    });
  const user = parts.user ?? (e.PGUSER || 'postgres');
  const host = (parts.host ?? (e.PGHOST || '127.0.0.1')).replace(/^\[|\]$/g, '');
  if (!HOST_PATTERN.test(host))
    throw new AppError(
      'VALIDATION_FAILED',
      `The host "${host}" is neither a host name nor a socket directory.`,
      URL_HINT,
      { field: 'host' },
    );
  const portText = parts.port ?? (e.PGPORT || '5432');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535)
    throw new AppError('VALIDATION_FAILED', `"${portText}" is not a port.`, 'Use a port from 1 to 65535.', {
      field: 'port',
    });
  const database = parts.database ?? (e.PGDATABASE || user);
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
      sslrootcert: parts.sslrootcert ?? (e.PGSSLROOTCERT || undefined),
      readOnly: false,
      registry: 'auto',
      keepAsideAfterRestore: false,
    },
    password: parts.password,
    key,
  };
}

/** Parses a postgres:// URI as libpq does into profile settings and the password it carried, if any. */
export function settingsFromUrl(
  url: string,
  env: ProfileSettings['environment'] = 'local',
): { settings: ProfileSettings; password?: string; key: string } {
  return settingsFromParts(partsFromUri(url), env);
}

const TARGET_VARIABLES = ['PGHOST', 'PGPORT', 'PGUSER', 'PGDATABASE'] as const;

/** With no --url and no --profile, PGHOST/PGPORT/PGUSER/PGDATABASE name the target, as for psql. */
export function settingsFromEnvironment(
  env: ProfileSettings['environment'] = 'local',
): { settings: ProfileSettings; key: string } | undefined {
  if (!TARGET_VARIABLES.some((name) => process.env[name])) return undefined;
  return settingsFromParts({}, env);
}

/** The profile a command runs against: `--profile NAME`, or `--url` as an ephemeral profile. */
export async function resolveTarget(
  core: { profiles: ProfileStore; secrets: Pick<SecretStore, 'keepInMemory'> },
  opts: GlobalOptions,
): Promise<Profile> {
  if (opts.url && opts.profile) throw new AppError('VALIDATION_FAILED', 'Give --url or --profile, not both.');
  const fromEnvironment = opts.url || opts.profile ? undefined : settingsFromEnvironment(opts.env ?? 'local');
  if (fromEnvironment)
    return core.profiles.addEphemeral({
      ...fromEnvironment.settings,
      registry: opts.registry ?? 'auto',
      projectDir: opts.project,
    });
  if (opts.url) {
    const { settings, password } = settingsFromUrl(opts.url, opts.env ?? 'local');
    const profile = core.profiles.addEphemeral({
      ...settings,
      registry: opts.registry ?? 'auto',
      projectDir: opts.project,
    });
    // CLI.md: a --url run stores no secret anywhere; the password lives in this process only.
    if (password !== undefined) core.secrets.keepInMemory(profile.id, password);
    return profile;
  }
  if (opts.profile) {
    const profile = core.profiles.getByName(opts.profile);
    return opts.registry || opts.project
      ? { ...profile, registry: opts.registry ?? profile.registry, projectDir: opts.project ?? profile.projectDir }
      : profile;
  }
  throw new AppError(
    'NO_CONNECTION',
    'No database chosen.',
    'Pass --profile NAME (see `tenantry profiles list`) or --url postgres://user@host:port/db (or set PGHOST/PGDATABASE).',
  );
}
