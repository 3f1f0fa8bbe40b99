// Keeps the machine awake while uploads move, and tells the engine to probe after sleep or when the network comes back.
import { net, powerMonitor, powerSaveBlocker } from 'electron';
import type { QueueSummary } from '../../shared/queue';
import { isWorking } from '../core/desktop/activity';

export interface PowerController {
  update(summary: QueueSummary): void;
  dispose(): void;
}

/** The main process has no "online" event: poll Chromium's view of the network and act on changes. */
export const ONLINE_POLL_MS = 5_000;

export function createPowerController(probeNow: () => void): PowerController {
  let blocker: number | null = null;
  const onResume = (): void => probeNow();
  powerMonitor.on('resume', onResume);
  powerMonitor.on('unlock-screen', onResume);
  let online = net.isOnline();
  const poll = setInterval(() => {
    const now = net.isOnline();
    if (now && !online) probeNow();
    online = now;
  }, ONLINE_POLL_MS);
  poll.unref?.();

  const release = (): void => {
    if (blocker !== null && powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
    blocker = null;
  };

  return {
    update(summary) {
      if (isWorking(summary)) {
        if (blocker === null) blocker = powerSaveBlocker.start('prevent-app-suspension');
      } else {
        release();
      }
    },
    dispose() {
      release();
      clearInterval(poll);
      powerMonitor.off('resume', onResume);
      powerMonitor.off('unlock-screen', onResume);
    },
  };
}
