import * as audit from './messages/audit';
import * as backups from './messages/backups';
import * as checklists from './messages/checklists';
import * as checks from './messages/checks';
import * as errors from './messages/errors';
import * as fleet from './messages/fleet';
import * as migrations from './messages/migrations';
import * as monitor from './messages/monitor';
import * as profiles from './messages/profiles';
import * as pointInTime from './messages/point-in-time';
import * as review from './messages/review';
import * as shell from './messages/shell';
import * as tenants from './messages/tenants';
import type { Language } from './translate';

/** Every area's messages, one module each with `en` and `es` side by side. */
export const MESSAGE_MODULES = {
  shell,
  profiles,
  audit,
  checks,
  checklists,
  monitor,
  backups,
  tenants,
  migrations,
  fleet,
  errors,
  review,
  pointInTime,
} as const;

export const dictionaries = {
  en: {
    ...shell.en,
    ...profiles.en,
    ...audit.en,
    ...checks.en,
    ...checklists.en,
    ...monitor.en,
    ...backups.en,
    ...tenants.en,
    ...migrations.en,
    ...fleet.en,
    ...errors.en,
    ...review.en,
    ...pointInTime.en,
  },
  es: {
    ...shell.es,
    ...profiles.es,
    ...audit.es,
    ...checks.es,
    ...checklists.es,
    ...monitor.es,
    ...backups.es,
    ...tenants.es,
    ...migrations.es,
    ...fleet.es,
    ...errors.es,
    ...review.es,
    ...pointInTime.es,
  },
} satisfies Record<Language, Record<string, string>>;

type PluralBase<K> = K extends `${infer B}.one` ? B : K extends `${infer B}.other` ? B : K;
export type MessageKey = PluralBase<keyof typeof dictionaries.en>;
