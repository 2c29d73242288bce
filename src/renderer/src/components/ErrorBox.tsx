import type { ErrorData } from '../../../shared/errors';
import { useT } from '../i18n';

/** An error as the user should see it: message, hint, code — text only, never HTML, never a stack. */
export function ErrorBox({ error, title }: { error: ErrorData; title?: string }) {
  const { t } = useT();
  return (
    <div className="error-box" role="alert" data-code={error.code}>
      <div className="error-title">
        {title ?? t('error.default')} <code>{error.code}</code>
      </div>
      <div className="error-message">{error.message}</div>
      {error.hint && <div className="error-hint">{error.hint}</div>}
    </div>
  );
}
