// The disposables store and the emitter: order, errors that do not stop the rest, and nothing leaking after close.
import { describe, expect, it } from 'vitest';
import { createDisposableStore } from '../../../electron/core/services/disposables';
import { createEmitter } from '../../../electron/core/services/emitter';
import { createEventHub } from '../../../electron/core/services/event-hub';

describe('createDisposableStore', () => {
  it('closes newest first, waits for each, and only once', async () => {
    const order: string[] = [];
    const store = createDisposableStore();
    store.add(() => void order.push('engine'));
    store.add(async () => {
      await new Promise<void>((r) => setImmediate(r));
      order.push('runs');
    });
    store.add(() => void order.push('listener'));
    await Promise.all([store.dispose(), store.dispose()]);
    expect(order).toEqual(['listener', 'runs', 'engine']);
    expect(store.disposed).toBe(true);
  });

  it('one that throws is reported, and the ones before it still close', async () => {
    const errors: unknown[] = [];
    const closed: string[] = [];
    const store = createDisposableStore((err) => errors.push(err));
    store.add(() => void closed.push('first'));
    store.add(() => {
      throw new Error('tray gone');
    });
    await store.dispose();
    expect(closed).toEqual(['first']);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('tray gone');
  });

  it('something added after close is closed at once', async () => {
    const store = createDisposableStore();
    await store.dispose();
    let closed = false;
    store.add(() => {
      closed = true;
    });
    await new Promise<void>((r) => setImmediate(r));
    expect(closed).toBe(true);
  });
});

describe('createEmitter and the event hub', () => {
  it('a listener that throws does not keep the others from hearing; unsubscribing stops delivery', () => {
    const errors: unknown[] = [];
    const e = createEmitter<number>((err) => errors.push(err));
    const heard: number[] = [];
    e.event(() => {
      throw new Error('bad listener');
    });
    const off = e.event((n) => heard.push(n));
    e.fire(1);
    off();
    e.fire(2);
    expect(heard).toEqual([1]);
    expect(errors).toHaveLength(2);
  });

  it('the hub delivers each event with its payload, typed by name', () => {
    const hub = createEventHub(() => undefined);
    const got: Array<[string, unknown]> = [];
    const off = hub.on((event, payload) => void got.push([event, payload]));
    hub.emit('opened:changed', null);
    hub.emit('navigate', { view: 'queue' });
    off();
    hub.emit('navigate', { view: 'settings' });
    expect(got).toEqual([
      ['opened:changed', null],
      ['navigate', { view: 'queue' }],
    ]);
  });
});
