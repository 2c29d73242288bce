import { ERROR_CODES, type ErrorData } from '../../../shared/errors';
import { useT } from '../i18n';

/**
 * An error as the user should see it: message, hint, code — text only, never HTML, never a stack.
 * The core writes message and hint in English; in another language a line in that language comes
 * first, and the English text is marked as such for screen readers.
 */
export function ErrorBox({ error, title }: { error: ErrorData; title?: string }) {
  const { t, lang } = useT();
  const known = (ERROR_CODES as readonly string[]).includes(error.code);
  const english = lang === 'en' ? undefined : 'en';
  return (
    <div className="error-box" role="alert" data-code={error.code}>
      <div className="error-title">
        {title ?? t('error.default')} <code title={known ? t(`err.${error.code}`) : undefined}>{error.code}</code>
      </div>
      {english && known && <div className="error-summary">{t(`err.${error.code}`)}</div>}
      <div className="error-message" lang={english}>
        {error.message}
      </div>
      {error.hint && (
        <div className="error-hint" lang={english}>
          {error.hint}
        </div>
      )}
    </div>
  );
}
