import type { ClientBase } from 'pg';
import { AppError } from '../../../shared/errors';
import type { CheckMetric, CheckResult, MetricValues } from '../../../shared/model/checks';
import type { LoadedCheck } from './check-files';
import { assertQuery, hasStatementSeparator } from '../domain/check-sql';
import { jsonValue } from '../domain/db-values';
import { ReadOnlySession } from './run-tenant-checks';

/**
 * `-- metric: NAME ["Label"] [es:"Etiqueta"]` or `-- metric: NAME = A / B ["Label"] …`: a column
 * of the companion query, its labels, and (with `= A / B`) a fleet total that is a ratio of totals.
 */
const METRIC_RE =
  /^([A-Za-z_][A-Za-z0-9_]*)(?:\s*=\s*([A-Za-z_][A-Za-z0-9_]*)\s*\/\s*([A-Za-z_][A-Za-z0-9_]*))?((?:\s+(?:[a-z]{2}:)?"[^"]*")*)\s*$/;
const LABEL_RE = /(?:([a-z]{2}):)?"([^"]*)"/g;

export function parseMetricHeader(value: string): CheckMetric {
  const m = METRIC_RE.exec(value.trim());
  if (!m)
    throw new AppError(
      'CHECK_FAILED',
      `Bad metric header "${value}".`,
      'Write "-- metric: NAME \\"Label\\" es:\\"Etiqueta\\"", or "-- metric: NAME = A / B \\"Label\\"" for a ratio.',
    );
  const labels: Record<string, string> = {};
  for (const l of m[4].matchAll(LABEL_RE)) labels[l[1] ?? 'en'] = l[2];
  if (!labels.en) labels.en = m[1];
  return { name: m[1], labels, total: m[2] ? { kind: 'ratio', numerator: m[2], denominator: m[3] } : { kind: 'sum' } };
}

/** The companion's metrics and SQL, checked when the project is read so a bad file is a problem of its check. */
export function readMetricsFile(text: string, fileName: string): { metrics: CheckMetric[]; sql: string } {
  const metrics: CheckMetric[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (!line.startsWith('--')) break;
    const h = /^--\s*metric\s*:\s*(.*)$/i.exec(line);
    if (h) metrics.push(parseMetricHeader(h[1]));
  }
  if (metrics.length === 0)
    throw new AppError(
      'CHECK_FAILED',
      `${fileName} declares no "-- metric:" header.`,
      'Name each column the query returns: "-- metric: students \\"Students\\"".',
    );
  for (const m of metrics) {
    if (m.total.kind !== 'ratio') continue;
    for (const part of [m.total.numerator, m.total.denominator]) {
      if (!metrics.some((o) => o.name === part && o.total.kind === 'sum'))
        throw new AppError(
          'CHECK_FAILED',
          `${fileName}: the ratio ${m.name} uses ${part}, which is not a summed metric of the file.`,
          'A ratio divides two other metrics of the same file.',
        );
    }
  }
  assertQuery(text);
  if (hasStatementSeparator(text))
    throw new AppError(
      'QUERY_NOT_READ_ONLY',
      `${fileName} holds more than one statement.`,
      'A metrics file is one SELECT returning one row.',
    );
  return { metrics, sql: text };
}

function asText(value: unknown): string | null {
  const v = jsonValue(value);
  return v === null || v === undefined ? null : String(v);
}

/** The first row's metric columns as decimal text (pg hands int8 and numeric over as text already). */
async function readOne(client: ClientBase, check: LoadedCheck): Promise<MetricValues> {
  const { rows } = await client.query<Record<string, unknown>>({
    text: check.metricsSql!,
    queryMode: 'extended',
  } as never);
  const row = rows[0] ?? {};
  return Object.fromEntries(check.metrics!.map((m) => [m.name, asText(row[m.name])]));
}

/**
 * Reads the metrics of the checks that have them into the schema's results, in one READ ONLY
 * transaction per check (a failing query loses only its own numbers; the session ends it). Tenants where the check
 * does not apply or errored get none.
 */
export async function addMetrics(
  client: ClientBase,
  schema: string,
  checks: LoadedCheck[],
  results: CheckResult[],
  timeoutMs: number,
  shared?: ReadOnlySession,
): Promise<void> {
  // With a shared session the next tenant's BEGIN carries this one's ROLLBACK: two round trips a tenant.
  const session = shared ?? new ReadOnlySession(client);
  try {
    for (const check of checks) {
      if (!check.metricsSql || !check.metrics || check.problem) continue;
      const result = results.find((r) => r.tenant === schema && r.check === check.id);
      if (!result || (result.status !== 'pass' && result.status !== 'fail')) continue;
      try {
        await session.begin(schema, timeoutMs);
        result.metrics = await readOne(client, check);
      } catch {
        await session.abort();
      }
    }
  } finally {
    if (!shared) await session.close();
  }
}

/** Integer text is summed exactly; anything else as a decimal rounded to 4 places. */
function sum(values: (string | null)[]): string | null {
  const present = values.filter((v): v is string => v !== null && v !== '');
  if (present.length === 0) return null;
  if (present.every((v) => /^-?\d+$/.test(v))) return present.reduce((a, v) => a + BigInt(v), 0n).toString();
  return String(Math.round(present.reduce((a, v) => a + Number(v), 0) * 1e4) / 1e4);
}

function ratio(numerator: string | null, denominator: string | null): string | null {
  if (numerator === null || denominator === null || Number(denominator) === 0) return null;
  return (Number(numerator) / Number(denominator)).toFixed(4);
}

/** Fleet totals per check: sums over the tenants, and ratios of those sums. */
export function metricTotals(
  checks: { id: string; metrics?: CheckMetric[] }[],
  results: CheckResult[],
): Record<string, MetricValues> | undefined {
  const out: Record<string, MetricValues> = {};
  for (const check of checks) {
    if (!check.metrics?.length) continue;
    const rows = results.filter((r) => r.check === check.id && r.metrics).map((r) => r.metrics!);
    const totals: MetricValues = {};
    for (const m of check.metrics) if (m.total.kind === 'sum') totals[m.name] = sum(rows.map((r) => r[m.name] ?? null));
    for (const m of check.metrics)
      if (m.total.kind === 'ratio')
        totals[m.name] = ratio(totals[m.total.numerator] ?? null, totals[m.total.denominator] ?? null);
    out[check.id] = totals;
  }
  return Object.keys(out).length ? out : undefined;
}
