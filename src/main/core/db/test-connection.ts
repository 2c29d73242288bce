import type { ConnectionTest } from '../../../shared/model/connection';
import type { Profile } from '../../../shared/model/profile';
import { detectRegistry } from '../domain/registry/detect-registry';
import { toAppError } from './pg-errors';
import type { Pools } from './pools';

/** "Test connection": version, round-trip latency, TLS, registry and ledgers, from a fresh session. */
export async function testConnection(pools: Pools, profile: Profile): Promise<ConnectionTest> {
  const client = await pools.dedicatedClient(profile);
  try {
    const started = performance.now();
    await client.query('SELECT 1');
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    const { rows } = await client.query<{
      version: string;
      num: string;
      db: string;
      usr: string;
      ro: string;
      tls: boolean | null;
      tenantry: number;
      django: number;
    }>(`SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num,
               current_database() AS db, current_user AS usr, current_setting('default_transaction_read_only') AS ro,
               (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS tls,
               count(*) FILTER (WHERE c.relname = 'tenantry_migrations')::int AS tenantry,
               count(*) FILTER (WHERE c.relname = 'django_migrations')::int AS django
          FROM pg_class c WHERE c.relkind = 'r' AND c.relname IN ('tenantry_migrations', 'django_migrations')`);
    const registry = await detectRegistry(client, profile.registry).catch((e) => ({
      kind: 'pattern' as const,
      source: '?',
      tenantCount: 0,
      error: toAppError(e, profile).message,
    }));
    const r = rows[0];
    return {
      serverVersion: r.version,
      serverVersionNum: Number(r.num),
      latencyMs,
      database: r.db,
      user: r.usr,
      readOnly: r.ro === 'on',
      tls: r.tls === true,
      registry,
      ledgers: { tenantry: r.tenantry, django: r.django },
    };
  } catch (e) {
    throw toAppError(e, profile);
  } finally {
    await client.end().catch(() => undefined);
  }
}
