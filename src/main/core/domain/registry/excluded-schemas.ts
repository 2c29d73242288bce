/** Never tenants, whatever a registry says (CLI.md "Choosing the registry"). As a SQL predicate on a schema name column. */
export function notExcludedSql(column: string, ignoreParam?: string): string {
  const ignore = ignoreParam ? ` AND NOT (${column} = ANY(${ignoreParam}::text[]))` : '';
  return `(${column} NOT IN ('public', 'tenantry', 'information_schema') AND ${column} NOT LIKE 'pg\\_%' AND ${column} NOT LIKE 'tenantry\\_tmp\\_%'${ignore})`;
}
