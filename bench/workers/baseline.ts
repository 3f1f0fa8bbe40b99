// Worker: loads the engine's module graph and does nothing else, so the RSS of an idle engine process is known.
import { RaydocsClient } from '../../electron/core/api/client';
import { createEngine } from '../../electron/core/engine';
import { runMain } from '../lib/worker-io';

runMain(async () => ({ loaded: typeof RaydocsClient === 'function' && typeof createEngine === 'function' }));
