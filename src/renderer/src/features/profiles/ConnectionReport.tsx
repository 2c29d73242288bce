import type { Output } from '../../../../shared/contract';

export function ConnectionReport({ result }: { result: Output<'profiles.test'> }) {
  return (
    <dl className="report" data-testid="connection-report">
      <dt>Server</dt>
      <dd>
        PostgreSQL {result.serverVersion}
        {result.tls ? ' · TLS' : ''}
      </dd>
      <dt>Latency</dt>
      <dd>{result.latencyMs} ms</dd>
      <dt>Registry</dt>
      <dd>
        {result.registry.error ? (
          <span className="field-error">not readable: {result.registry.error}</span>
        ) : (
          <>
            {result.registry.kind} ({result.registry.source}) · <span data-testid="tenant-count">{result.registry.tenantCount}</span> tenants
          </>
        )}
      </dd>
      <dt>Ledgers</dt>
      <dd>
        {result.ledgers.tenantry} tenantry_migrations · {result.ledgers.django} django_migrations
      </dd>
      {result.readOnly && (
        <>
          <dt>Read-only</dt>
          <dd>enforced by the server</dd>
        </>
      )}
    </dl>
  );
}
