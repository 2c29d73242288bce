import { AppError } from '../../../shared/errors';
import type { Step } from '../../../shared/model/checklists';
import { toAppError } from '../db/pg-errors';
import { assertReadOnlyQuery, loadSqlParser } from '../domain/sql';
import type { StepContext, StepOutcome } from './step-context';

type SqlAssert = Extract<Step, { kind: 'sql-assert' }>;

export function compare(value: unknown, expect: SqlAssert['expect']): string | undefined {
  if (expect.equals !== undefined && String(value) !== String(expect.equals))
    return `expected ${JSON.stringify(expect.equals)}, got ${JSON.stringify(value)}`;
  const n = Number(value);
  if ((expect.min !== undefined || expect.max !== undefined) && !Number.isFinite(n))
    return `expected a number, got ${JSON.stringify(value)}`;
  if (expect.min !== undefined && n < expect.min) return `expected at least ${expect.min}, got ${n}`;
  if (expect.max !== undefined && n > expect.max) return `expected at most ${expect.max}, got ${n}`;
  return undefined;
}

/** A read-only query (one statement, extended protocol, READ ONLY transaction) and a bound on its first value. */
export async function runSqlAssert(ctx: StepContext, step: SqlAssert): Promise<StepOutcome> {
  await loadSqlParser();
  assertReadOnlyQuery(
    step.sql,
    'A sql-assert step',
    'Write one SELECT whose first value is compared; changes belong in migrations or actions.',
  );
  const value = await ctx.deps.pools.withClient(ctx.profile, async (c) => {
    await c.query('BEGIN READ ONLY');
    try {
      await c.query("SET LOCAL statement_timeout = '60s'");
      // A values array forces the extended protocol: one statement only, no smuggled second one.
      const { rows, fields } = await c.query({ text: step.sql, values: [], rowMode: 'array' });
      return rows[0]?.[0] ?? (fields.length ? null : undefined);
    } catch (e) {
      throw toAppError(e, ctx.profile);
    } finally {
      await c.query('ROLLBACK').catch(() => undefined);
    }
  });
  ctx.log(`value: ${JSON.stringify(value)}`);
  const problem = compare(value, step.expect);
  const evidence = { value, expect: step.expect };
  if (problem) throw Object.assign(new AppError('STEP_FAILED', `Assertion failed: ${problem}.`), { evidence });
  return { evidence };
}
