import type { CSSProperties } from 'react';
import './middle-ellipsis.css';

/**
 * A name cut in the middle, never at its end: "tenant_colegio_la_sa…_000f" and "…_copy" stay
 * apart. The whole text stays in the DOM (copy, find and screen readers get all of it); only the
 * head shrinks, and the title shows it whole on hover.
 */
export function MiddleEllipsis({ text, className = '' }: { text: string; className?: string }) {
  const cut = Math.max(0, text.length - tailLength(text));
  // Inline boxes only: a flex or block child would make browsers read the name as two words.
  return (
    <span
      className={`middle-ellipsis ${className}`}
      title={text}
      style={{ '--me-tail': `${text.length - cut + 1}ch` } as CSSProperties}
    >
      <span className="me-head">{text.slice(0, cut)}</span>
      <span className="me-tail">{text.slice(cut)}</span>
    </span>
  );
}

/** The part kept whole: the last `_` segment (a suffix such as `_000f` or `_copy`), 6 to 16 characters. */
export function tailLength(text: string): number {
  const last = text.lastIndexOf('_');
  const segment = last >= 0 ? text.length - last : 0;
  return Math.min(text.length, Math.max(6, Math.min(16, segment)));
}

/** The same cut for places that take plain text (chart axes): the head shortened, the tail kept. */
export function middleCut(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = Math.min(tailLength(text), max - 2);
  return `${text.slice(0, max - tail - 1)}…${text.slice(-tail)}`;
}
