import type { Language } from './translate';

/** Dates, numbers and sizes written the way the chosen language writes them (Intl, no library). */
export function formatters(lang: Language) {
  const num = new Intl.NumberFormat(lang);
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const instant = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' });
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  return {
    number: (n: number | null | undefined) => (n === null || n === undefined ? '–' : num.format(n)),
    date: (iso: string | null | undefined, never = '–') => {
      if (!iso) return never;
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
    },
    time: (iso: string) => time.format(new Date(iso)),
    /** A date with its seconds: a point in time to restore to. */
    instant: (iso: string) => instant.format(new Date(iso)),
    bytes: (n: number | null | undefined) => formatBytes(n, lang),
    /** "3 minutes ago" / "hace 3 minutos". */
    ago: (iso: string, now = Date.now()) => {
      const s = Math.round((new Date(iso).getTime() - now) / 1000);
      const abs = Math.abs(s);
      if (abs < 60) return relative.format(s, 'second');
      if (abs < 3600) return relative.format(Math.round(s / 60), 'minute');
      if (abs < 86400) return relative.format(Math.round(s / 3600), 'hour');
      return relative.format(Math.round(s / 86400), 'day');
    },
  };
}

export type Formatters = ReturnType<typeof formatters>;

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** Binary steps (1024) with the locale's own unit names and decimal separator: "1.5 MB" / "1,5 MB". */
export function formatBytes(n: number | null | undefined, lang: Language): string {
  if (n === null || n === undefined) return '–';
  let value = Math.abs(n);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // Intl has no short name for a bare byte in every locale ("512 byte"); B reads the same everywhere.
  if (unit === 0) return `${n < 0 ? '−' : ''}${new Intl.NumberFormat(lang).format(value)} B`;
  const digits = value >= 100 ? 0 : 1;
  const text = new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: digits,
  }).format(value);
  return n < 0 ? `−${text}` : text;
}
