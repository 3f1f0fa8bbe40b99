// The benchmark cases, in run order. Each loads lazily so one case's missing dependency cannot stop the others.
import type { BenchCase } from '../lib/types';

export interface CaseEntry {
  name: string;
  load(): Promise<BenchCase>;
}

export const CASES: CaseEntry[] = [
  { name: 'hash', load: async () => (await import('./hash')).hashCase },
  { name: 'upload-large', load: async () => (await import('./upload-large')).uploadLargeCase },
  { name: 'many-small-latency', load: async () => (await import('./many-small-latency')).manySmallLatencyCase },
  { name: 'rate-limited', load: async () => (await import('./rate-limited')).rateLimitedCase },
  { name: 'workspace-dedup', load: async () => (await import('./workspace-dedup')).workspaceDedupCase },
  { name: 'journal', load: async () => (await import('./journal')).journalCase },
  { name: 'ui-10k', load: async () => (await import('./ui-10k')).ui10kCase },
  { name: 'ipc-rate', load: async () => (await import('./ipc-rate')).ipcRateCase },
  { name: 'intake-100k', load: async () => (await import('./intake-100k')).intake100kCase },
  { name: 'watch-latency', load: async () => (await import('./watch-latency')).watchLatencyCase },
  { name: 'cli-start', load: async () => (await import('./cli-start')).cliStartCase },
];
