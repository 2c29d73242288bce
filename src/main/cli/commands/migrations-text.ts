import type { MigrationPlan, MigrationRun, MigrationStatus, ProfileComparison } from '../../../shared/model/migrations';
import { ct } from '../cli-messages';
import { table } from '../output';

const LIST = 60;

export function statusText(status: MigrationStatus): string {
  const c = status.counts;
  const lines = [
    `registry ${status.registry.kind} (${status.registry.source}) · ${c.tenants} tenants · ledgers read in ${status.ledgerReadMs} ms`,
    `${c.upToDate} up to date · ${c.behind} behind · ${c.failed} failed · ${c.drifted} drifted · ${c.missingFile} missing file · ${c.outOfOrder} out of order · ${c.missing} missing schema`,
  ];
  const named = status.tenants.filter((t) => t.named);
  if (named.length) {
    const rows = named.map((t) => [
      t.schema,
      t.failed.length
        ? ct('named.failed')
        : t.drifted.length
          ? ct('named.drifted')
          : t.pending.length
            ? ct('named.behind')
            : ct('named.upToDate'),
      `${t.applied.length}/${t.applied.length + t.pending.length}`,
      t.pending.join(' '),
    ]);
    lines.push(
      '',
      ct('named.title'),
      table(
        [ct('named.head.schema'), ct('named.head.state'), ct('named.head.applied'), ct('named.head.pending')],
        rows,
      ),
    );
  }
  const attention = status.tenants.filter(
    (t) =>
      !t.named &&
      (t.status === 'missing' || t.pending.length || t.failed.length || t.drifted.length || t.missingFile.length),
  );
  if (attention.length) {
    const rows = attention
      .slice(0, LIST)
      .map((t) => [
        t.schema + (t.shared ? ' (shared)' : ''),
        t.status === 'missing'
          ? 'schema missing'
          : t.failed.length
            ? 'failed'
            : t.drifted.length
              ? 'drifted'
              : t.pending.length
                ? 'behind'
                : 'missing file',
        t.pending.join(' '),
        [
          ...t.failed.map((n) => `failed:${n}`),
          ...t.drifted.map((n) => `drifted:${n}`),
          ...t.missingFile.map((n) => `no-file:${n}`),
          ...t.outOfOrder.map((n) => `out-of-order:${n}`),
          ...(t.leftovers ?? []).map((l) => `index-${l.state}:${l.index}`),
        ].join(' '),
      ]);
    lines.push('', table(['schema', 'state', 'pending', 'notes'], rows));
    for (const t of attention)
      for (const l of t.leftovers ?? [])
        lines.push(
          ct(l.state === 'valid' ? 'status.leftoverValid' : 'status.leftoverInvalid', {
            schema: t.schema,
            file: l.file,
            index: l.index,
          }),
        );
    if (attention.length > LIST) lines.push(`… and ${attention.length - LIST} more (use --json for all)`);
  } else {
    lines.push('', 'Every schema is up to date.');
  }
  if (status.django) {
    const behind = status.django.tenants.filter((t) => t.missing.length);
    lines.push(
      '',
      `django_migrations: ${status.django.tenants.length} schemas, ${status.django.migrations.length} migrations, ${behind.length} behind the others`,
    );
    for (const t of behind.slice(0, LIST)) lines.push(`  ${t.schema}: lacks ${t.missing.join(' ')}`);
  }
  return lines.join('\n');
}

export function compareText(cmp: ProfileComparison): string {
  const rows = cmp.migrations.map((m) => [m.scope, m.name, `${m.leftApplied}`, `${m.rightApplied}`]);
  return [
    `compare ${cmp.left.name} (${cmp.left.tenants} tenants) with ${cmp.right.name} (${cmp.right.tenants} tenants)`,
    table(['scope', 'migration', cmp.left.name, cmp.right.name], rows),
    `only on ${cmp.left.name}: ${cmp.onlyLeft.join(' ') || 'nothing'}`,
    `only on ${cmp.right.name}: ${cmp.onlyRight.join(' ') || 'nothing'}`,
  ].join('\n');
}

