import type { Run, StepRun } from '../../../shared/model/checklists';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function duration(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

const MARK: Record<StepRun['state'], string> = {
  pending: '[ ]',
  running: '[~]',
  waiting: '[ ]',
  succeeded: '[x]',
  failed: '[!]',
  skipped: '[-]',
};

function evidenceLines(step: StepRun): string[] {
  const e = step.evidence ?? {};
  const lines: string[] = [];
  if (e.backupId) lines.push(`backup \`${e.backupId}\``);
  if (Array.isArray(e.files))
    for (const f of e.files as { path: string; sha256: string; bytes: number }[])
      lines.push(`file \`${f.path}\` sha256 \`${f.sha256}\` (${f.bytes} bytes)`);
  if (typeof e.applied === 'number')
    lines.push(
      `migrations applied in ${e.applied} of ${e.tenants} tenants; failed: ${(e.failed as string[]).join(', ') || 'none'}`,
    );
  if (e.totals) {
    const t = e.totals as Record<string, number>;
    lines.push(
      `verification: ${t.pass} pass, ${t.fail} fail, ${t.error} error, ${t.not_applicable} n/a (report \`${e.reportId}\`)`,
    );
  }
  if (Array.isArray(e.fixes) && e.fixes.length)
    lines.push(
      `fixes: ${(e.fixes as { check: string; rows: number }[]).map((f) => `${f.check} (${f.rows} rows)`).join(', ')}`,
    );
  if (Array.isArray(e.behind)) lines.push(`${e.tenants} schemas; behind: ${(e.behind as string[]).length}`);
  if ('value' in e) lines.push(`value ${JSON.stringify(e.value)} (expected ${JSON.stringify(e.expect)})`);
  if ('exitCode' in e)
    lines.push(
      `\`${e.program} ${(e.args as string[]).join(' ')}\` exited ${e.exitCode}${e.timedOut ? ' (timed out)' : ''}`,
    );
  if (typeof e.restored === 'number') lines.push(`restored ${e.restored} tenant(s) from \`${e.backupId}\``);
  if (e.recovered) lines.push('re-checked after an interruption');
  return lines;
}

/** The record a deploy checklist asks for: each step, its evidence, times, notes and who. */
export function runToMarkdown(run: Run): string {
  const out = [
    `# ${run.title}`,
    '',
    `- Run: \`${run.id}\` (${run.runbookId})`,
    `- Profile: ${run.profileName} — **${run.environment.toUpperCase()}**, database \`${run.database}\``,
    `- State: **${run.state}**`,
    `- Started: ${run.createdAt} by ${run.startedBy}${run.endedAt ? `; ended ${run.endedAt}` : ''}`,
    ...(run.rollsBack ? [`- Rolls back run \`${run.rollsBack}\``] : []),
    '',
  ];
  if (run.gates.length)
    out.push('## Gates', '', ...run.gates.map((g) => `- ${g.ok ? 'passed' : 'BLOCKED'}: ${g.gate} — ${g.message}`), '');
  out.push('## Steps', '');
  run.steps.forEach((s, i) => {
    out.push(`### ${MARK[s.state]} ${i + 1}. ${s.title} (${s.kind}, ${s.state})`, '');
    const meta = [
      s.startedAt && `started ${s.startedAt}`,
      s.endedAt && `ended ${s.endedAt}`,
      s.durationMs !== undefined && duration(s.durationMs),
      s.by && `by ${s.by}`,
      s.attempts > 1 && `${s.attempts} attempts`,
    ].filter(Boolean);
    if (meta.length) out.push(`- ${meta.join(' · ')}`);
    for (const line of evidenceLines(s)) out.push(`- ${line}`);
    if (s.note) out.push(`- Note: ${s.note}`);
    if (s.skipReason) out.push(`- Skipped because: ${s.skipReason}`);
    if (s.error) out.push(`- Error \`${s.error.code}\`: ${s.error.message}${s.error.hint ? ` (${s.error.hint})` : ''}`);
    out.push('');
  });
  if (run.events.length) out.push('## Log', '', ...run.events.map((e) => `- ${e.at} ${e.who}: ${e.text}`), '');
  return out.join('\n');
}

/** A standalone HTML page: every value from the run is escaped, nothing is fetched. */
export function runToHtml(run: Run): string {
  const rows = run.steps
    .map(
      (s, i) =>
        `<tr class="${s.state}"><td>${i + 1}</td><td>${escapeHtml(s.title)}<div class="k">${s.kind}</div></td><td>${s.state}</td><td>${escapeHtml(s.startedAt ?? '')}</td><td>${duration(s.durationMs)}</td><td>${escapeHtml(s.by ?? '')}</td><td>${[
          ...evidenceLines(s),
          s.note ? `Note: ${s.note}` : '',
          s.skipReason ? `Skipped: ${s.skipReason}` : '',
          s.error ? `${s.error.code}: ${s.error.message}` : '',
        ]
          .filter(Boolean)
          .map((l) => `<div>${escapeHtml(l.replace(/`/g, ''))}</div>`)
          .join('')}</td></tr>`,
    )
    .join('\n');
  const gates = run.gates
    .map((g) => `<li>${g.ok ? 'passed' : 'BLOCKED'}: ${escapeHtml(g.gate)} — ${escapeHtml(g.message)}</li>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${escapeHtml(run.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px;text-align:left;vertical-align:top}.failed{background:#fde8e8}.skipped{color:#777}.k{color:#777;font-size:12px}.env{display:inline-block;padding:2px 8px;border-radius:4px;color:#fff;background:${run.environment === 'production' ? '#c62828' : run.environment === 'staging' ? '#ed8c00' : '#2e7d32'}}</style></head>
<body><h1>${escapeHtml(run.title)}</h1><p><span class="env">${run.environment.toUpperCase()}</span> ${escapeHtml(run.profileName)} · database ${escapeHtml(run.database)} · run ${escapeHtml(run.id)} · <strong>${run.state}</strong></p>
<p>Started ${escapeHtml(run.createdAt)} by ${escapeHtml(run.startedBy)}${run.endedAt ? `; ended ${escapeHtml(run.endedAt)}` : ''}</p>
${gates ? `<h2>Gates</h2><ul>${gates}</ul>` : ''}<h2>Steps</h2><table><tr><th>#</th><th>Step</th><th>State</th><th>Started</th><th>Took</th><th>Who</th><th>Evidence</th></tr>
${rows}</table></body></html>
`;
}
