// The usage text and each command's own help, kept next to the parser so they change together.
import { MAX_CONCURRENCY } from './args';

const EXIT_CODES = `Exit codes:
  0    all good (with check: every file matches)
  1    some files refused/failed, the server refused (404, 422), or check found a difference
  2    usage error (bad command line), or another push holds the journal
  3    auth: not signed in, token refused (401) or lacking an ability (403)
  4    network gave up (rerun to resume)
  5    no keychain, or the data dir is unusable
  6    the extraction run failed (no result file written)
  130  interrupted (Ctrl-C / SIGTERM; rerun to resume)
`;

const GLOBAL_OPTIONS = `Global options:
  --api-url <url>          API base URL (env RAYDOCS_API_URL; default https://api.raydocs.com)
  --profile <name>         a named account/server kept apart (env RAYDOCS_PROFILE; default: the default profile)
  --json                   one machine-readable JSON object on stdout (errors too), with schemaVersion
  -q, --quiet              print only errors and the final summary
  -v, --verbose            also print each API request (method, path, status, time; never the token or query)
  -h, --help               help (\`raydocs-upload <command> --help\` for one command)
  -V, --version            print the version
`;

const FILTERS = `  --include <glob>         only files matching (repeatable; a glob without / matches the file name)
  --exclude <glob>         leave out files matching (repeatable; wins over --include)
  --max-size <size>        leave out files larger than this (500k, 10M, 2G; powers of 1024)
  --files-from <file|->    also take paths from this file, one a line ("-": stdin; # starts a comment),
                           or NUL-separated as \`find -print0\` writes them
  --follow-symlinks        follow links that lead out of a given folder (default: skipped)
`;

/** extract and results show: following a run and saving it. */
const RUN_OPTIONS = `  --wait                   follow the run until it completes or fails (progress on stderr)
  --out <file>             the full result as JSON (written whole, replacing an existing file); waits
  --xlsx <file>            the server's Excel export of the result (streamed, replacing a file); waits
  --offline-timeout <s>    stop waiting after this long without the network (the run goes on in Raydocs)
`;

