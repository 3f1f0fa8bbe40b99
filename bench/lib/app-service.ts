// The app service as the bench workers run it: demo-signed-in against the emulator, no shell, no client-side rate limit.
import { createAppService, type AppService } from '../../electron/core/app-service';
import { createMemorySettingsStore } from '../../electron/core/desktop/settings-store';
import { createMemoryStore } from '../../electron/core/secret-store';

export function startBenchAppService(input: { baseUrl: string; token: string; userDataDir: string }): Promise<AppService> {
  return createAppService({
    secretStore: createMemoryStore(),
    userDataDir: input.userDataDir,
    settings: createMemorySettingsStore({ apiBaseUrl: input.baseUrl }),
    apiBaseUrl: input.baseUrl,
    demo: true,
    demoToken: input.token,
    shell: { reveal: async () => {}, openExternal: async () => {}, pickPaths: async () => [], confirm: async () => true, chooseSaveTarget: async () => null },
    // The emulator's rate limit is off: lift the app's limiter too, so the queue moves as fast as it can.
    rateLimit: null,
  });
}
