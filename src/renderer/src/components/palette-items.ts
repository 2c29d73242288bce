import type { BackupListItem } from '../../../shared/model/backups';
import type { ProfileView } from '../../../shared/model/profile';
import type { TenantRow } from '../../../shared/model/tenants';
import { SCREENS } from '../features/screens';
import type { I18n } from '../i18n';
import type { ScreenId } from '../stores/app';
import { useIntent, type Intent } from '../stores/intent';
import type { LanguageChoice, ThemeChoice } from '../stores/settings';
import type { PaletteItem } from './palette-search';

export interface PaletteDeps {
  go(screen: ScreenId): void;
  profiles: ProfileView[];
  activeProfileId?: string;
  activate(id: string): void;
  setTheme(c: ThemeChoice): void;
  setLanguage(c: LanguageChoice): void;
  showHelp(): void;
  openTenant(schema: string): void;
  openBackup(id: string): void;
}

/** Screens and actions: always there, whatever the connection. */
export function commandItems({ t }: I18n, d: PaletteDeps): PaletteItem[] {
  return [
    ...SCREENS.map((s): PaletteItem => ({
      id: `screen:${s.id}`,
      kind: 'screen',
      label: t('palette.goTo', { screen: t(s.label) }),
      detail: `g ${s.key}`,
      run: () => d.go(s.id),
    })),
    ...d.profiles
      .filter((p) => p.id !== d.activeProfileId)
      .map((p): PaletteItem => ({
        id: `profile:${p.id}`,
        kind: 'action',
        label: t('palette.useProfile', { name: p.name, env: t(`env.${p.environment}`) }),
        detail: p.database,
        run: () => d.activate(p.id),
      })),
    ...(d.activeProfileId
      ? [
          {
            id: 'action:test',
            kind: 'action' as const,
            label: t('palette.testConnection'),
            run: () => d.activate(d.activeProfileId!),
          },
        ]
      : []),
    { id: 'action:add-profile', kind: 'action', label: t('palette.addProfile'), run: () => d.go('profiles') },
    { id: 'action:light', kind: 'action', label: t('palette.themeLight'), run: () => d.setTheme('light') },
    { id: 'action:dark', kind: 'action', label: t('palette.themeDark'), run: () => d.setTheme('dark') },
    { id: 'action:theme-system', kind: 'action', label: t('palette.themeSystem'), run: () => d.setTheme('system') },
    { id: 'action:lang-en', kind: 'action', label: t('palette.langEn'), run: () => d.setLanguage('en') },
    { id: 'action:lang-es', kind: 'action', label: t('palette.langEs'), run: () => d.setLanguage('es') },
    { id: 'action:help', kind: 'action', label: t('palette.help'), detail: '?', run: () => d.showHelp() },
  ];
}

export function tenantItems(tenants: TenantRow[], d: PaletteDeps): PaletteItem[] {
  return tenants.map((tn) => ({
    id: `tenant:${tn.schema}`,
    kind: 'tenant',
    label: tn.name || tn.schema,
    detail: tn.name ? tn.schema : undefined,
    run: () => d.openTenant(tn.schema),
  }));
}

export function backupItems({ t, fmt }: I18n, backups: BackupListItem[], d: PaletteDeps): PaletteItem[] {
  return backups.map((b) => ({
    id: `backup:${b.id}`,
    kind: 'backup',
    label: b.schemas.length === 1 ? b.schemas[0] : `${b.scope} (${b.schemas.length})`,
    detail: `${t('palette.backupLabel', { schemas: b.id, when: fmt.date(b.createdAt) })} ${b.reason}`,
    run: () => d.openBackup(b.id),
  }));
}

export interface RunbookChoice {
  id: string;
  title: string;
}

/**
 * Changes by name: each lands on its review (migrate, dry run, checks, backup, restore, a runbook),
 * which runs nothing until it is confirmed there.
 */
export function reviewItems(
  { t }: I18n,
  d: Pick<PaletteDeps, 'activeProfileId'>,
  runbooks: RunbookChoice[],
  request: (i: Intent) => void = (i) => useIntent.getState().request(i),
): PaletteItem[] {
  if (!d.activeProfileId) return [];
  const item = (id: string, label: string, detail: string, intent: Intent): PaletteItem => ({
    id: `review:${id}`,
    kind: 'action',
    label,
    detail,
    run: () => request(intent),
  });
  return [
    item('migrate', t('palette.migrate'), 'migrate', { kind: 'migrate' }),
    item('dry-run', t('palette.dryRun'), 'migrate --dry-run', { kind: 'dry-run' }),
    item('verify', t('palette.verify'), 'verify', { kind: 'verify' }),
    item('backup', t('palette.backup'), 'backup --fleet', { kind: 'backup' }),
    item('restore', t('palette.restore'), 'restore', { kind: 'restore' }),
    item('runbooks', t('palette.runbooks'), 'checklist run', { kind: 'runbook' }),
    ...runbooks.map((r) =>
      item(`runbook:${r.id}`, t('palette.runbook', { title: r.title }), `checklist run ${r.id}`, {
        kind: 'runbook',
        runbook: r.id,
      }),
    ),
  ];
}
