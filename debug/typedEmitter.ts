// A small typed event emitter: the adapter's controller speaks to the DAP session through a
// declared event map, never through `sendEvent(name, ...any)`. Imports nothing.

/** Subscribes and emits events of one declared map. */
export class TypedEmitter<M> {
  private readonly listeners: { [K in keyof M]?: ((event: M[K]) => void)[] } = {};

  /** Subscribes; returns a function that unsubscribes. */
  on<K extends keyof M>(name: K, listener: (event: M[K]) => void): () => void {
    const list = (this.listeners[name] ??= []);
    list.push(listener);
    return () => {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    };
  }

  /** Delivers an event to its listeners in subscription order. */
  emit<K extends keyof M>(name: K, event: M[K]): void {
    for (const l of this.listeners[name]?.slice() ?? []) l(event);
  }
}
