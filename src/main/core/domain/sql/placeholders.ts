import { scanTokens } from './parser';

/** A `:name` placeholder of a check or action, and where it sits in the text. */
export interface Placeholder {
  name: string;
  start: number;
  end: number;
}

/**
 * Where `:name` placeholders sit, found with PostgreSQL's own lexer: a `:` token touching a word
 * token. Strings, quoted identifiers, comments, dollar bodies and `::` casts never count. A text
 * the lexer refuses has none here; parsing it reports the error.
 */
export function findPlaceholders(sql: string): Placeholder[] {
  let tokens;
  try {
    tokens = scanTokens(sql);
  } catch {
    return [];
  }
  const found: Placeholder[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const colon = tokens[i];
    const word = tokens[i + 1];
    if (colon.text !== ':' || word.start !== colon.end || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(word.text)) continue;
    found.push({ name: word.text, start: colon.start, end: word.end });
    i++;
  }
  return found;
}

/** The text with each placeholder replaced by a parameter of the same length, so it parses and positions stay. */
export function withPlaceholdersAsParams(sql: string): string {
  let out = '';
  let last = 0;
  for (const ph of findPlaceholders(sql)) {
    out += sql.slice(last, ph.start) + '$1'.padEnd(ph.end - ph.start, ' ');
    last = ph.end;
  }
  return out + sql.slice(last);
}
