import { isMac, paletteKeys } from '../../components/keyboard';
import { useT } from '../../i18n';
import { languageFromLocale } from '../../i18n/translate';
import { useSettings, type LanguageChoice, type ThemeChoice } from '../../stores/settings';

/** Language and theme: both follow the OS until chosen here (kept in localStorage). */
export function SettingsScreen() {
  const { t, fmt } = useT();
  const s = useSettings();
  const systemLang = languageFromLocale(navigator.language);
  const languages: [LanguageChoice, string][] = [
    ['system', t('settings.languageSystem', { lang: t(`lang.${systemLang}`) })],
    ['en', t('lang.en')],
    ['es', t('lang.es')],
  ];
  const themes: [ThemeChoice, string][] = [
    [
      'system',
      t('settings.themeSystem', {
        theme: s.systemTheme === 'dark' ? t('settings.themeDark') : t('settings.themeLight'),
      }),
    ],
    ['light', t('settings.themeLight')],
    ['dark', t('settings.themeDark')],
  ];
  return (
    <div className="screen settings-screen">
      <h1>{t('settings.title')}</h1>
      <fieldset className="choice-group">
        <legend>{t('settings.language')}</legend>
        {languages.map(([value, label]) => (
          <label key={value} className="check">
            <input
              type="radio"
              name="language"
              value={value}
              checked={s.languageChoice === value}
              onChange={() => s.setLanguage(value)}
            />
            <span lang={value === 'system' ? undefined : value}>{label}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-group">
        <legend>{t('settings.theme')}</legend>
        {themes.map(([value, label]) => (
          <label key={value} className="check">
            <input
              type="radio"
              name="theme"
              value={value}
              checked={s.themeChoice === value}
              onChange={() => s.setTheme(value)}
            />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
      <p className="muted small">{t('settings.saved')}</p>
      <p className="muted small" data-testid="format-sample">
        {t('settings.formats', {
          date: fmt.date(new Date().toISOString()),
          number: fmt.number(1234567.5),
          size: fmt.bytes(1536 * 1024),
        })}
      </p>
      <p className="muted small">{t('overview.paletteTip', { keys: paletteKeys(isMac()) })}</p>
    </div>
  );
}
