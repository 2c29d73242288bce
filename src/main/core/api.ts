import type { z } from 'zod';
import { methodContract, type Method, type Output, type ParsedInput } from '../../shared/contract';
import { AppError, type Envelope } from '../../shared/errors';
import { toAppError } from './db/pg-errors';

export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Promise<Output<M>> };

/** The handlers of one area's contract, e.g. AreaHandlers<typeof migrationsContract>. */
export type AreaHandlers<C> = { [M in keyof C & Method]: (input: ParsedInput<M>) => Promise<Output<M>> };

/** An envelope's data, or its error thrown again: how in-process callers use the api. */
export function dataOf<T>(envelope: Envelope<T>): T {
  if (!envelope.ok)
    throw new AppError(envelope.error.code, envelope.error.message, envelope.error.hint, envelope.error);
  return envelope.data;
}

/** Finds the handler of one call, loading its area first if need be; undefined when there is none. */
export type HandlerLookup = (method: string) => Promise<((input: unknown) => Promise<unknown>) | undefined>;

export interface Api {
  /** The one entry point every transport calls: validates, runs, and answers with the envelope. */
  call(method: string, input: unknown): Promise<Envelope<unknown>>;
}

export function validationError(error: z.ZodError, what = 'input'): AppError {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || undefined;
  const message = field
    ? `Invalid ${what}: ${field}: ${issue.message}`
    : `Invalid ${what}: ${issue?.message ?? 'unexpected value'}`;
  return new AppError('VALIDATION_FAILED', message, 'Correct the named field and try again.', { field });
}

/**
 * `handlers` may hold some areas only (a CLI command that needs no connection): other calls are
 * unknown there. As a lookup, each area loads on its first call (createCore).
 */
export function createApi(handlers: Partial<Handlers> | HandlerLookup, opts: { validateOutput?: boolean } = {}): Api {
  const lookup: HandlerLookup =
    typeof handlers === 'function'
      ? handlers
      : async (method) =>
          Object.hasOwn(handlers, method)
            ? (handlers[method as Method] as Awaited<ReturnType<HandlerLookup>>)
            : undefined;
  return {
    async call(method, input) {
      try {
        // The call's schemas and its area's code load side by side.
        const [schemas, handler] = await Promise.all([methodContract(method), lookup(method)]);
        if (!schemas || !handler)
          throw new AppError(
            'UNKNOWN_METHOD',
            `There is no call named "${method}".`,
            'Calls are named area.verb, as listed in the contract.',
          );
        const parsed = schemas.input.safeParse(input ?? {});
        if (!parsed.success) throw validationError(parsed.error);
        const data = await handler(parsed.data);
        if (opts.validateOutput) {
          const checked = schemas.output.safeParse(data);
          if (!checked.success)
            throw new AppError(
              'INTERNAL',
              `The reply to ${method} broke the contract: ${validationError(checked.error, 'output').message}`,
            );
        }
        return { ok: true, data };
      } catch (e) {
        return { ok: false, error: toAppError(e).toData() };
      }
    },
  };
}
