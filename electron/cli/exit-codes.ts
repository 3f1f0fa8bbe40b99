// The CLI's exit codes (documented in docs/cli.md): scripts branch on them, so they never change meaning.
export const EXIT = {
  /** Everything asked for happened. */
  ok: 0,
  /** Some files were refused or failed, or the server refused the request (404, 422, ...). */
  failed: 1,
  /** Bad command line: unknown command or option, missing argument. */
  usage: 2,
  /** Not signed in, or the token was rejected (401) or lacks an ability (403). */
  auth: 3,
  /** The network or the server stayed unreachable and the CLI gave up; `push` resumes from the journal next time. */
  network: 4,
  /** No OS keychain to store or read the token (set RAYDOCS_TOKEN instead), or the data dir is unusable. */
  environment: 5,
  /** An extraction run ended in `failed` (or a state that is not `completed`): no result files were written. */
  extractionFailed: 6,
  /** Stopped by Ctrl-C / SIGTERM (128 + SIGINT); `push` resumes from the journal next time. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
