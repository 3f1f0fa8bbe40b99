// The usage text, kept next to the parser so they change together.
export const USAGE = `raydocs-upload — upload documents into Raydocs extraction sessions, run extractions, save results

Usage:
  raydocs-upload login [--token-stdin]        store a Personal Access Token in the OS keychain
  raydocs-upload logout                       remove it from the keychain
  raydocs-upload whoami                       list the workspaces the token sees
  raydocs-upload templates [--workspace <id>]  list template ids
  raydocs-upload sessions new --template <id> [--name <name>]
  raydocs-upload sessions show <session-id>
  raydocs-upload push <session-id> <path>...  upload files and folders into a session
  raydocs-upload push --one-session-per-file --template <id> <path>...
  raydocs-upload push <session-id> <path>... --extract [--out result.json] [--xlsx result.xlsx]
  raydocs-upload push --one-session-per-file --template <id> <path>... --extract [--out dir/] [--xlsx dir/]
  raydocs-upload resume                       finish every unfinished upload in the journal, for every session
  raydocs-upload status <session-id>          documents in a session and their parsing status
  raydocs-upload extract <session-id> [--wait] [--out result.json] [--xlsx result.xlsx]
                                              start an extraction run; with --wait (implied by --out/--xlsx)
                                              follow it to the end, print its fields and save them
  raydocs-upload results <session-id>         the session's extraction runs, newest first
  raydocs-upload results show <result-id> [--wait] [--out result.json] [--xlsx result.xlsx]

Push and resume options:
  --concurrency <n>        parallel uploads (default 4)
  --wait                   accepted for older scripts: push always returns once every file is stored
  --one-session-per-file   one new session per file, created from --template, extracting automatically;
                           a file whose content already got its session from that template is not sent again
  --no-auto-extract        with --one-session-per-file: do not start extraction automatically
                           (with --extract the CLI then starts each session's run itself)
  --offline-timeout <s>    give up after this long without the network (default 300); rerun to resume

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

Global options:
  --api-url <url>          API base URL (env RAYDOCS_API_URL; default https://api.raydocs.com)
  --json                   machine-readable output on stdout
  -h, --help               this text
  -v, --version            print the version

Environment:
  RAYDOCS_TOKEN            use this token instead of the keychain (CI)
  RAYDOCS_API_URL          API base URL
  RAYDOCS_DATA_DIR         where the upload journal lives (default: per-user data dir)
  RAYDOCS_RATE_LIMIT       API calls allowed, COUNT/SECONDS or off (default 95/60, just under Raydocs' documented 100/60)

Exit codes:
  0 all good   1 some files refused/failed or the server refused   2 usage
  3 auth (not signed in, 401, 403)   4 network gave up (rerun to resume)   5 no keychain / data dir unusable
  6 the extraction run failed (no result file written)   130 interrupted
`;
