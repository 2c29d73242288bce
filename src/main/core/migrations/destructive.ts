/** Strips comments and string literals so that words inside them are not taken for statements. */
function codeOnly(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
}

const RULES: { kind: string; re: RegExp }[] = [
  { kind: 'drop', re: /\bDROP\s+(?:TABLE|SCHEMA|VIEW|MATERIALIZED\s+VIEW|TYPE|INDEX|SEQUENCE|FUNCTION)\b(?:\s+CONCURRENTLY)?(?:\s+IF\s+EXISTS)?\s+[\w."]+/gi },
  { kind: 'drop', re: /\bALTER\s+TABLE\s+[\w."]+\s+DROP\s+(?!CONSTRAINT|DEFAULT|NOT\s+NULL)(?:COLUMN\s+)?(?:IF\s+EXISTS\s+)?[\w"]+/gi },
  { kind: 'truncate', re: /\bTRUNCATE\b(?:\s+TABLE)?\s+[\w."]+/gi },
  { kind: 'type-change', re: /\bALTER\s+COLUMN\s+[\w"]+\s+(?:SET\s+DATA\s+)?TYPE\s+[\w"]+/gi },
  { kind: 'not-null', re: /\bALTER\s+COLUMN\s+[\w"]+\s+SET\s+NOT\s+NULL/gi },
  { kind: 'delete-all', re: /\bDELETE\s+FROM\s+[\w."]+\s*(?:;|$)/gi },
];

/** ADD COLUMN … NOT NULL without a DEFAULT rewrites or fails on a table with rows. */
const ADD_NOT_NULL = /\bADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?([\w"]+)\s+[^,;]*?\bNOT\s+NULL\b[^,;]*/gi;

/** Why a migration is destructive: each flagged statement, shortened (empty when it is not). */
export function destructiveReasons(sql: string): string[] {
  const code = codeOnly(sql);
  const reasons: string[] = [];
  for (const { kind, re } of RULES) for (const m of code.matchAll(re)) reasons.push(`${kind}: ${m[0].replace(/\s+/g, ' ').replace(/;$/, '').trim()}`);
  for (const m of code.matchAll(ADD_NOT_NULL)) if (!/\bDEFAULT\b/i.test(m[0])) reasons.push(`not-null: ADD COLUMN ${m[1]} NOT NULL without DEFAULT`);
  return [...new Set(reasons)];
}
