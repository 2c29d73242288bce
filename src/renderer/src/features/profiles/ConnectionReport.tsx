import type { Output } from '../../../../shared/contract';
import { useT } from '../../i18n';

export function ConnectionReport({ result }: { result: Output<'profiles.test'> }) {
  const { t, fmt } = useT();
  return (
    <dl className="report" data-testid="connection-report">
      <dt>{t('report.server')}</dt>
      <dd>
        PostgreSQL {result.serverVersion}
        {result.tls ? ' · TLS' : ''}
      </dd>
      <dt>{t('report.latency')}</dt>
      <dd>{fmt.number(result.latencyMs)} ms</dd>
      <dt>{t('report.registry')}</dt>
      <dd>
        {result.registry.error ? (
          <span className="field-error">{t('report.notReadable', { error: result.registry.error })}</span>
        ) : (
          <>
            {result.registry.kind} ({result.registry.source}) ·{' '}
            <span data-testid="tenant-count">{t('report.tenants', { count: result.registry.tenantCount })}</span>
          </>
        )}
      </dd>
      <dt>{t('report.ledgers')}</dt>
      <dd>{t('report.ledgerCounts', { tenantry: result.ledgers.tenantry, django: result.ledgers.django })}</dd>
      {result.readOnly && (
        <>
          <dt>{t('report.readOnly')}</dt>
          <dd>{t('report.enforced')}</dd>
        </>
      )}
    </dl>
  );
}
