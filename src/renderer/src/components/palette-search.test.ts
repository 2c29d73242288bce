import { describe, expect, it } from 'vitest';
import { fold, searchPalette, type PaletteItem } from './palette-search';

const item = (kind: PaletteItem['kind'], label: string, detail?: string): PaletteItem => ({
  id: `${kind}:${label}`,
  kind,
  label,
  detail,
  run: () => undefined,
});

const items = [
  item('screen', 'Go to Tenants'),
  item('screen', 'Ir a Migraciones'),
  item('action', 'Dark theme'),
  item('tenant', 'Colegio San Martín', 'tenant_colegio_san_martin_1a2b'),
  item('tenant', 'Academia Norte', 'tenant_academia_norte_9f00'),
  item('backup', 'tenant_academia_norte_9f00', '2025-03-04 10:20'),
];

describe('palette search', () => {
  it('finds tenants by name or schema, without caring for accents or case', () => {
    expect(searchPalette(items, 'martin').map((i) => i.label)).toEqual(['Colegio San Martín']);
    expect(searchPalette(items, 'MIGRACION').map((i) => i.label)).toEqual(['Ir a Migraciones']);
    expect(searchPalette(items, 'colegio_san').map((i) => i.kind)).toEqual(['tenant']);
  });

  it('ranks a label that starts with the query first, then by kind', () => {
    const r = searchPalette(items, 'academia');
    expect(r[0].label).toBe('Academia Norte');
    expect(r.map((i) => i.kind)).toEqual(['tenant', 'backup']);
    expect(searchPalette(items, 'norte 9f00').map((i) => i.kind)).toEqual(['tenant', 'backup']);
  });

  it('lists everything for an empty query, screens first, and nothing for a miss', () => {
    expect(searchPalette(items, '')[0].kind).toBe('screen');
    expect(searchPalette(items, '').length).toBe(items.length);
    expect(searchPalette(items, 'zzz')).toEqual([]);
    expect(fold('Migración')).toBe('migracion');
  });
});
