import { AppError } from '../../../../shared/errors';
import { findPlaceholders } from './placeholders';

export interface BoundSql {
  text: string;
  values: string[];
}

/**
 * The one place `:name` placeholders become `($n::type)`: each name is bound once, as a
 * parameter, and its value never enters the SQL text (checks and tenant actions both use it).
 */
export function bindPlaceholders(
  sql: string,
  declared: { name: string; type: string }[],
  valueOf: (name: string) => string,
  firstIndex = 1,
): BoundSql {
  const values: string[] = [];
  const index = new Map<string, number>();
  let text = '';
  let last = 0;
  for (const ph of findPlaceholders(sql)) {
    const param = declared.find((p) => p.name === ph.name);
    if (!param)
      throw new AppError(
        'PARAM_INVALID',
        `The SQL uses :${ph.name}, which no "-- param:" header declares.`,
        `Add "-- param: ${ph.name} text = VALUE" to the header.`,
        { field: ph.name },
      );
    let n = index.get(ph.name);
    if (n === undefined) {
      values.push(valueOf(ph.name));
      n = firstIndex + values.length - 1;
      index.set(ph.name, n);
    }
    text += `${sql.slice(last, ph.start)}($${n}::${param.type})`;
    last = ph.end;
  }
  return { text: text + sql.slice(last), values };
}
