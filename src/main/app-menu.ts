import type { MenuItemConstructorOptions } from 'electron';

const TITLES = {
  en: { file: 'File', edit: 'Edit', view: 'View', window: 'Window' },
  es: { file: 'Archivo', edit: 'Edición', view: 'Ver', window: 'Ventana' },
};

/** The menu's language from the OS locale (app.getLocale(): "es-419", "es-ES" → es); role items are translated by the OS. */
export const menuLanguage = (locale: string | undefined): keyof typeof TITLES =>
  /^es([-_]|$)/i.test(locale ?? '') ? 'es' : 'en';

/** The native menu with the usual Edit/View/Window roles, so copy, paste, zoom and close work as everywhere. */
export function menuTemplate(
  platform: NodeJS.Platform,
  appName = 'Tenantry',
  lang: keyof typeof TITLES = 'en',
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const title = TITLES[lang];
  return [
    ...(mac
      ? [
          {
            label: appName,
            submenu: [
              { role: 'about' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } as MenuItemConstructorOptions,
        ]
      : []),
    { label: title.file, submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: title.edit,
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: title.view,
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: title.window,
      submenu: mac
        ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
  ];
}
