import { AppError } from '../../../shared/errors';

/**
 * The one rule for `-- param:` values, checks and actions alike: a value that is not of its
 * declared type is PARAM_INVALID (exit 2) before any tenant is touched, never a per-tenant SQL
 * error. Types are PostgreSQL's names; the value is still bound as a parameter, never pasted.
 */
export interface DeclaredParam {
  name: string;
  type: string;
}

type Kind = 'integer' | 'numeric' | 'float' | 'boolean' | 'uuid' | 'date' | 'text';

const INTEGER_LIMITS: Record<string, bigint> = {
  smallint: 2n ** 15n,
  int2: 2n ** 15n,
  integer: 2n ** 31n,
  int: 2n ** 31n,
  int4: 2n ** 31n,
  bigint: 2n ** 63n,
  int8: 2n ** 63n,
};
const KINDS: Record<string, Kind> = {
  numeric: 'numeric',
  decimal: 'numeric',
  real: 'float',
  float4: 'float',
  float8: 'float',
  'double precision': 'float',
  boolean: 'boolean',
  bool: 'boolean',
  uuid: 'uuid',
  date: 'date',
  text: 'text',
  varchar: 'text',
  'character varying': 'text',
  char: 'text',
  character: 'text',
  citext: 'text',
  name: 'text',
};

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = ['true', 't', 'yes', 'y', 'on', '1'];
const FALSE = ['false', 'f', 'no', 'n', 'off', '0'];
const EXAMPLES: Record<Kind, string> = {
  integer: '42',
  numeric: '0.05',
  float: '0.5',
  boolean: 'true or false',
  uuid: '123e4567-e89b-12d3-a456-426614174000',
  date: '2026-01-31',
  text: 'any text',
};

/** `numeric(10,2)` → numeric; arrays and types this module does not know stay undefined. */
function baseType(type: string): string {
  return type
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*\(.*\)$/, '');
}

/** Whether this module can judge values of `type` (else the server's own cast does, before any tenant). */
export function knowsParamType(type: string): boolean {
  const t = baseType(type);
  return !type.includes('[') && (t in INTEGER_LIMITS || t in KINDS);
}

function judge(type: string, raw: string): string | undefined {
  const t = baseType(type);
  const v = raw.trim();
  const limit = INTEGER_LIMITS[t];
  if (limit !== undefined) {
    if (!/^[+-]?\d{1,19}$/.test(v)) return undefined;
    const n = BigInt(v);
    return n >= -limit && n < limit ? n.toString() : undefined;
  }
  switch (KINDS[t]) {
    case 'numeric':
      return NUMBER.test(v) || /^nan$/i.test(v) ? v : undefined;
    case 'float':
      return NUMBER.test(v) || /^([+-]?infinity|nan)$/i.test(v) ? v : undefined;
    case 'boolean':
      return TRUE.includes(v.toLowerCase()) ? 'true' : FALSE.includes(v.toLowerCase()) ? 'false' : undefined;
    case 'uuid':
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ? v.toLowerCase() : undefined;
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      const d = m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return d && d.getUTCMonth() === Number(m![2]) - 1 && d.getUTCDate() === Number(m![3]) ? v : undefined;
    }
    default:
      return raw;
  }
}

export function paramInvalid(param: DeclaredParam, value: string, why = `must be of type ${param.type}`): AppError {
  const kind = KINDS[baseType(param.type)] ?? (baseType(param.type) in INTEGER_LIMITS ? 'integer' : undefined);
  const example = kind ? EXAMPLES[kind] : 'VALUE';
  return new AppError(
    'PARAM_INVALID',
    `The parameter "${param.name}" ${why}; "${value.slice(0, 80)}" is not.`,
    `e.g. --param ${param.name}=${example}`,
    { field: param.name },
  );
}

/** The value as it is bound (integers and booleans normalised), or PARAM_INVALID; types this module does not know pass as given. */
export function checkParamValue(param: DeclaredParam, value: string): string {
  if (!knowsParamType(param.type)) return value;
  const ok = judge(param.type, value);
  if (ok === undefined) throw paramInvalid(param, value);
  return ok;
}

/** A given value for a parameter the file does not declare is PARAM_INVALID, naming the known ones. */
export function refuseUnknownParams(
  declared: { name: string }[],
  given: Record<string, string>,
  owner: 'check' | 'action',
): void {
  for (const name of Object.keys(given)) {
    if (declared.some((p) => p.name === name)) continue;
    throw new AppError(
      'PARAM_INVALID',
      `There is no parameter "${name}".`,
      declared.length
        ? `Known parameters: ${declared.map((p) => p.name).join(', ')}.`
        : `This ${owner} takes no parameters.`,
      { field: name },
    );
  }
}
