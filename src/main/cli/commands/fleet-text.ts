import type { ActionReport, BaselineResult, BaselineUndoResult, DiffResult } from '../../../shared/model/fleet';
import { table } from '../output';

export function diffText(d: DiffResult, showSql: boolean): string {
  const lines: string[] = [];
  const ref = d.reference
    ? `${d.reference} (${d.referenceKind === 'majority' ? 'majority' : 'named reference'})`
    : 'none';
  lines.push(`${d.tenants} tenant schema(s), ${d.objects} objects read; reference: ${ref}.`);
  lines.push(
    table(
      ['fingerprint', 'tenants', 'examples'],
      d.groups.map((g) => [
        g.fingerprint,
        g.tenants.length,
        g.tenants.slice(0, 3).join(', ') + (g.tenants.length > 3 ? ', …' : ''),
      ]),
    ),
  );
  if (!d.drifted.length) {
    lines.push('', 'No drift: every tenant has the reference structure.');
    return lines.join('\n');
  }
  lines.push('', `${d.drifted.length} tenant(s) drifted:`);
  for (const t of d.drifted) {
    lines.push(`${t.tenant}: ${t.differences.join('; ')}`);
    if (showSql) lines.push(t.fixSql.replace(/^/gm, '    '), '');
  }
  if (!showSql) lines.push('', 'Add --sql to see the SQL that would bring each drifted tenant back (it is never run).');
  return lines.join('\n');
}

export function baselineText(r: BaselineResult): string {
  const lines: string[] = [];
  const ref =
    r.reference.kind === 'scratch'
      ? 'the migration files applied to a scratch schema'
      : r.reference.kind === 'schema'
        ? `schema ${r.reference.schema}`
        : `the fleet's majority (${r.reference.schema ?? 'none'})`;
  lines.push(`Baseline up to ${r.to} (${r.migrations.length} migration(s)); reference: ${ref}.`);
  if (r.reference.note) lines.push(r.reference.note);
  const recorded = r.baselined.filter((b) => b.recorded.length).length;
  lines.push(
    `${r.baselined.length} tenant(s) proven: ${recorded} got new \`baselined\` rows, ${r.baselined.length - recorded} had them already.`,
  );
  if (r.refused.length) {
    lines.push('', `${r.refused.length} tenant(s) refused (no ledger row written):`);
    for (const t of r.refused) lines.push(`  ${t.tenant}: lacks ${t.lacking.join('; ')}`);
  }
  if (r.failed.length) {
    lines.push('', `${r.failed.length} tenant(s) failed:`);
    for (const t of r.failed) lines.push(`  ${t.tenant}: ${t.code} ${t.message}`);
  }
  return lines.join('\n');
}

export function undoText(r: BaselineUndoResult): string {
  if (!r.removed.length) return 'No baselined rows to remove.';
  return [
    `Removed baselined rows in ${r.removed.length} tenant(s):`,
    ...r.removed.map((t) => `  ${t.tenant}: ${t.names.join(', ')}`),
  ].join('\n');
}

function rowText(row: Record<string, unknown>): string {
  return Object.entries(row)
    .map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' ');
}

export function actionText(r: ActionReport): string {
  const lines = [`${r.dryRun ? 'Preview (rolled back)' : 'Ran'} action ${r.action} in ${r.tenants.length} tenant(s).`];
  lines.push(
    table(
      ['tenant', 'state', 'rows', 'detail'],
      r.tenants.map((t) => [
        t.tenant,
        t.state,
        t.rowsChanged,
        t.error
          ? `${t.error.code}: ${t.error.message}`
          : t.rows[0]
            ? rowText(t.rows[0]) + (t.rows.length > 1 ? ` (+${t.rows.length - 1})` : '')
            : '',
      ]),
    ),
  );
  const c = r.counts;
  lines.push(
    '',
    `${c.done} done, ${c.previewed} previewed, ${c.failed} failed (rolled back), ${c.skipped} skipped${r.stopped ? ' — stopped at the first failure' : ''}.`,
  );
  return lines.join('\n');
}
