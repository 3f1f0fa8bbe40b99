// The --json contract on the way out: every object carries schemaVersion, failures carry {error: {code, message}} (docs/cli.md).
import { codeForExit, type CliErrorCode } from './errors';
import type { ExitCode } from './exit-codes';
import type { OutStream } from './io';

/** Bumped only when a member changes meaning or goes away; new members may appear without a bump. */
export const SCHEMA_VERSION = 1;

export interface JsonError {
  code: CliErrorCode;
  message: string;
  exitCode: ExitCode;
  status?: number | null;
}

/** One JSON document on one line, schemaVersion first. */
export function jsonText(value: object): string {
  return JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...value }) + '\n';
}

export function writeJson(out: OutStream, value: object): void {
  out.write(jsonText(value));
}

/** The object a command prints on stdout when it fails with --json. */
export function errorJson(error: JsonError): { error: JsonError } {
  return { error };
}

/** --json or --json-lines anywhere before `--`: known even when the rest of the command line does not parse. */
export function jsonRequested(argv: string[]): 'json' | 'json-lines' | null {
  for (const [i, a] of argv.entries()) {
    if (a === '--' && i > 0) break;
    if (a === '--json-lines') return 'json-lines';
    if (a === '--json') return 'json';
  }
  return null;
}

/**
 * The `error` member of a report that exits non-zero ({} when it exits 0): a push that refused files or a run that
 * failed still prints its whole report, and scripts find the failure where every failure is, under `error`.
 */
export function failureMember(exitCode: ExitCode, message: string | null, code: CliErrorCode = codeForExit(exitCode)): { error?: JsonError } {
  if (exitCode === 0) return {};
  return { error: { code, message: message ?? 'The command did not fully succeed (see the report).', exitCode } };
}
