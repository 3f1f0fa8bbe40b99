// A typed one-event emitter: each service's onX event is one of these, so a listener that throws never breaks the service.
export interface Emitter<T> {
  fire(value: T): void;
  /** Subscribes; returns the function that unsubscribes. */
  event(listener: (value: T) => void): () => void;
  clear(): void;
}

export function createEmitter<T>(onError: (err: unknown) => void = () => undefined): Emitter<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    fire(value) {
      for (const l of [...listeners]) {
        try {
          l(value);
        } catch (err) {
          onError(err);
        }
      }
    },
    event(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear: () => listeners.clear(),
  };
}
