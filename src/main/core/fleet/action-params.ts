import { AppError } from '../../../shared/errors';
import { ACTION_PARAM_TYPES, type ActionParam, type ActionParamType } from '../../../shared/model/fleet';
import { checkParamValue, refuseUnknownParams } from '../domain/param-values';
import { bindPlaceholders, splitSql, withPlaceholdersAsParams } from '../domain/sql';

export interface BoundStatement {
  text: string;
  values: string[];
}

const EXAMPLES: Record<ActionParamType, string> = {
  text: 'any text',
  integer: '42',
  numeric: '0.05',
  boolean: 'true or false',
  uuid: '123e4567-e89b-12d3-a456-426614174000',
};

export function isParamType(type: string): type is ActionParamType {
  return (ACTION_PARAM_TYPES as readonly string[]).includes(type);
}

/** Checks one value against its declared type: the same rule as check parameters (PARAM_INVALID). */
export function checkValue(param: ActionParam, value: string): string {
  return checkParamValue(param, value);
}

/** The value of every declared parameter: given, else its default; unknown or missing ones are PARAM_INVALID. */
export function resolveParams(declared: ActionParam[], given: Record<string, string>): Record<string, string> {
  refuseUnknownParams(declared, given, 'action');
  const out: Record<string, string> = {};
  for (const p of declared) {
    const value = given[p.name] ?? p.default;
    if (value === undefined)
      throw new AppError(
        'PARAM_INVALID',
        `The parameter "${p.name}" (${p.type}) is missing and has no default.`,
        `Give it a value: --param ${p.name}=${EXAMPLES[p.type]}`,
        { field: p.name },
      );
    out[p.name] = checkValue(p, value);
  }
  return out;
}

/**
 * The action's statements as PostgreSQL's parser splits them (`:name` placeholders standing in as
 * parameters, so positions stay), each as written in the file.
 */
export function splitStatements(sql: string): string[] {
  return splitSql(withPlaceholdersAsParams(sql)).map((s) => sql.slice(s.start, s.end).trim());
}

/** `:name` → `($n::type)` per statement, the value bound, never pasted into the text. */
export function bindStatement(sql: string, declared: ActionParam[], values: Record<string, string>): BoundStatement {
  return bindPlaceholders(sql, declared, (name) => values[name]);
}
