// The usage text, kept next to the parser so they change together.
export const USAGE = `raydocs-upload — upload documents into Raydocs extraction sessions

Usage:
  raydocs-upload login [--token-stdin]        store a Personal Access Token in the OS keychain
  raydocs-upload logout                       remove it from the keychain
  raydocs-upload whoami                       list the workspaces the token sees
  raydocs-upload templates [--workspace <id>]  list template ids
  raydocs-upload sessions new --template <id> [--name <name>]
  raydocs-upload sessions show <session-id>
  raydocs-upload push <session-id> <path>...  upload files and folders into a session
  raydocs-upload push --one-session-per-file --template <id> <path>...
  raydocs-upload resume                       finish every unfinished upload in the journal, for every session
  raydocs-upload status <session-id>          documents in a session and their parsing status

Push and resume options:
  --concurrency <n>        parallel uploads (default 4)
  --wait                   accepted for older scripts: push always returns once every file is stored
  --one-session-per-file   one new session per file, created from --template, extracting automatically;
                           a file whose content already got its session from that template is not sent again
  --no-auto-extract        with --one-session-per-file: do not start extraction automatically
  --offline-timeout <s>    give up after this long without the network (default 300); rerun to resume

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
`;
