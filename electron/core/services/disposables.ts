// One store that closes what the app service opened, last opened first (VS Code's DisposableStore, kept plain).
export type Disposable = () => void | Promise<void>;

export interface DisposableStore {
  /** Registers `d` to run at dispose; returns it, so a line can open and register at once. */
  add<T extends Disposable>(d: T): T;
  /** Runs every disposable once, newest first; one that throws is reported and the rest still run. */
  dispose(): Promise<void>;
  readonly disposed: boolean;
}

export function createDisposableStore(onError: (err: unknown) => void = () => undefined): DisposableStore {
  const items: Disposable[] = [];
  let disposed = false;
  return {
    add(d) {
      // Something opened after close must not leak: it is closed at once.
      if (disposed) void Promise.resolve().then(d).catch(onError);
      else items.push(d);
      return d;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      for (const d of items.splice(0).reverse()) {
        try {
          await d();
        } catch (err) {
          onError(err);
        }
      }
    },
    get disposed() {
      return disposed;
    },
  };
}
