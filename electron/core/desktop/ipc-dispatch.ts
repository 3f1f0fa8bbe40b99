// Validates an IPC payload against the shared contract and turns any handler outcome into an IpcResult, never a throw.
import type { z } from 'zod';
import { IPC_CHANNELS, ipcArgs, type IpcArgs, type IpcChannel, type IpcError, type IpcResult, type IpcResults } from '../../../shared/ipc';

export type IpcHandlers = { [C in IpcChannel]: (args: IpcArgs<C>) => Promise<IpcResults[C]> };

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && (IPC_CHANNELS as readonly string[]).includes(value);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(arguments)'}: ${i.message}`)
    .join('; ');
}

export function parseArgs<C extends IpcChannel>(channel: C, raw: unknown): IpcResult<IpcArgs<C>> {
  const schema = ipcArgs[channel] as unknown as z.ZodType<IpcArgs<C>>;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: { code: 'invalid-arguments', message: `Invalid arguments for ${channel}: ${describeIssues(parsed.error.issues)}` } };
}

/** Maps any thrown value to a code and message the renderer can show; ApiError and friends keep their own codes. */
export function toIpcError(err: unknown, redact: (s: string) => string = (s) => s): IpcError {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    if (err.name === 'KeychainUnavailableError') return { code: 'keychain-unavailable', message: redact(err.message) };
    if (typeof code === 'string' && code !== '') return { code, message: redact(err.message) };
    return { code: 'internal', message: redact(err.message || 'Something went wrong') };
  }
  return { code: 'internal', message: redact(String(err)) };
}

/** The one path every IPC call takes, in Electron and in the e2e harness alike. */
export async function dispatch<C extends IpcChannel>(
  handlers: IpcHandlers,
  channel: C,
  raw: unknown,
  redact?: (s: string) => string,
): Promise<IpcResult<IpcResults[C]>> {
  const args = parseArgs(channel, raw);
  if (!args.ok) return args;
  try {
    const value = await handlers[channel](args.value);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toIpcError(err, redact) };
  }
}
