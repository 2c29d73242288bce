import { SCREENS } from '../features/screens';
import { useT } from '../i18n';
import { isMac, paletteKeys } from './keyboard';
import { Modal } from './Modal';

/** Every keyboard shortcut, in one sheet (press ?). */
export function HelpSheet({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const palette = paletteKeys(isMac());
  const rows: [string[], string][] = [
    [[palette], t('help.palette')],
    [['?'], t('help.help')],
    [['Esc'], t('help.close')],
    ...SCREENS.map((s): [string[], string] => [['g', s.key], t('help.goTo', { screen: t(s.label) })]),
  ];
  return (
    <Modal label={t('help.title')} onClose={onClose} className="help-sheet">
      <header className="modal-head">
        <h2>{t('help.title')}</h2>
        <button className="ghost" onClick={onClose} aria-label={t('common.close')} autoFocus>
          ×
        </button>
      </header>
      <table className="grid shortcuts">
        <tbody>
          {rows.map(([keys, what]) => (
            <tr key={what}>
              <td>
                {keys.map((k, i) => (
                  <span key={k + i}>
                    {i > 0 && <span className="muted small"> {t('help.then')} </span>}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t('help.note', { keys: palette })}</p>
    </Modal>
  );
}