/** The plan a pipeline reviews: files in apply order with their destructive reasons, then the target schemas. */
export function planText(plan: MigrationPlan): string {
  const missing = plan.skippedMissing.length ? ct('plan.missing', { count: plan.skippedMissing.length }) : '';
  const lines = [ct('plan.head', { count: plan.schemas.length, upToDate: plan.upToDate, missing })];
  if (plan.files.length) lines.push(ct('plan.files'));
  plan.files.forEach((f, i) => {
    lines.push(
      `  ${i + 1}. ${f.scope === 'shared' ? 'public' : f.scope === 'named' ? f.schema : 'tenant'} ${f.name}${f.noTransaction ? ' [no-transaction]' : ''}${f.destructive.length ? `  ${ct('plan.destructive')}` : ''}`,
    );
    for (const reason of f.destructive) lines.push(`       ${reason}`);
  });
  if (plan.schemas.length) {
    const names = plan.schemas.map((s) => s.schema);
    lines.push(
      ct('plan.targets', { names: names.slice(0, LIST).join(', ') }) +
        (names.length > LIST ? ct('plan.more', { count: names.length - LIST }) : ''),
    );
  }
  for (const d of plan.drifted.slice(0, LIST)) lines.push(ct('plan.drifted', { name: `${d.schema}.${d.name}` }));
  return lines.join('\n');
}

export function runText(run: MigrationRun): string {
  const count = (s: string) => run.results.filter((r) => r.state === s).length;
  const verb = run.kind === 'dry-run' ? 'dry-run ok' : run.kind === 'rollback' ? 'rolled back' : 'applied';
  const ok = count(run.kind === 'dry-run' ? 'dry-run-ok' : run.kind === 'rollback' ? 'rolled-back' : 'applied');
  const lines = [
    `${run.kind}: ${ok}/${run.total} ${verb} · ${run.failed.length} failed · ${count('skipped')} not started · ${count('cancelled')} cancelled · parallel ${run.parallel} · ${run.durationMs} ms${run.backupId ? ` · backup ${run.backupId}` : ''}`,
  ];
  if (run.cancelled)
    lines.push('Cancelled: running transactions were rolled back; every schema is fully at its old or new version.');
  for (const r of run.results.filter((x) => x.state === 'failed')) {
    lines.push(
      `FAILED ${r.schema} at ${r.failedMigration ?? '?'}: ${r.error?.message ?? ''}${r.error?.sqlstate ? ` [${r.error.sqlstate}]` : ''}`,
    );
    if (r.statement) lines.push(`  statement: ${r.statement.replace(/\s+/g, ' ').slice(0, 200)}`);
    if (r.done.length) lines.push(`  committed before it: ${r.done.join(' ')}`);
  }
  for (const r of run.results.filter((x) => x.repaired?.length))
    lines.push(ct('run.repaired', { schema: r.schema, files: r.repaired!.join(' ') }));
  const notDry = [...new Set(run.results.flatMap((r) => r.notDryRunnable ?? []))];
  if (notDry.length) lines.push(`not dry-runnable (no-transaction): ${notDry.join(' ')}`);
  for (const s of run.skippedMissing) lines.push(`warning: ${s} is registered without a schema; skipped`);
  for (const w of run.waves ?? []) {
    const check = w.check ? ` · check ${w.check.passed ? 'passed' : 'FAILED'}` : '';
    lines.push(
      `wave ${w.index}/${run.waves!.length}${w.canary ? ' (canary)' : ''}: ${w.tenants.length} tenant(s) · ${w.state}${w.failed ? ` · ${w.failed} failed` : ''}${check}`,
    );
  }
  if (run.stopped)
    lines.push(
      `Rollout stopped at wave ${run.stopped.wave}: ${run.stopped.reason}. Re-run the same command to resume.`,
    );
  if (!run.total) lines.push('Nothing to do: every chosen schema is up to date.');
  return lines.join('\n');
}
