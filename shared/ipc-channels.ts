// The IPC channel and event names as plain data, with no zod: the sandboxed preload bundles this and nothing heavier.

export const IPC_CHANNELS = [
  'auth:status',
  'auth:sign-in',
  'auth:sign-out',
  'workspaces:list',
  'templates:list',
  'sessions:recent',
  'sessions:open',
  'sessions:create',
  'targets:clipboard-link',
  'targets:choose',
  'sessions:documents',
  'documents:reparse',
  'results:run',
  'results:list',
  'results:get',
  'results:save-excel',
  'results:save-all',
  'runs:list',
  'queue:add',
  'queue:snapshot',
  'queue:pause',
  'queue:resume',
  'queue:cancel',
  'queue:retry',
  'queue:remove',
  'queue:reparse',
  'queue:clear-finished',
  'queue:probe-now',
  'queue:cancel-all',
  'queue:retry-failed',
  'queue:remove-batch',
  'settings:get',
  'settings:set',
  'shell:reveal',
  'shell:open-external',
  'dialog:pick',
  'ui:view',
  'opened:get',
  'opened:accept',
  'opened:dismiss',
  'watches:list',
  'watches:add',
  'watches:remove',
  'watches:pause',
  'watches:resume',
] as const;

export type IpcChannel = (typeof IPC_CHANNELS)[number];

export const IPC_EVENT_NAMES = ['queue:events', 'auth:changed', 'settings:changed', 'navigate', 'opened:changed', 'runs:changed', 'update:changed', 'watches:changed', 'menu:command'] as const;

export type IpcEventName = (typeof IPC_EVENT_NAMES)[number];

/** The views the renderer can show; main asks for one with the `navigate` event and learns the current one via `ui:view`. */
export const UI_VIEWS = ['queue', 'documents', 'settings'] as const;
export type UiView = (typeof UI_VIEWS)[number];

/** The ipcRenderer channel that carries an event named `name` from main to the preload. */
export function eventChannel(name: IpcEventName): string {
  return `raydocs:event:${name}`;
}
