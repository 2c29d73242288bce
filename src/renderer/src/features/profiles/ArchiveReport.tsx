import { useEffect, useState } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import type { ArchiveInfoView } from '../../../../shared/model/point-in-time';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { toErrorData } from '../../stores/app';

/** "Test connection", for a profile with a WAL archive: what pgBackRest reports of it. */
export function ArchiveReport({ profileId }: { profileId: string }) {
  const { t, fmt } = useT();
  const [info, setInfo] = useState<ArchiveInfoView>();
  const [error, setError] = useState<ErrorData>();
  useEffect(() => {
    api()
      .invoke('backups.archiveInfo', { profileId })
      .then(setInfo, (e) => setError(toErrorData(e)));
  }, [profileId]);
  return (
    <dl className="report" data-testid="archive-report">
      <dt>{t('report.archive')}</dt>
      <dd>
        {error && <span className="field-error">{error.message}</span>}
        {!info && !error && <span className="muted">{t('pit.loadingArchive')}</span>}
        {info &&
          t('pit.archive', {
            stanza: info.stanza,
            version: info.pgVersion,
            count: info.backups.length,
            earliest: info.earliest ? fmt.instant(info.earliest) : '–',
          })}
        {info?.walMax && (
          <span className="mono"> · {t('pit.walRange', { from: info.walMin ?? '–', to: info.walMax })}</span>
        )}
      </dd>
    </dl>
  );
}
