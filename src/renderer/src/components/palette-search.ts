/** What the command palette can find, and how it ranks a query (pure, unit-tested). */

export type PaletteKind = 'screen' | 'action' | 'tenant' | 'backup';

export interface PaletteItem {
  id: string;
  kind: PaletteKind;
  label: string;
  /** Shown beside the label and searched too (schema name, backup date…). */
  detail?: string;
  run(): void;
}

const KIND_ORDER: Record<PaletteKind, number> = { screen: 0, action: 1, tenant: 2, backup: 3 };

/** Lower case without accents, so "migracion" finds "Migraciones". */
export const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** 0 best: the label starts with the query; 1 a word starts with it; 2 it appears somewhere; undefined no match. */
export function score(item: Pick<PaletteItem, 'label' | 'detail'>, query: string): number | undefined {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return 3;
  const label = fold(item.label);
  const hay = `${label} ${fold(item.detail ?? '')}`;
  if (!words.every((w) => hay.includes(w))) return undefined;
  const q = words.join(' ');
  if (label.startsWith(q)) return 0;
  if (words.every((w) => new RegExp(`(^|[\\s_\\-·(./])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(hay))) return 1;
  return 2;
}

export function searchPalette(items: PaletteItem[], query: string, limit = 60): PaletteItem[] {
  const scored: { item: PaletteItem; s: number; i: number }[] = [];
  items.forEach((item, i) => {
    const s = score(item, query);
    if (s !== undefined) scored.push({ item, s, i });
  });
  scored.sort((a, b) => a.s - b.s || KIND_ORDER[a.item.kind] - KIND_ORDER[b.item.kind] || a.i - b.i);
  return scored.slice(0, limit).map((x) => x.item);
}
