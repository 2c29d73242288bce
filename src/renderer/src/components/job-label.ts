import type { MessageKey, T } from '../i18n';
import { dictionaries } from '../i18n/dictionary';

/** A job's name in the user's language (never the internal kind, such as an API call's name). */
export function jobLabel(t: T, kind: string): string {
  const key = `jobs.kind.${kind}`;
  return key in dictionaries.en ? t(key as MessageKey) : t('jobs.kind.generic');
}

/** The state shown for a job: a runbook job reports the state its run is in, so dock, panel and list agree. */
export function jobStateLabel(t: T, job: { kind: string; state: string }, runState?: string): string {
  if (job.kind === 'checklist' && job.state === 'succeeded' && runState) return t(`cl.state.${runState}` as MessageKey);
  return t(`jobs.state.${job.state}` as MessageKey);
}
