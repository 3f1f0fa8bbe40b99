// Child process for the memory test: uploads one big file through the real engine and reports its peak RSS.
import { RaydocsClient } from '../../../electron/core/api/client';
import { createEngine } from '../../../electron/core/engine';

const [url, token, workspaceId, sessionId, file, journalDir] = process.argv.slice(2) as [string, string, string, string, string, string];
const client = new RaydocsClient({ baseUrl: url, token, timeoutMs: 60_000 });
const engine = createEngine({ client, journalDir, pollIntervalMs: { initial: 100, max: 500 } });
await engine.add([file], { kind: 'session', workspaceId: Number(workspaceId), sessionId, sessionName: 'memory' });
await engine.whenIdle();
const states = engine.snapshot().items.map((i) => i.state.status);
await engine.close();
process.stdout.write(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, states }));
