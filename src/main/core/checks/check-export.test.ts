import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../shared/model/checks';
import { auditCsv } from '../audit/audit-query';
import type { AuditLine } from '../audit/audit-log';
import { reportCsv } from './check-export';

const FORMULAS = ['=1+1', '+cmd|calc', '-2+3+cmd', '@SUM(A1)', '\t=1', '\r=1'];

function report(): CheckReport {
  return {
    id: '20260101T000000Z-abcdef',
    profileId: 'p',
    profile: 'p',
    environment: 'local',
    database: 'db',
    startedAt: '',
    endedAt: '',
    durationMs: 0,
    checks: [],
    tenants: [],
    skipped: [],
    results: FORMULAS.map((f, i) => ({
      tenant: `t${i}`,
      check: 'c',
      status: 'error' as const,
      severity: 'error' as const,
      count: 0,
      columns: [],
      rows: [],
      reason: f,
      error: { code: 'SQL_ERROR', message: f },
      durationMs: 0,
    })),
    totals: { pass: 0, fail: 0, error: FORMULAS.length, not_applicable: 0, rows: 0 },
    passed: false,
  };
}

/** The cells of a CSV text written by the one writer (no quoted commas in these fixtures). */
const cellsOf = (csv: string) =>
  csv
    .split('\r\n')
    .slice(1, -1)
    .map((l) => l.split(','));

describe('every export neutralises formula cells', () => {
  it('the checks export (verify --format csv)', () => {
    const rows = cellsOf(reportCsv(report()));
    rows.forEach((cells, i) => {
      const quoted = FORMULAS[i].includes('\r') ? `"'${FORMULAS[i]}"` : `'${FORMULAS[i]}`;
      expect(cells[6]).toBe(quoted);
      expect(cells[8]).toBe(quoted);
    });
  });

  it('the audit export (audit export)', () => {
    const lines = FORMULAS.map(
      (f) =>
        ({
          at: '2026-01-01T00:00:00.000Z',
          who: f,
          action: 'x',
          result: 'failed',
          error: f,
          prev: '',
          hash: 'h',
        }) as unknown as AuditLine,
    );
    const rows = cellsOf(auditCsv(lines));
    rows.forEach((cells, i) => {
      const quoted = FORMULAS[i].includes('\r') ? `"'${FORMULAS[i]}"` : `'${FORMULAS[i]}`;
      expect(cells[1]).toBe(quoted);
      expect(cells[9]).toBe(quoted);
    });
  });
});
