import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { PoolConfig } from 'pg';
import pgPass from 'pgpass';
import { AppError } from '../../../shared/errors';
import { isSocketDir, type Profile } from '../../../shared/model/profile';
import type { SecretStore } from '../profiles/secret-store';

export const CONNECT_TIMEOUT_MS = 5000;

/** The password in CLI.md's order: keychain (or this process's memory), PGPASSWORD, .pgpass. */
export async function resolvePassword(profile: Profile, secrets: SecretStore): Promise<string | undefined> {
  const stored = await secrets.get(profile.id);
  if (stored !== undefined) return stored;
  if (process.env.PGPASSWORD) return process.env.PGPASSWORD;
  return new Promise((resolve) =>
    // libpq matches a Unix-socket connection against "localhost" lines of .pgpass.
    pgPass(
      {
        host: isSocketDir(profile.host) ? 'localhost' : profile.host,
        port: profile.port,
        database: profile.database,
        user: profile.user,
      },
      (pass) => resolve(pass ?? undefined),
    ),
  );
}

/** TLS options for sslmode, or false for a plain connection. 'prefer'/'allow' are tried with TLS first by the pool. */
export function tlsOptions(profile: Profile): false | ConnectionOptions {
  // libpq never uses TLS over a Unix socket, whatever sslmode says.
  if (isSocketDir(profile.host)) return false;
  switch (profile.sslmode) {
    case 'disable':
    case 'allow':
      return false;
    case 'prefer':
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
    case 'verify-full': {
      const ca = readCa(profile.sslrootcert);
      const options: ConnectionOptions = { rejectUnauthorized: true, ...(ca ? { ca } : {}) };
      // verify-ca checks the chain but, unlike verify-full, not the host name.
      if (profile.sslmode === 'verify-ca') options.checkServerIdentity = () => undefined;
      return options;
    }
  }
}

function readCa(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppError(
      'TLS_FAILED',
      `The CA file ${file} cannot be read: ${(e as Error).message}`,
      'Choose a readable PEM file in the profile, or clear the CA file to use the system store.',
    );
  }
}

export function poolConfig(
  profile: Profile,
  secrets: SecretStore,
  ssl: false | ConnectionOptions,
  max = 10,
): PoolConfig {
  return {
    host: profile.host,
    port: profile.port,
    database: profile.database,
    user: profile.user,
    password: () => resolvePassword(profile, secrets) as Promise<string>,
    ssl,
    max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    application_name: 'tenantry',
    // The server enforces read-only profiles, not the UI (PRODUCT.md, Connections).
    options: profile.readOnly ? '-c default_transaction_read_only=on' : undefined,
  };
}

/**
 * Points a config at the local end of an SSH tunnel. TLS still checks the database server's own
 * name, not 127.0.0.1, so verify-full keeps its meaning through a tunnel.
 */
export function throughTunnel<T extends PoolConfig>(
  config: T,
  profile: Profile,
  local: { host: string; port: number } | undefined,
): T {
  if (!local) return config;
  const ssl =
    config.ssl && typeof config.ssl === 'object'
      ? { ...config.ssl, host: profile.host, ...(isIP(profile.host) ? {} : { servername: profile.host }) }
      : config.ssl;
  return { ...config, host: local.host, port: local.port, ssl };
}
