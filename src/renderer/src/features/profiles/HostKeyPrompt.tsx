import { useState } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import { api } from '../../api/client';
import { toErrorData } from '../../stores/app';
import { ErrorBox } from '../../components/ErrorBox';

const FINGERPRINT = /SHA256:[A-Za-z0-9+/]{43}/;

/** An unknown SSH host key is shown as its fingerprint, accepted only by an explicit click. */
export function HostKeyPrompt({ profileId, error, onAccepted }: { profileId: string; error: ErrorData; onAccepted: () => void }) {
  const [failure, setFailure] = useState<ErrorData>();
  const fingerprint = error.message.match(FINGERPRINT)?.[0];
  if (error.code !== 'SSH_HOST_KEY_UNKNOWN' || !fingerprint) return null;
  return (
    <div className="confirm" role="alertdialog" aria-label="Unknown SSH host key">
      <span>
        Accept host key <code>{fingerprint}</code> into known_hosts? Compare it with the one your server administrator gives you.
      </span>
      <button
        onClick={() =>
          void api()
            .invoke('ssh.acceptHostKey', { profileId, fingerprint })
            .then(onAccepted, (e) => setFailure(toErrorData(e)))
        }
      >
        Accept and retry
      </button>
      {failure && <ErrorBox error={failure} />}
    </div>
  );
}
