import { useEffect, useState } from 'react';
import { AUDIT_RESULTS } from '../../../../shared/model/audit';
import { ENVIRONMENTS } from '../../../../shared/model/profile';
import { ErrorBox } from '../../components/ErrorBox';
import { useT } from '../../i18n';
import { useAudit } from '../../stores/audit';
import { AuditTable } from './AuditTable';
import './audit.css';

function download(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function VerifyResult() {
  const verify = useAudit((s) => s.verify);
  const { t } = useT();
  if (!verify) return null;
  if (verify.ok)
    return (
      <p className="verify-ok" role="status" aria-label={t('audit.verifyResult')}>
        {t('audit.verifies', { lines: verify.lines, files: verify.files.length })}
      </p>
    );
  const bad = verify.firstBad!;
  return (
    <ErrorBox
      title={t('audit.tampered')}
      error={{
        code: 'AUDIT_TAMPERED',
        message: t('audit.tamperedAt', { file: bad.file, line: bad.line, reason: bad.reason }),
        hint: t('audit.tamperedHint'),
      }}
    />
  );
}

/** The audit log: who changed what, where and with what result; filter, verify, export CSV. */
export function AuditScreen() {
  const { filter, lines, total, loaded, error, setFilter, load, runVerify, exportCsv } = useAudit();
  const [exported, setExported] = useState<number>();
  const { t } = useT();
  useEffect(() => void load(), [load, filter]);

  return (
    <div className="screen audit-screen">
      <header className="screen-head">
        <h1>{t('audit.title')}</h1>
        <div className="actions">
          <button onClick={() => void runVerify()}>{t('audit.verify')}</button>
          <button
            onClick={() =>
              void exportCsv().then((r) => {
                if (!r) return;
                download(`tenantry-audit-${new Date().toISOString().slice(0, 10)}.csv`, r.content, 'text/csv');
                setExported(r.count);
              })
            }
          >
            {t('audit.export')}
          </button>
        </div>
      </header>
      <VerifyResult />
      {exported !== undefined && <p className="muted small">{t('audit.exported', { count: exported })}</p>}
      <form className="audit-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('audit.filter')}>
        <input
          aria-label={t('audit.search')}
          placeholder={t('audit.searchPlaceholder')}
          value={filter.text ?? ''}
          onChange={(e) => setFilter({ text: e.target.value })}
        />
        <input
          aria-label={t('audit.action')}
          placeholder={t('audit.actionPlaceholder')}
          value={filter.action ?? ''}
          onChange={(e) => setFilter({ action: e.target.value })}
        />
        <input
          aria-label={t('audit.profile')}
          placeholder={t('audit.profilePlaceholder')}
          value={filter.profile ?? ''}
          onChange={(e) => setFilter({ profile: e.target.value })}
        />
        <select
          aria-label={t('audit.environment')}
          value={filter.environment ?? ''}
          onChange={(e) => setFilter({ environment: e.target.value })}
        >
          <option value="">{t('audit.anyEnvironment')}</option>
          {ENVIRONMENTS.map((env) => (
            <option key={env} value={env}>
              {t(`env.${env}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('audit.result')}
          value={filter.result ?? ''}
          onChange={(e) =>
            setFilter({ result: (e.target.value || undefined) as (typeof AUDIT_RESULTS)[number] | undefined })
          }
        >
          <option value="">{t('audit.anyResult')}</option>
          {AUDIT_RESULTS.map((r) => (
            <option key={r} value={r}>
              {t(`audit.res.${r}`)}
            </option>
          ))}
        </select>
      </form>
      {error && <ErrorBox error={error} />}
      {loaded && (
        <p className="muted small">
          {total === lines.length
            ? t('audit.count', { count: total })
            : t('audit.newest', { shown: lines.length, total })}
        </p>
      )}
      {loaded && lines.length === 0 ? <p className="empty">{t('audit.empty')}</p> : <AuditTable lines={lines} />}
    </div>
  );
}
