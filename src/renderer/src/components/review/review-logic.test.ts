import { describe, expect, it } from 'vitest';
import type { PlanFile } from '../../../../shared/model/migrations';
import type { ProfileView } from '../../../../shared/model/profile';
import { dictionaries } from '../../i18n/dictionary';
import { translator } from '../../i18n';
import { jobLabel, jobStateLabel } from '../job-label';
import { reviewItems } from '../palette-items';
import { searchPalette } from '../palette-search';
import type { Intent } from '../../stores/intent';
import { inApplyOrder, migrateBackupText } from './plan-steps';
import { formatters } from '../../i18n/format';

const file = (scope: PlanFile['scope'], name: string): PlanFile => ({
  scope,
  name,
  noTransaction: false,
  hasDown: true,
  destructive: [],
});
const en = translator('en');
const es = translator('es');

describe('the review', () => {
  it('lists files in apply order: public first, then tenants, each by number (0005 before 0006, 0010 after 0009)', () => {
    const files = [
      file('tenant', '0006_b'),
      file('tenant', '0010_d'),
      file('shared', '0002_p'),
      file('tenant', '0005_a'),
      file('tenant', '0009_c'),
    ];
    expect(inApplyOrder(files).map((f) => f.name)).toEqual(['0002_p', '0005_a', '0006_b', '0009_c', '0010_d']);
  });

  it('says which backup migrate takes: always on production, the profile setting elsewhere, none for a dry run', () => {
    const profile = (p: Partial<ProfileView>) => ({ environment: 'local', ...p }) as ProfileView;
    expect(migrateBackupText(en, profile({ environment: 'production' }))).toContain('required on production');
    expect(migrateBackupText(en, profile({ backupBeforeMigrate: true, backupFreshMinutes: 30 }))).toMatch(
      /profile setting.*30 min/,
    );
    expect(migrateBackupText(en, profile({}))).toContain('No backup');
    expect(migrateBackupText(en, profile({ environment: 'production' }), true)).toContain('dry run');
  });
});

describe('job names', () => {
  const kinds = [
    'checklist',
    'verify',
    'fix-preview',
    'fix-apply',
    'backup-tenant',
    'backup-shared',
    'backup-fleet',
    'backup-database',
    'restore',
    'migrations.apply',
    'migrations.dry-run',
    'migrations.rollback',
    'tenants.clone',
    'tenants.move',
    'tenants.query',
    'action',
  ];

  it('every job kind the core starts has a name in both languages, never the kind itself', () => {
    for (const kind of kinds) {
      expect(`jobs.kind.${kind}` in dictionaries.en, kind).toBe(true);
      expect(jobLabel(en, kind)).not.toBe(kind);
      expect(jobLabel(es, kind)).not.toBe(kind);
    }
    expect(jobLabel(en, 'migrations.dry-run')).toBe('Dry run');
    expect(jobLabel(es, 'migrations.dry-run')).toBe('Ensayo');
    expect(jobLabel(en, 'something-new')).toBe('Job');
  });

  it('a runbook job that ended shows the state its run is in', () => {
    expect(jobStateLabel(en, { kind: 'checklist', state: 'succeeded' }, 'waiting')).toBe('waiting');
    expect(jobStateLabel(en, { kind: 'checklist', state: 'failed' }, 'waiting')).toBe('failed');
    expect(jobStateLabel(en, { kind: 'migrations.apply', state: 'succeeded' }, 'waiting')).toBe('succeeded');
  });
});

describe('palette actions', () => {
  const i18n = { t: en, lang: 'en' as const, fmt: formatters('en') };

  it('each finds its review by the words an admin types, and asks for the review (runs nothing)', () => {
    const asked: Intent[] = [];
    const items = reviewItems(
      i18n,
      { activeProfileId: 'p' },
      [{ id: 'deploy-staging', title: 'Deploy to staging' }],
      (i) => asked.push(i),
    );
    for (const [query, kind] of [
      ['migrate', 'migrate'],
      ['dry run', 'dry-run'],
      ['verif', 'verify'],
      ['back up', 'backup'],
      ['restore', 'restore'],
      ['deploy to', 'runbook'],
    ] as const) {
      const found = searchPalette(items, query)[0];
      found.run();
      expect(asked.at(-1)?.kind, query).toBe(kind);
    }
    expect(asked.at(-1)).toEqual({ kind: 'runbook', runbook: 'deploy-staging' });
  });

  it('offers no change without an active profile', () => {
    expect(reviewItems(i18n, {}, [])).toEqual([]);
  });
});
