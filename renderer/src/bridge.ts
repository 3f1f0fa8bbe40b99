// The renderer's only door to the main process: wraps window.raydocs and turns `{ok:false}` answers into BridgeError.
import type {
  BridgeArgs,
  IpcChannel,
  IpcEventName,
  IpcEvents,
  IpcResult,
  IpcResults,
  RaydocsBridge,
} from '../../shared/ipc';

/** A failed bridge call, with the channel that failed and the main process's error code. */
export class BridgeError extends Error {
  readonly code: string;
  readonly channel: IpcChannel;
  constructor(channel: IpcChannel, code: string, message: string) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
    this.channel = channel;
  }
}

/** The words of anything a call site caught (a BridgeError, another Error, or a thrown value). */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

declare global {
  interface Window {
    raydocs?: RaydocsBridge;
  }
}

let override: RaydocsBridge | null = null;

/** Tests install a fake bridge here instead of on window. */
export function setBridge(bridge: RaydocsBridge | null): void {
  override = bridge;
}

function bridge(): RaydocsBridge {
  const b = override ?? window.raydocs;
  if (!b) throw new Error('The Raydocs bridge is missing: the window was not opened by the app.');
  return b;
}

export function hasBridge(): boolean {
  return (override ?? window.raydocs) != null;
}

/** Calls one channel and returns its value, or throws BridgeError. */
export async function call<C extends IpcChannel>(channel: C, args: BridgeArgs<C>): Promise<IpcResults[C]> {
  const method = bridge()[channel] as (a: BridgeArgs<C>) => Promise<IpcResult<IpcResults[C]>>;
  let result: IpcResult<IpcResults[C]>;
  try {
    result = await method(args);
  } catch (err) {
    // The transport itself failed (e.g. a validation error thrown by main): still a BridgeError.
    throw new BridgeError(channel, 'transport', errorText(err));
  }
  if (result.ok) return result.value;
  throw new BridgeError(channel, result.error.code, result.error.message);
}

export function onBridgeEvent<E extends IpcEventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void {
  return bridge().onEvent(event, listener);
}
