import { useT } from '../../i18n';

export type ConnState = 'untested' | 'testing' | 'ok' | 'failed';

/** How the last test of a profile went, in a shape and a word (never the environment's colour). */
export function ConnectionState({ state }: { state: ConnState }) {
  const { t } = useT();
  const key = `profiles.conn.${state}` as const;
  return (
    <span className={`conn-state conn-${state}`} data-state={state} title={t(key)}>
      <span className="conn-mark" aria-hidden="true" />
      <span className="small">{t(key)}</span>
    </span>
  );
}
