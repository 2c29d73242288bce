import { useState } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import { api } from '../../api/client';
import { toErrorData } from '../../stores/app';
import { ErrorBox } from '../../components/ErrorBox';
import { useT } from '../../i18n';

const FINGERPRINT = /SHA256:[A-Za-z0-9+/]{43}/;

/** An unknown SSH host key is shown as its fingerprint, accepted only by an explicit click. */
export function HostKeyPrompt({
  profileId,
  error,
  onAccepted,
}: {
  profileId: string;
  error: ErrorData;
  onAccepted: () => void;
}) {
  const [failure, setFailure] = useState<ErrorData>();
  const { t } = useT();
  const fingerprint = error.message.match(FINGERPRINT)?.[0];
  if (error.code !== 'SSH_HOST_KEY_UNKNOWN' || !fingerprint) return null;
  return (
    <div className="confirm" role="alertdialog" aria-label={t('hostkey.label')}>
      <span>{t('hostkey.question', { fingerprint })}</span>
      <button
        onClick={() =>
          void api()
            .invoke('ssh.acceptHostKey', { profileId, fingerprint })
            .then(onAccepted, (e) => setFailure(toErrorData(e)))
        }
      >
        {t('hostkey.accept')}
      </button>
      {failure && <ErrorBox error={failure} />}
    </div>
  );
}
