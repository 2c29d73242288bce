import type { BackupListItem } from '../../../../shared/model/backups';
import { useT, type T } from '../../i18n';
import { useBackups } from '../../stores/backups';

export const schemasLabel = (s: string[], t: T) => (s.length === 1 ? s[0] : t('bk.schemas', { count: s.length }));

/** The catalog: one row per backup, with verify and restore. */
export function BackupTable({ rows, onRestore }: { rows: BackupListItem[]; onRestore(id: string): void }) {
  const { verify, verifyOne } = useBackups();
  const { t, fmt } = useT();
  if (!rows.length) return <p className="empty">{t('bk.empty')}</p>;
  return (
    <table className="grid backup-table" aria-label={t('bk.catalog')}>
      <thead>
        <tr>
          <th>{t('bk.col.id')}</th>
          <th>{t('bk.col.scope')}</th>
          <th>{t('bk.col.schemas')}</th>
          <th>{t('bk.col.reason')}</th>
          <th>{t('bk.col.size')}</th>
          <th>{t('bk.col.created')}</th>
          <th>pg_dump</th>
          <th>
            <span className="visually-hidden">{t('bk.col.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((b) => {
          const v = verify[b.id];
          return (
            <tr key={b.id} data-backup={b.id}>
              <td className="mono">{b.id}</td>
              <td>{t(`bk.scope.${b.scope}`)}</td>
              <td className="mono" title={b.schemas.slice(0, 50).join('\n')}>
                {schemasLabel(b.schemas, t)}
              </td>
              <td>
                <span className="badge">{t(`bk.reason.${b.reason}`)}</span>
                {b.encryption && (
                  <span
                    className="badge badge-encrypted"
                    title={
                      b.encryption.mode === 'passphrase'
                        ? t('bk.encryptedPassphrase')
                        : t('bk.encryptedKeychain', { key: b.encryption.keyId })
                    }
                  >
                    {t('bk.encrypted')}
                  </span>
                )}
                {b.copy && (
                  <span
                    className={`badge copy-${b.copy.state}`}
                    title={`${b.copy.dir}${b.copy.error ? `: ${b.copy.error}` : ''}`}
                  >
                    {b.copy.state === 'ok' ? t('bk.copied') : t('bk.copyPending')}
                  </span>
                )}
              </td>
              <td>{b.present ? fmt.bytes(b.bytes) : <span className="bad">{t('bk.missing')}</span>}</td>
              <td>{fmt.date(b.createdAt)}</td>
              <td>{b.pgDumpVersion}</td>
              <td className="row-actions">
                <button onClick={() => void verifyOne(b.id)} disabled={v === 'running'}>
                  {t('bk.verify')}
                </button>
                {v && v !== 'running' && (
                  <span
                    className={v.ok ? 'good' : 'bad'}
                    title={v.checks.map((c) => `${c.name}: ${c.detail}`).join('\n')}
                  >
                    {v.ok ? t('bk.verified') : t('bk.verifyFailed')}
                  </span>
                )}
                <button onClick={() => onRestore(b.id)}>{t('bk.restore')}</button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
