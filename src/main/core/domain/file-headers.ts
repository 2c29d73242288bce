import { AppError } from '../../../shared/errors';
import type { CheckParam } from '../../../shared/model/checks';

/** `-- param: NAME TYPE = DEFAULT` of checks and actions. */
const PARAM_RE =
  /^([A-Za-z_][A-Za-z0-9_]*)\s+([a-z][a-z0-9_]*(?: [a-z][a-z0-9_]*)*(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])?)(?:\s*=\s*(.*))?$/;

export interface Headers {
  values: Map<string, string>;
  params: CheckParam[];
}

/** The `-- key: value` lines at the top of a file, up to the first line of SQL. */
export function readHeaders(text: string): Headers {
  const values = new Map<string, string>();
  const params: CheckParam[] = [];
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (!line.startsWith('--')) break;
    const m = /^--\s*([a-z]+)\s*:\s*(.*)$/i.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const value = m[2].trim();
    if (key === 'param') {
      const p = PARAM_RE.exec(value);
      if (!p)
        throw new AppError(
          'PARAM_INVALID',
          `Bad parameter header "${value}".`,
          'Write "-- param: NAME TYPE = DEFAULT", e.g. "-- param: tolerance numeric = 0.05".',
        );
      params.push({ name: p[1], type: p[2], ...(p[3] !== undefined && p[3] !== '' ? { default: p[3].trim() } : {}) });
    } else values.set(key, value);
  }
  return { values, params };
}