export const USAGE = `raydocs-upload — upload documents into Raydocs extraction sessions, run extractions, save results

Usage:
  raydocs-upload login [--token-stdin]        store a Personal Access Token in the OS keychain
  raydocs-upload logout                       remove it from the keychain
  raydocs-upload whoami                       list the workspaces the token sees
  raydocs-upload templates [--workspace <id>]  list template ids
  raydocs-upload sessions new --template <id> [--name <name>]
  raydocs-upload sessions show <session-id>
  raydocs-upload sessions list                sessions this machine used or created (the API cannot list them)
  raydocs-upload push <session-id> <path>...  upload files and folders into a session
  raydocs-upload push --one-session-per-file --template <id> <path>...
  raydocs-upload push <session-id> <path>... --extract [--out result.json] [--xlsx result.xlsx]
  raydocs-upload push --one-session-per-file --template <id> <path>... --extract [--out dir/] [--xlsx dir/]
  raydocs-upload resume                       finish every unfinished upload in the journal, for every session
  raydocs-upload status <session-id>          documents in a session and their parsing status
  raydocs-upload reparse <session-id> [--failed]   parse the session's documents again
  raydocs-upload check <session-id> <path>... which local files the session holds (by sha256), and which not
  raydocs-upload detach <session-id> <document-id|path>   take a document out of the session
  raydocs-upload extract <session-id> [--wait] [--out result.json] [--xlsx result.xlsx]
                                              start an extraction run; with --wait (implied by --out/--xlsx)
                                              follow it to the end, print its fields and save them
  raydocs-upload results <session-id>         the session's extraction runs, newest first
  raydocs-upload results show <result-id> [--wait] [--out result.json] [--xlsx result.xlsx]
  raydocs-upload watch <folder> --session <id> [--recursive] [--settle 2s] [--after leave|move]
                                              upload every file that lands in the folder, until Ctrl-C
  raydocs-upload watch <folder> --one-session-per-file --template <id> [--auto-extract] ...
  raydocs-upload completion bash|zsh|fish     print a shell completion script

Push and resume options:
  --concurrency <n>        parallel uploads, 1–${MAX_CONCURRENCY} (default 4)
  --dry-run                list what would be uploaded, refused or skipped as already there; upload nothing
  --skip-unsupported       list files of unsupported formats as skipped instead of refusing them (exit stays 0)
${FILTERS}  --json-lines             one JSON event per line on stdout (stored, refused, failed, summary)
  --wait                   accepted for older scripts: push always returns once every file is stored
  --one-session-per-file   one new session per file, created from --template, extracting automatically;
                           a file whose content already got its session from that template is not sent again
  --no-auto-extract        with --one-session-per-file: do not start extraction automatically
                           (with --extract the CLI then starts each session's run itself)
  --offline-timeout <s>    give up after this long without the network, 1–604800 (default 300); rerun to resume

Extraction options (extract, results show, push --extract):
  --extract                with push: once every file is stored, run the extraction, wait for it and save it;
                           with --one-session-per-file, wait for the run each session starts by itself
  --wait                   extract, results show: wait for the run to complete or fail (progress on stderr)
  --out <file>             the full result as JSON (written whole, replacing an existing file)
  --xlsx <file>            the server's Excel export of the result (streamed, replacing an existing file);
                           with --one-session-per-file both take a folder (<folder>/<file name>.json|.xlsx)
                           or a pattern with {name}, e.g. --out 'results/{name}.json'
  --offline-timeout <s>    stop waiting after this long without the network (the run goes on in Raydocs)

A push works on its own session only: unfinished uploads of other sessions stay in the journal, counted in one
line on stderr; \`raydocs-upload resume\` runs them.

${GLOBAL_OPTIONS}
Environment:
  RAYDOCS_TOKEN            use this token instead of the keychain (CI)
  RAYDOCS_API_URL          API base URL
  RAYDOCS_PROFILE          profile name (like --profile)
  RAYDOCS_DATA_DIR         where the upload journal lives (default: per-user data dir)
  RAYDOCS_APP_DATA_DIR     the desktop app's data folder (sessions list reads its recents; the shared rate budget)
  RAYDOCS_RATE_LIMIT       API calls allowed, COUNT/SECONDS or off (default 95/60, just under Raydocs' documented 100/60)

${EXIT_CODES}`;

