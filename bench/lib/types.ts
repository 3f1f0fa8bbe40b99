// The shapes every benchmark case shares: one row of the results table, and what a case gets to run with.

/** One row of the results table (and of bench/results/latest.json). `ratio` is oriented so that higher is better for us. */
export interface ResultRow {
  name: string;
  unit: string;
  value: number;
  reference: string | null;
  referenceValue: number | null;
  ratio: number | null;
  target: string;
  met: boolean;
  /** Extra figures a reader needs beside the row (naive client's RSS, theoretical bound, ...). */
  notes?: string;
}

export interface CaseContext {
  quick: boolean;
  /** Interleaved rounds per comparison; medians are reported. */
  rounds: number;
  /** A scratch directory the case owns; the runner deletes it afterwards. */
  tmpDir: string;
  /** A scratch directory shared by every case of the run (big fixture files are made once). */
  sharedDir: string;
  log(message: string): void;
}

export interface BenchCase {
  name: string;
  description: string;
  run(ctx: CaseContext): Promise<ResultRow[]>;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryMiB: number;
  node: string;
  platform: string;
  date: string;
}

export interface BenchReport {
  machine: MachineInfo;
  quick: boolean;
  rounds: number;
  durationSeconds: number;
  cases: ResultRow[];
  /** Cases that threw: name and message. */
  errors: Array<{ case: string; message: string }>;
}
