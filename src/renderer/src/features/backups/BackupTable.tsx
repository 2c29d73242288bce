import type { BackupListItem } from '../../../../shared/model/backups';
import { useBackups } from '../../stores/backups';

export const size = (n: number) => (n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);
export const when = (iso: string) => iso.replace('T', ' ').slice(0, 19);
export const schemasLabel = (s: string[]) => (s.length === 1 ? s[0] : `${s.length} schemas`);

/** The catalog: one row per backup, with verify and restore. */
export function BackupTable({ rows, onRestore }: { rows: BackupListItem[]; onRestore(id: string): void }) {
  const { verify, verifyOne } = useBackups();
  if (!rows.length) return <p className="empty">No backups yet.</p>;
  return (
    <table className="grid backup-table">
      <thead>
        <tr>
          <th>Id</th>
          <th>Scope</th>
          <th>Schemas</th>
          <th>Reason</th>
          <th>Size</th>
          <th>Created</th>
          <th>pg_dump</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((b) => {
          const v = verify[b.id];
          return (
            <tr key={b.id} data-backup={b.id}>
              <td className="mono">{b.id}</td>
              <td>{b.scope}</td>
              <td className="mono" title={b.schemas.slice(0, 50).join('\n')}>
                {schemasLabel(b.schemas)}
              </td>
              <td>
                <span className="badge">{b.reason}</span>
                {b.encryption && (
                  <span className="badge badge-encrypted" title={`AES-256-GCM, ${b.encryption.mode === 'passphrase' ? 'key from a passphrase' : `keychain key ${b.encryption.keyId}`}`}>
                    encrypted
                  </span>
                )}
                {b.copy && (
                  <span className={`badge copy-${b.copy.state}`} title={`${b.copy.dir}${b.copy.error ? `: ${b.copy.error}` : ''}`}>
                    {b.copy.state === 'ok' ? 'copied' : 'copy pending'}
                  </span>
                )}
              </td>
              <td>{b.present ? size(b.bytes) : <span className="bad">missing</span>}</td>
              <td>{when(b.createdAt)}</td>
              <td>{b.pgDumpVersion}</td>
              <td className="row-actions">
                <button onClick={() => void verifyOne(b.id)} disabled={v === 'running'}>
                  Verify
                </button>
                {v && v !== 'running' && <span className={v.ok ? 'good' : 'bad'} title={v.checks.map((c) => `${c.name}: ${c.detail}`).join('\n')}>{v.ok ? 'verified' : 'failed'}</span>}
                <button onClick={() => onRestore(b.id)}>Restore…</button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