/** Each command's own lines: what it does and the options it takes. */
const COMMAND_HELP: Record<string, string> = {
  login: `raydocs-upload login [--token-stdin]
  Checks a Personal Access Token with GET /workspaces and stores it in the OS keychain (per API and profile).
  --token-stdin            read the token from stdin (also when stdin is not a terminal)
`,
  logout: `raydocs-upload logout
  Removes this API's (and profile's) token from the OS keychain.
`,
  whoami: `raydocs-upload whoami
  Lists the workspaces the token sees, and where the token came from.
`,
  templates: `raydocs-upload templates [--workspace <id>]
  Lists template ids per visible workspace.
  --workspace <id>         only this workspace (an error if the token cannot see it)
`,
  sessions: `raydocs-upload sessions new --template <id> [--name <name>]
raydocs-upload sessions show <session-id>
raydocs-upload sessions list
  new: creates a session and prints its id. show: its documents and runs.
  list: the sessions this machine used or created (the desktop app's and the CLI's), newest first.
  --template <id>          the template the session extracts with
  --name <name>            the session's name
`,
  push: `raydocs-upload push <session-id> <path>... [options]
raydocs-upload push --one-session-per-file --template <id> <path>... [options]
  Uploads files and folders (recursively) into the session.
  --concurrency <n>        parallel uploads, 1–${MAX_CONCURRENCY} (default 4)
  --dry-run                list what would be uploaded, refused or skipped as already there; upload nothing
  --skip-unsupported       list files of unsupported formats as skipped instead of refusing them (exit stays 0)
${FILTERS}  --json-lines             one JSON event per line (stored, refused, failed, summary)
  --offline-timeout <s>    give up after this long without the network, 1–604800 (default 300)
  --one-session-per-file   one new session per file, each extracting automatically; a file whose content
                           already got its session from that template is not sent again
  --template <id>          with --one-session-per-file: the template each new session extracts with
  --no-auto-extract        with --one-session-per-file: no automatic extraction
  --extract                once every file is stored, run the extraction, wait for it and save it
  --out <file>             with --extract: the result as JSON (one session per file: a folder or {name} pattern)
  --xlsx <file>            with --extract: the Excel export (one session per file: a folder or {name} pattern)
  --wait                   accepted for older scripts: push always returns once every file is stored
`,
  resume: `raydocs-upload resume [--concurrency <n>] [--offline-timeout <s>] [--json-lines]
  Finishes every unfinished upload in the journal, for every session.
  --concurrency <n>        parallel uploads, 1–${MAX_CONCURRENCY} (default 4)
  --offline-timeout <s>    give up after this long without the network, 1–604800 (default 300)
  --json-lines             one JSON event per line
`,
  status: `raydocs-upload status <session-id>
  The session's documents and how far parsing got (exit 1 if one failed to parse).
`,
  reparse: `raydocs-upload reparse <session-id> [--failed]
  Asks Raydocs to parse the session's documents again, for the session's template configuration.
  --failed                 only the documents whose parsing failed
`,
  check: `raydocs-upload check <session-id> <path>... [filters]
  Like rclone check: which local files the session holds (by sha256), which it lacks, and which of its
  documents match no local file. Exit 0 only when everything matches, 1 otherwise.
  --skip-unsupported       list files of formats push does not upload as skipped, not as missing
${FILTERS}`,
  detach: `raydocs-upload detach <session-id> <document-id|path>
  Takes a document out of the session (the workspace keeps it). A path is matched by its sha256.
`,
  extract: `raydocs-upload extract <session-id> [--wait] [--out <file>] [--xlsx <file>] [--offline-timeout <s>]
  Starts an extraction run; --wait (implied by --out/--xlsx) follows it, prints its fields and saves them.
${RUN_OPTIONS}`,
  results: `raydocs-upload results <session-id>
raydocs-upload results show <result-id> [--wait] [--out <file>] [--xlsx <file>] [--offline-timeout <s>]
  The session's runs, newest first; or one run, followed with --wait and saved with --out/--xlsx.
${RUN_OPTIONS}`,
  watch: `raydocs-upload watch <folder> --session <id> [options]
raydocs-upload watch <folder> --one-session-per-file --template <id> [--auto-extract] [options]
  Uploads every file that lands in the folder, once it has settled, exactly once; runs until Ctrl-C or SIGTERM
  (exit 0). Started again (also after a crash), it carries on where it was: stored files cost no hashing.
  Ignored: partial and temporary names (.part, .crdownload, .tmp, ~$…, .~lock…), hidden files, Uploaded/.
  Deleting a file in the folder does nothing in Raydocs.
  --session <id>           every file goes into this session
  --one-session-per-file   a new session per file
  --template <id>          with --one-session-per-file: the template each new session extracts with
  --auto-extract           with --one-session-per-file: each new session starts its extraction
  --recursive              watch subfolders too
  --settle <duration>      how long a file's size and time must hold still before it is taken (default 2s)
  --after leave|move       leave stored files (default), or move them into <folder>/Uploaded/ once the
                           attach is verified (a clash gets a suffix: nothing is overwritten)
  --poll                   poll for changes (network shares and drives that send no events)
  --concurrency <n>        parallel uploads, 1–${MAX_CONCURRENCY} (default 4)
  --json-lines             (or --json) one JSON event per line: stored, refused, failed, folder, offline, online
`,
  completion: `raydocs-upload completion bash|zsh|fish
  Prints a completion script. bash: source <(raydocs-upload completion bash)
  zsh: raydocs-upload completion zsh > "\${fpath[1]}/_raydocs-upload"; fish: … completion fish | source
`,
};

/** The help for one command (with the global options and exit codes), or the whole usage. */
export function helpText(topic: string | null): string {
  const own = topic ? COMMAND_HELP[topic] : undefined;
  if (!own) return USAGE;
  return `${own}\n${GLOBAL_OPTIONS}\n${EXIT_CODES}`;
}

export const COMMAND_NAMES = Object.keys(COMMAND_HELP);
