import { AppError } from '../../../shared/errors';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

// A connection that was up and went away (server stopped or restarted, session terminated, network cut).
const LOST_STATES = new Set(['57P01', '57P02', '08006', '08003', '08007']);
const LOST_CODES = new Set(['ECONNRESET', 'EPIPE']);
export const LOST_HINT =
  'Nothing more was done after the connection dropped; what was not committed was rolled back by the server. Check that the server is up, then run the command again.';

/** A connection that failed or was lost: the session is unusable and the work may be retried once the server answers. */
export function isConnectionError(code: string | undefined): boolean {
  return code === 'CONNECTION_FAILED' || code === 'CONNECTION_LOST';
}

interface PgLikeError {
  code?: string;
  message?: string;
  detail?: string;
  hint?: string;
}

/** Turns what `pg` or the network threw into an AppError with a stable code and a hint. */
export function toAppError(
  e: unknown,
  target?: { host: string; port: number; database: string; user: string },
  tenant?: string,
): AppError {
  if (e instanceof AppError) return e;
  const err = (e ?? {}) as PgLikeError;
  const message = String(err.message ?? e);
  const code = err.code ?? '';
  const where = target ? `${target.user}@${target.host}:${target.port}/${target.database}` : 'the server';

  if (code === '28P01' || code === '28000') {
    return new AppError(
      'AUTH_FAILED',
      `Authentication failed for ${where}: ${message}`,
      'Check the user name and the password: in the console, Profiles → Edit → Password (then Test connection); for the CLI, PGPASSWORD or ~/.pgpass.',
      { sqlstate: code },
    );
  }
  if (/client password must be a string|password must be a string/i.test(message)) {
    return new AppError(
      'AUTH_FAILED',
      `The server ${where} asks for a password and none is stored for this profile.`,
      'Set the password: in the console, Profiles → Edit → Password; for the CLI, PGPASSWORD or ~/.pgpass.',
    );
  }
  if (code === '3D000') {
    return new AppError(
      'DATABASE_NOT_FOUND',
      `The database does not exist on ${where}.`,
      'Check the database name in the profile.',
      { sqlstate: code },
    );
  }
  const sqlstate = /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  // A server-side error is classified by its SQLSTATE, never by words in its message.
  if (sqlstate && !sqlstate.startsWith('08') && !/^57P0[1-3]$/.test(sqlstate)) {
    const parts = [message, err.detail ? `Detail: ${err.detail}` : ''].filter(Boolean).join(' ');
    const text = tenant ? `In ${tenant}: ${parts}` : parts;
    if (sqlstate === '55P03')
      return new AppError(
        'LOCK_TIMEOUT',
        text,
        'Another session holds a lock on that object; try again when it is done, or raise lock_timeout.',
        { sqlstate, tenant },
      );
    return new AppError('SQL_ERROR', text, err.hint, { sqlstate, tenant });
  }
  if (
    LOST_STATES.has(sqlstate ?? '') ||
    LOST_CODES.has(code) ||
    /Connection terminated unexpectedly|not queryable|Connection terminated$/i.test(message)
  ) {
    return new AppError(
      'CONNECTION_LOST',
      `The connection to ${where} was lost: ${message}`,
      LOST_HINT,
      sqlstate ? { sqlstate, tenant } : { tenant },
    );
  }
  if (TLS_CODES.has(code) || /does not support SSL|SSL|TLS|certificate/i.test(message)) {
    return new AppError(
      'TLS_FAILED',
      `TLS failed for ${where}: ${message}`,
      'Check sslmode and the CA file; a server without TLS needs sslmode "disable" or "prefer".',
    );
  }
  if (sqlstate || CONNECTION_CODES.has(code) || /timeout|terminated|connect/i.test(message)) {
    return new AppError(
      'CONNECTION_FAILED',
      `Could not connect to ${where}: ${message}`,
      'Check host, port and network (VPN, firewall, SSH tunnel); is the server running?',
      sqlstate ? { sqlstate } : {},
    );
  }
  return new AppError('INTERNAL', message);
}

/** A failure while connecting: the server never became a session of ours, so a "lost" connection is a failed one. */
export function toConnectError(
  e: unknown,
  target?: { host: string; port: number; database: string; user: string },
): AppError {
  const err = toAppError(e, target);
  if (err.code !== 'CONNECTION_LOST') return err;
  const where = target ? `${target.user}@${target.host}:${target.port}/${target.database}` : 'the server';
  return new AppError(
    'CONNECTION_FAILED',
    `Could not connect to ${where}: ${(e as Error)?.message ?? String(e)}`,
    'Check host, port and network (VPN, firewall, SSH tunnel); is the server running?',
    err.sqlstate ? { sqlstate: err.sqlstate } : {},
  );
}
