// The one typed IPC wrapper: sender check, then the shared schemas and the app service, answering IpcResult and never throwing.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { eventChannel, IPC_CHANNELS, type IpcChannel } from '../../shared/ipc-channels';
import type { IpcResult, IpcResults } from '../../shared/ipc';
import type { AppService } from '../core/app-service';
import { isTrustedSender, type TrustedPages } from '../core/desktop/sender-check';

export function senderInfo(event: IpcMainInvokeEvent): { frameUrl: string | null; isMainFrame: boolean } {
  const frame = event.senderFrame;
  if (!frame) return { frameUrl: null, isMainFrame: false };
  return { frameUrl: frame.url, isMainFrame: frame.parent === null && frame === event.sender.mainFrame };
}

function handle<C extends IpcChannel>(ipcMain: IpcMain, channel: C, service: AppService, pages: TrustedPages): void {
  ipcMain.handle(channel, async (event, raw: unknown): Promise<IpcResult<IpcResults[C]>> => {
    if (!isTrustedSender(senderInfo(event), pages)) {
      service.log('warn', `refused ${channel} from an untrusted sender`, { url: event.senderFrame?.url ?? null });
      return { ok: false, error: { code: 'forbidden-sender', message: `${channel} is only answered for the Raydocs Uploader window.` } };
    }
    try {
      return await service.invoke(channel, raw);
    } catch (err) {
      // invoke never throws; this is the last guard so a bug cannot surface as an Electron exception.
      return { ok: false, error: { code: 'internal', message: service.redact(err instanceof Error ? err.message : String(err)) } };
    }
  });
}

/** Registers every channel of the contract; returns a function that removes them. */
export function registerIpc(ipcMain: IpcMain, service: AppService, pages: TrustedPages): () => void {
  for (const channel of IPC_CHANNELS) handle(ipcMain, channel, service, pages);
  return () => {
    for (const channel of IPC_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Forwards the service's (already batched) events to the window. */
export function forwardEvents(service: AppService, window: () => BrowserWindow | null): () => void {
  return service.onEvent((name, payload) => {
    const win = window();
    if (win && !win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(eventChannel(name), payload);
  });
}
