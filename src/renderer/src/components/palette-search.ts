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

const folded = new WeakMap<object, { label: string; hay: string }>();

/** Each item is folded once, not on every keystroke (10,000 tenants stay within a frame). */
function prepared(item: Pick<PaletteItem, 'label' | 'detail'>) {
  let f = folded.get(item);
  if (!f) {
    const label = fold(item.label);
    folded.set(item, (f = { label, hay: `${label} ${fold(item.detail ?? '')}` }));
  }
  return f;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A scorer for one query: 0 best (the label starts with it), 1 a word starts with it, 2 it appears somewhere, undefined no match. */
export function matcher(query: string): (item: Pick<PaletteItem, 'label' | 'detail'>) => number | undefined {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return () => 3;
  const q = words.join(' ');
  const starts = words.map((w) => new RegExp(`(^|[\\s_\\-·(./])${escapeRe(w)}`));
  return (item) => {
    const { label, hay } = prepared(item);
    if (!words.every((w) => hay.includes(w))) return undefined;
    if (label.startsWith(q)) return 0;
    return starts.every((re) => re.test(hay)) ? 1 : 2;
  };
}

export const score = (item: Pick<PaletteItem, 'label' | 'detail'>, query: string) => matcher(query)(item);

export function searchPalette(items: PaletteItem[], query: string, limit = 60): PaletteItem[] {
  const scoreOf = matcher(query);
  const scored: { item: PaletteItem; s: number; i: number }[] = [];
  items.forEach((item, i) => {
    const s = scoreOf(item);
    if (s !== undefined) scored.push({ item, s, i });
  });
  scored.sort((a, b) => a.s - b.s || KIND_ORDER[a.item.kind] - KIND_ORDER[b.item.kind] || a.i - b.i);
  return scored.slice(0, limit).map((x) => x.item);
}
