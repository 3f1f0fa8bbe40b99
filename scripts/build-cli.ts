// Builds the `raydocs-upload` bin into one file (out/cli/raydocs-upload.mjs) with esbuild, and tells whether it is stale.
// esbuild rather than electron-vite: electron-vite builds for Electron's Node and leaves every dependency outside the
// bundle (a top-level import each, loaded at every start), and Rollup-style bundlers run inlined dynamic imports
// eagerly; esbuild keeps a module reached only through `await import()` behind a lazy initializer in the one file, so
// `--help` evaluates the parser and nothing else (docs/cli.md, "Installing the CLI").
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');
export const CLI_OUT = 'out/cli/raydocs-upload.mjs';

/**
 * `npx raydocs-upload` in this checkout: npm links a package's own bin only at install, and `npm ci` runs before the
 * build has made the file, so the build makes the link npm would have made.
 */
function linkBin(root: string, outfile: string): void {
  const bin = join(root, 'node_modules', '.bin', 'raydocs-upload');
  if (!existsSync(join(root, 'node_modules', '.bin'))) return;
  rmSync(bin, { force: true });
  symlinkSync(relative(dirname(bin), outfile), bin);
}
const BUILD_INFO = 'out/cli/build-info.json';
/** Not imported by the CLI, yet a change to any of them changes the output (version, dependency versions, options). */
const EXTRA_INPUTS = ['package.json', 'package-lock.json', 'scripts/build-cli.ts'];

interface BuildInfo {
  /** Project-relative path → sha256 of the file the bundle was built from. */
  inputs: Record<string, string>;
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export async function buildCli(root = PROJECT_ROOT): Promise<{ file: string; bytes: number }> {
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const outfile = join(root, CLI_OUT);
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['electron/cli/bin.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // package.json "engines": the CLI runs on the user's Node, not Electron's.
    target: 'node20.19',
    // keytar is native (a .node file per platform and Node ABI): installed beside the CLI and loaded only by the
    // commands that touch the keychain. Everything else is bundled, so no other package loads at start.
    external: ['keytar'],
    define: { RAYDOCS_CLI_VERSION: JSON.stringify(version) },
    // Bundled CommonJS (undici) calls require() for Node's built-ins, which an ES module lacks.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __cliRequire } from 'node:module';\nconst require = __cliRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'warning',
  });
  chmodSync(outfile, 0o755);
  linkBin(root, outfile);
  const own = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules/'));
  const info: BuildInfo = { inputs: {} };
  for (const p of [...own, ...EXTRA_INPUTS].sort()) info.inputs[p] = sha256(join(root, p));
  mkdirSync(dirname(join(root, BUILD_INFO)), { recursive: true });
  writeFileSync(join(root, BUILD_INFO), `${JSON.stringify(info, null, 2)}\n`);
  return { file: outfile, bytes: result.metafile.outputs[CLI_OUT]?.bytes ?? 0 };
}

/** Null when out/cli matches the sources it was built from; otherwise the sentence to show, naming what changed. */
export function cliBuildProblem(root = PROJECT_ROOT): string | null {
  let info: BuildInfo | null = null;
  try {
    info = JSON.parse(readFileSync(join(root, BUILD_INFO), 'utf8')) as BuildInfo;
  } catch {
    // missing or unreadable: not built by this script
  }
  if (!info || !existsSync(join(root, CLI_OUT))) return `The CLI is not built (${CLI_OUT} is missing): run npm run build.`;
  const changed: string[] = [];
  for (const [p, hash] of Object.entries(info.inputs)) {
    let now: string | null;
    try {
      now = sha256(join(root, p));
    } catch {
      now = null;
    }
    if (now !== hash) changed.push(p);
  }
  if (changed.length === 0) return null;
  const named = changed.slice(0, 3).join(', ') + (changed.length > 3 ? ` and ${changed.length - 3} more` : '');
  return `The built CLI (${CLI_OUT}) is stale: ${named} changed since it was built. Run npm run build.`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { file, bytes } = await buildCli();
  console.log(`built ${file.slice(PROJECT_ROOT.length + 1)} (${(bytes / 1024).toFixed(0)} KiB)`);
}
