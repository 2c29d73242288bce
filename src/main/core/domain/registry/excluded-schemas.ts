import { sql, type RawBuilder } from 'kysely';

/** Never tenants, whatever a registry says (CLI.md "Choosing the registry"). As a SQL predicate on a schema name column. */
export function notExcludedSql(column: string, ignoreParam?: string): string {
  const ignore = ignoreParam ? ` AND NOT (${column} = ANY(${ignoreParam}::text[]))` : '';
  return `(${column} NOT IN ('public', 'tenantry', 'information_schema') AND ${column} NOT LIKE 'pg\\_%' AND ${column} NOT LIKE 'tenantry\\_tmp\\_%'${ignore})`;
}

/** The same predicate for a kysely statement, on a column we name (never user text); `ignore` goes as a parameter. */
export function notExcluded(column: string, ignore?: string[]): RawBuilder<boolean> {
  const never = sql.raw<boolean>(notExcludedSql(column));
  return ignore ? sql<boolean>`(${never} AND NOT (${sql.raw(column)} = ANY(${ignore}::text[])))` : never;
}
