import type { Handlers, HandlerLookup } from './api';

/** Loads one feature area's handlers (its module and what it imports). */
export type AreaLoader = () => Promise<Partial<Handlers>>;

/**
 * The handlers in `always` at once, and each feature area's on the first call named with one of its
 * prefixes ('backups.list' loads the backups area, once): a process loads only the areas it calls,
 * so a CLI command compiles its own area's code and not every other's.
 */
export function lazyHandlers(always: Partial<Handlers>, areaOfPrefix: Record<string, AreaLoader>): HandlerLookup {
  // One load per area, also for an area named by two prefixes.
  const areas = new Map<AreaLoader, () => Promise<Partial<Handlers>>>();
  for (const load of Object.values(areaOfPrefix)) if (!areas.has(load)) areas.set(load, loadOnce(load));
  return async (method) => {
    if (Object.hasOwn(always, method)) return always[method as keyof Handlers] as never;
    const prefix = method.slice(0, method.indexOf('.'));
    if (!Object.hasOwn(areaOfPrefix, prefix)) return undefined;
    const handlers = await areas.get(areaOfPrefix[prefix])!();
    return Object.hasOwn(handlers, method) ? (handlers[method as keyof Handlers] as never) : undefined;
  };
}

/** `load` runs on the first call only; a failed load (a chunk replaced by a rebuild meanwhile) is tried again on the next. */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    if (!loading) {
      loading = load();
      loading.catch(() => (loading = undefined));
    }
    return loading;
  };
}

type AsyncMethods<P> = { [K in keyof P]: (...args: never[]) => Promise<unknown> };

/**
 * A port whose implementation loads on its first call (every port call is async): `migrate`
 * loads the backups code only when it takes a backup. `methods` names every call of the port.
 */
export function lazyPort<P extends AsyncMethods<P>>(load: () => Promise<P>, methods: { [K in keyof P]: true }): P {
  const port = loadOnce(load);
  const entries = Object.keys(methods).map((name) => [
    name,
    async (...args: unknown[]) => {
      const impl = (await port()) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      return impl[name](...args);
    },
  ]);
  return Object.fromEntries(entries) as P;
}
