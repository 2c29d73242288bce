import { describe, expect, it } from 'vitest';
import { menuLanguage, menuTemplate } from './app-menu';

const roles = (items: ReturnType<typeof menuTemplate>) =>
  items.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu.map((i) => i.role).filter(Boolean) : []));

describe('application menu', () => {
  it('has the usual Edit, View and Window roles', () => {
    const menu = menuTemplate('linux');
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window']);
    expect(roles(menu)).toEqual(
      expect.arrayContaining([
        'copy',
        'paste',
        'cut',
        'undo',
        'redo',
        'selectAll',
        'reload',
        'zoomIn',
        'zoomOut',
        'resetZoom',
        'togglefullscreen',
        'minimize',
        'quit',
      ]),
    );
  });

  it('adds the app menu on macOS', () => {
    const menu = menuTemplate('darwin');
    expect(menu[0].label).toBe('Tenantry');
    expect(roles(menu)).toEqual(expect.arrayContaining(['about', 'hide', 'quit', 'front', 'zoom']));
  });

  it('titles the menus in Spanish when the OS speaks Spanish; the roles stay (the OS translates them)', () => {
    expect(menuLanguage('es-419')).toBe('es');
    expect(menuLanguage('es')).toBe('es');
    expect(menuLanguage('en-US')).toBe('en');
    expect(menuLanguage(undefined)).toBe('en');
    const menu = menuTemplate('linux', 'Tenantry', menuLanguage('es-ES'));
    expect(menu.map((m) => m.label)).toEqual(['Archivo', 'Edición', 'Ver', 'Ventana']);
    expect(roles(menu)).toEqual(roles(menuTemplate('linux')));
  });
});
