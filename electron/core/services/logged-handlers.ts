// The one handler map, wrapped: every failure is logged (redacted, with its code) and thrown in a person's words.
import type { IpcChannel } from '../../../shared/ipc';
import { isApiError } from '../api/api-error';
import { describeApiError } from '../api/describe-api-error';
import { AppError } from '../desktop/app-error';
import type { IpcHandlers } from '../desktop/ipc-dispatch';
import type { Logger } from '../desktop/log-file';

/** ApiErrors become sentences a person can act on; the code stays machine-readable. */
function humanize(err: unknown): unknown {
  if (isApiError(err)) return new AppError(err.code, describeApiError(err), { status: err.status, request: err.request });
  return err;
}

/** Every handler logs its failure (redacted, with its code) and throws it in a person's words. */
export function logged(raw: IpcHandlers, log: Logger['log']): IpcHandlers {
  const wrap = ([channel, fn]: [IpcChannel, (a: unknown) => Promise<unknown>]) => [
    channel,
    async (args: unknown) => {
      try {
        return await fn(args);
      } catch (err) {
        const out = humanize(err);
        log('warn', `${channel} failed: ${out instanceof Error ? out.message : String(out)}`, { code: (out as { code?: unknown }).code ?? 'internal' });
        throw out;
      }
    },
  ];
  return Object.fromEntries((Object.entries(raw) as [IpcChannel, (a: unknown) => Promise<unknown>][]).map(wrap)) as IpcHandlers;
}
