import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import {
  CHECK_SCOPES,
  CHECK_SEVERITIES,
  type CheckDefinition,
  type CheckParam,
  type CheckScope,
  type CheckSeverity,
} from '../../../shared/model/checks';
import { readMetricsFile } from './check-metrics';
import { assertQuery, findPlaceholders, hasStatementSeparator } from '../domain/check-sql';
import { readHeaders } from '../domain/file-headers';

/** A check with its SQL (and its fix's SQL), which never leave main. */
export interface LoadedCheck extends CheckDefinition {
  sql: string;
  fixSql?: string;
  metricsSql?: string;
}

const FIX_FILE_RE = /^[A-Za-z0-9_.-]+\.fix\.sql$/;
const METRICS_FILE_RE = /^[A-Za-z0-9_.-]+\.metrics\.sql$/;
/** Companion files: fixes and metrics queries, never checks of their own. */
const COMPANION_RE = /\.(fix|metrics)\.sql$/;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, what: string): T {
  if (value === undefined || value === '') return fallback;
  const v = value.toLowerCase() as T;
  if (!allowed.includes(v))
    throw new AppError('CHECK_FAILED', `Unknown ${what} "${value}".`, `Use one of ${allowed.join(', ')}.`);
  return v;
}

/** `-- scope:` tenant, shared, or a named schema's name (checked against tenantry.yaml when the check runs). */
function scopeOf(value: string | undefined): CheckScope {
  const v = value?.trim().toLowerCase();
  if (v && !(CHECK_SCOPES as readonly string[]).includes(v) && /^[a-z_][a-z0-9_]{0,62}$/.test(v)) return v;
  return oneOf(value, CHECK_SCOPES, 'tenant', 'scope');
}

/** Every `:name` in the SQL needs a header; caught when the file is read rather than per tenant. */
function assertParamsDeclared(sql: string, params: CheckParam[], file: string): void {
  for (const ph of findPlaceholders(sql)) {
    if (!params.some((p) => p.name === ph.name)) {
      throw new AppError(
        'PARAM_INVALID',
        `${file} uses :${ph.name}, which no "-- param:" header declares.`,
        `Add "-- param: ${ph.name} TYPE = DEFAULT" to the check's header.`,
      );
    }
  }
}

/** Reads one check file; a problem with it becomes `problem` (that check errors, the others run). */
export async function readCheckFile(dir: string, fileName: string): Promise<LoadedCheck> {
  const id = fileName.replace(/\.sql$/, '');
  const file = path.join(dir, fileName);
  const text = (await fs.readFile(file, 'utf8')).replace(/\r\n/g, '\n');
  const base: LoadedCheck = {
    id,
    name: id,
    description: '',
    severity: 'error',
    scope: 'tenant',
    params: [],
    file,
    sql: text,
  };
  try {
    const { values, params } = readHeaders(text);
    const severity: CheckSeverity = oneOf(values.get('severity'), CHECK_SEVERITIES, 'error', 'severity');
    const scope: CheckScope = scopeOf(values.get('scope'));
    Object.assign(base, {
      name: values.get('name') || id,
      description: values.get('description') ?? '',
      severity,
      scope,
      params,
    });
    assertQuery(text);
    if (hasStatementSeparator(text))
      throw new AppError(
        'QUERY_NOT_READ_ONLY',
        'A check is one SELECT; this file holds more than one statement.',
        'Remove everything after the first statement; put changes in a fix file.',
      );
    assertParamsDeclared(text, params, fileName);
    const fix = values.get('fix');
    if (fix) {
      if (!FIX_FILE_RE.test(fix))
        throw new AppError(
          'CHECK_FAILED',
          `The fix "${fix}" must be a NAME.fix.sql file beside the check.`,
          'Write "-- fix: NAME.fix.sql".',
        );
      let fixText: string;
      try {
        fixText = (await fs.readFile(path.join(dir, fix), 'utf8')).replace(/\r\n/g, '\n');
      } catch {
        throw new AppError(
          'CHECK_FAILED',
          `The fix file ${fix} named by ${fileName} does not exist.`,
          'Put the fix file beside the check, or remove the "-- fix:" header.',
        );
      }
      const fixParams = [
        ...params,
        ...readHeaders(fixText).params.filter((p) => !params.some((q) => q.name === p.name)),
      ];
      assertParamsDeclared(fixText, fixParams, fix);
      base.params = fixParams;
      base.fix = fix.replace(/\.sql$/, '');
      base.fixSql = fixText;
    }
    const metricsFile = values.get('metrics');
    if (metricsFile) {
      if (!METRICS_FILE_RE.test(metricsFile))
        throw new AppError(
          'CHECK_FAILED',
          `The metrics "${metricsFile}" must be a NAME.metrics.sql file beside the check.`,
          'Write "-- metrics: NAME.metrics.sql".',
        );
      let text: string;
      try {
        text = (await fs.readFile(path.join(dir, metricsFile), 'utf8')).replace(/\r\n/g, '\n');
      } catch {
        throw new AppError(
          'CHECK_FAILED',
          `The metrics file ${metricsFile} named by ${fileName} does not exist.`,
          'Put the metrics file beside the check, or remove the "-- metrics:" header.',
        );
      }
      const read = readMetricsFile(text, metricsFile);
      base.metrics = read.metrics;
      base.metricsSql = read.sql;
    }
  } catch (e) {
    const err = e instanceof AppError ? e : new AppError('CHECK_FAILED', String((e as Error).message ?? e));
    base.problem = { code: err.code, message: `${fileName}: ${err.message}`, ...(err.hint ? { hint: err.hint } : {}) };
  }
  return base;
}

/** The project's `checks/*.sql`, sorted by id; `*.fix.sql` and `*.metrics.sql` files are companions, not checks. */
export async function readChecksDir(dir: string): Promise<LoadedCheck[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const files = names.filter((n) => n.endsWith('.sql') && !COMPANION_RE.test(n)).sort();
  return Promise.all(files.map((n) => readCheckFile(dir, n)));
}

/** The chosen checks, in the order asked; an unknown id is CHECK_NOT_FOUND. */
export function chooseChecks(all: LoadedCheck[], ids: string[] | undefined): LoadedCheck[] {
  if (!ids || ids.length === 0) return all;
  return [...new Set(ids)].map((id) => {
    const found = all.find((c) => c.id === id || c.name === id);
    if (!found)
      throw new AppError(
        'CHECK_NOT_FOUND',
        `No check "${id}" in the project's checks/ folder.`,
        all.length ? `Known checks: ${all.map((c) => c.id).join(', ')}.` : 'Add checks/NAME.sql files to the project.',
      );
    return found;
  });
}

export function publicDefinition(check: LoadedCheck): CheckDefinition {
  const { sql: _sql, fixSql: _fix, metricsSql: _metrics, ...definition } = check;
  void _sql;
  void _fix;
  void _metrics;
  return definition;
}
