import type { EventName, EventPayload } from '../../shared/events';

type Handler<E extends EventName> = (payload: EventPayload<E>) => void;

/** Core → transports: every transport subscribes and forwards to its windows/pages. */
export class EventBus {
  private handlers = new Map<EventName, Set<Handler<EventName>>>();

  on<E extends EventName>(event: E, handler: Handler<E>): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as Handler<EventName>);
    return () => set.delete(handler as Handler<EventName>);
  }

  onAny(handler: (event: EventName, payload: unknown) => void): () => void {
    const offs = (['job.update', 'connection.state'] as EventName[]).map((e) => this.on(e, (p) => handler(e, p)));
    return () => offs.forEach((off) => off());
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const h of this.handlers.get(event) ?? []) {
      try {
        h(payload);
      } catch {
        // A failing listener must not break the job that emitted.
      }
    }
  }
}
