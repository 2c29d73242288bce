import { useT } from '../i18n';

/**
 * Browser mode opened without its access token (a bookmark, a copied address without ?token=,
 * or a console restarted since): what happened and how to get in, in the user's language.
 */
export function TokenMissing() {
  const { t } = useT();
  return (
    <section className="empty token-missing" data-testid="token-missing" aria-labelledby="token-missing-title">
      <h1 id="token-missing-title">{t('token.title')}</h1>
      <p>{t('token.why')}</p>
      <p>{t('token.how')}</p>
      <pre className="mono small">{t('token.example')}</pre>
      <p className="muted small">{t('token.restart')}</p>
    </section>
  );
}
