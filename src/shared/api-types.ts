import type { Envelope } from './errors';
import type { EventName, EventPayload } from './events';
import type { Input, Method, Output } from './contract';

/** What the preload exposes as window.tenantry, and what browser mode imitates. */
export interface TenantryBridge {
  invoke<M extends Method>(method: M, input: Input<M>): Promise<Envelope<Output<M>>>;
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
}
