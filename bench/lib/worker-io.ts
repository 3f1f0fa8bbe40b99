// The worker side of bench/lib/child.ts: read the JSON input, report one result line with this process's peak RSS.
import { readFileSync } from 'node:fs';

export function workerInput<T>(): T {
  const file = process.env.BENCH_INPUT_FILE;
  if (!file) throw new Error('BENCH_INPUT_FILE is not set: run this through bench/lib/child.ts');
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Peak resident set size of this process in MiB (VmHWM, falling back to getrusage's maxRSS). */
export function peakRssMiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // Not Linux: getrusage is the portable answer.
  }
  return process.resourceUsage().maxRSS / 1024;
}

export function report(result: object): void {
  process.stdout.write(`@@bench-result ${JSON.stringify({ ...result, peakRssMiB: peakRssMiB() })}\n`);
}

/** Runs a worker's main function, reporting its result or exiting non-zero with the error on stderr. */
export function runMain(main: () => Promise<object>): void {
  main().then(
    (result) => {
      report(result);
      // Workers hold sockets and timers (engine, clients); the result is out, so leave now.
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
