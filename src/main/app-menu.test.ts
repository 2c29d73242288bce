import { describe, expect, it } from 'vitest';
import { menuTemplate } from './app-menu';

const roles = (items: ReturnType<typeof menuTemplate>) => items.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu.map((i) => i.role).filter(Boolean) : []));

describe('application menu', () => {
  it('has the usual Edit, View and Window roles', () => {
    const menu = menuTemplate('linux');
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window']);
    expect(roles(menu)).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'undo', 'redo', 'selectAll', 'reload', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'minimize', 'quit']));
  });

  it('adds the app menu on macOS', () => {
    const menu = menuTemplate('darwin');
    expect(menu[0].label).toBe('Tenantry');
    expect(roles(menu)).toEqual(expect.arrayContaining(['about', 'hide', 'quit', 'front', 'zoom']));
  });
});
