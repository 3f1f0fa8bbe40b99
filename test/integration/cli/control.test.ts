// Filters and safety against the emulator: --dry-run (no write reaches the server), --include/--exclude/--max-size,
// --files-from, links out of the folder and --follow-symlinks, --skip-unsupported, hidden files named with -v.
import { copyFile, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RaydocsClient } from '../../../electron/core/api/client';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { cleanEnv, makePdfs } from './helpers';
import { runInProcess } from './in-process';

interface Report {
  exitCode: number;
  uploaded: Array<{ path: string }>;
  refused: Array<{ path: string; code: string }>;
  unsupported: Array<{ path: string; code: string }>;
  filtered: Array<{ path: string; code: string }>;
  wouldUpload: Array<{ path: string }>;
  alreadyThere: Array<{ path: string }>;
  sameContent: Array<{ path: string; sameAs: string }>;
}

describe('push filters, --dry-run and --skip-unsupported', () => {
  let emu: RunningEmulator;
  let work: string;
  let env: NodeJS.ProcessEnv;
  let client: RaydocsClient;
  let templateId: string;

  beforeAll(async () => {
    emu = await startEmulator({ rateLimit: null, parsing: { stepMs: 30 } });
    work = await mkdtemp(join(tmpdir(), 'raydocs-cli-control-'));
    env = cleanEnv({ RAYDOCS_API_URL: emu.url, RAYDOCS_TOKEN: emu.token, RAYDOCS_DATA_DIR: join(work, 'data'), RAYDOCS_APP_DATA_DIR: join(work, 'app'), RAYDOCS_RATE_LIMIT: 'off' });
    client = new RaydocsClient({ baseUrl: emu.url, token: emu.token });
    templateId = emu.seed.workspaces[0]!.templates[0]!.id;
  });
  afterAll(async () => {
    await emu?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const newSession = async (name: string) => (await client.createSession({ extraction_template_id: templateId, name })).id;
  const names = (list: Array<{ path: string }>) => list.map((x) => basename(x.path)).sort();
  const json = async (argv: string[], input?: string) => {
    const r = await runInProcess([...argv, '--json'], { env, cwd: work, ...(input !== undefined ? { input } : {}) });
    return { ...r, report: JSON.parse(r.stdout) as Report };
  };

  it('--dry-run lists what would be uploaded, refused or already there, and sends no PUT, attach or other write', async () => {
    const dir = join(work, 'dry');
    await makePdfs(dir, 3, 'dry');
    await writeFile(join(dir, 'empty.pdf'), '');
    const sessionId = await newSession('dry');
    await runInProcess(['push', sessionId, join(dir, 'dry-000.pdf')], { env, cwd: work });
    const before = emu.inspect().requests.length;
    const { code, report } = await json(['push', sessionId, dir, '--dry-run']);
    const during = emu.inspect().requests.slice(before);
    expect(during.filter((q) => q.method !== 'GET')).toEqual([]);
    expect(during.some((q) => q.path.includes('/s3/'))).toBe(false);
    expect(names(report.wouldUpload)).toEqual(['dry-001.pdf', 'dry-002.pdf']);
    expect(names(report.alreadyThere)).toEqual(['dry-000.pdf']);
    expect(report.refused.map((r) => r.code)).toEqual(['empty']);
    expect(code).toBe(1);
    expect(await client.listSessionDocuments(sessionId)).toHaveLength(1);

    const human = await runInProcess(['push', sessionId, dir, '--dry-run'], { env, cwd: work });
    expect(human.stdout).toMatch(/Dry run \(nothing uploaded\)/);
    expect(human.stdout).toMatch(/would upload\s+2/);

    // Two files with the same bytes are one upload, as the push does; a hidden file and a link out are counted.
    const twins = join(work, 'twins');
    await makePdfs(twins, 1, 'twin');
    await copyFile(join(twins, 'twin-000.pdf'), join(twins, 'twin-copy.pdf'));
    await writeFile(join(twins, '.hidden.pdf'), '%PDF-1.4 hidden');
    await symlink(join(dir, 'dry-001.pdf'), join(twins, 'out.pdf'));
    const t = (await json(['push', sessionId, twins, '--dry-run'])).report;
    expect(t.wouldUpload).toHaveLength(1);
    expect(t.sameContent).toHaveLength(1);
    expect(names([...t.wouldUpload, ...t.sameContent])).toEqual(['twin-000.pdf', 'twin-copy.pdf']);
    expect(t.sameContent[0]!.sameAs).toBe(t.wouldUpload[0]!.path);
    const th = await runInProcess(['push', sessionId, twins, '--dry-run'], { env, cwd: work });
    expect(th.stdout).toMatch(/same content as another\s+1\n/);
    expect(th.stdout).toMatch(/junk or hidden, skipped\s+1\n/);
    expect(th.stdout).toMatch(/1 link leading out of the folder skipped/);
    const pushed = (await json(['push', sessionId, twins])).report;
    expect([pushed.uploaded.length, pushed.alreadyThere.length]).toEqual([1, 1]);
  });

  it('--include, --exclude and --max-size choose the files; the rest is listed as filtered, not refused', async () => {
    const dir = join(work, 'globs');
    await makePdfs(join(dir, 'keep'), 2, 'inv');
    await makePdfs(join(dir, 'drafts'), 1, 'draft');
    await writeFile(join(dir, 'big.pdf'), Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300 * 1024, 1)]));
    const sessionId = await newSession('globs');
    const { code, report } = await json(['push', sessionId, dir, '--include', '*.pdf', '--exclude', 'drafts/**', '--max-size', '200k']);
    expect(code).toBe(0);
    expect(names(report.uploaded)).toEqual(['inv-000.pdf', 'inv-001.pdf']);
    expect(report.filtered.map((f) => `${basename(f.path)}:${f.code}`).sort()).toEqual(['big.pdf:over-max-size', 'draft-000.pdf:excluded']);
    const only = await json(['push', sessionId, dir, '--include', 'keep/inv-001.pdf', '--dry-run']);
    expect(names(only.report.alreadyThere)).toEqual(['inv-001.pdf']);
    expect(only.report.wouldUpload).toEqual([]);
  });

  it('--files-from a file and from stdin', async () => {
    const dir = join(work, 'listed');
    await makePdfs(dir, 3, 'listed');
    await writeFile(join(work, 'list.txt'), `# the two first\n${join(dir, 'listed-000.pdf')}\n\nlisted/listed-001.pdf\n`);
    const sessionId = await newSession('listed');
    const fromFile = await json(['push', sessionId, '--files-from', 'list.txt', '--dry-run']);
    expect(names(fromFile.report.wouldUpload)).toEqual(['listed-000.pdf', 'listed-001.pdf']);
    const fromStdin = await json(['push', sessionId, '--files-from', '-'], `${join(dir, 'listed-002.pdf')}\n`);
    expect(names(fromStdin.report.uploaded)).toEqual(['listed-002.pdf']);
    // NUL-separated, as find -print0 writes it: names are taken as they are, a newline or a leading space included.
    await writeFile(join(dir, ' odd\nname.pdf'), '%PDF-1.4 odd');
    const nul = await json(['push', sessionId, '--files-from', '-', '--dry-run'], `${join(dir, 'listed-000.pdf')}\0listed/ odd\nname.pdf\0`);
    expect(nul.report.refused).toEqual([]);
    expect(names(nul.report.wouldUpload)).toEqual([' odd\nname.pdf', 'listed-000.pdf']);
  });

  it('links leaving the folder are skipped unless --follow-symlinks', async () => {
    const outside = join(work, 'outside');
    await makePdfs(outside, 1, 'far');
    const dir = join(work, 'linked');
    await makePdfs(dir, 1, 'near');
    await symlink(join(outside, 'far-000.pdf'), join(dir, 'link.pdf'));
    const sessionId = await newSession('links');
    const plain = await json(['push', sessionId, dir, '--dry-run']);
    expect(names(plain.report.wouldUpload)).toEqual(['near-000.pdf']);
    const followed = await json(['push', sessionId, dir, '--follow-symlinks']);
    expect(names(followed.report.uploaded)).toEqual(['link.pdf', 'near-000.pdf']);
  });

  it('--skip-unsupported lists notes.txt as skipped and keeps exit 0; hidden files are named with -v', async () => {
    const dir = join(work, 'ci');
    await makePdfs(dir, 1, 'ci');
    await writeFile(join(dir, 'notes.txt'), 'a stray note');
    await writeFile(join(dir, '.hidden.pdf'), '%PDF-1.4 hidden');
    const sessionId = await newSession('ci');
    const strict = await json(['push', sessionId, dir, '--dry-run']);
    expect(strict.code).toBe(1);
    const { code, report } = await json(['push', sessionId, dir, '--skip-unsupported']);
    expect(code).toBe(0);
    expect(report.refused).toEqual([]);
    expect(report.unsupported.map((u) => `${basename(u.path)}:${u.code}`)).toEqual(['notes.txt:unsupported-format']);
    const human = await runInProcess(['push', sessionId, dir, '--skip-unsupported', '-v'], { env, cwd: work });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Skipped, unsupported format[\s\S]*notes\.txt/);
    // The line as the push starts says it too: skipped, not refused.
    expect(human.stderr).toMatch(/: 1 file queued, 1 skipped as unsupported, 1 skipped\./);
    expect(human.stdout).toMatch(/Skipped \(junk or hidden\):\n\s+\S*\.hidden\.pdf/);
    // -v logs each request: method, path, status and time, never the token or a query string.
    expect(human.stderr).toMatch(/^http: GET \/extractions\/sessions\/\S+ 200 \d+ms$/m);
    expect(human.stderr).not.toContain(emu.token);
    expect(human.stderr).not.toMatch(/^http: .*\?/m);
    const quiet = await runInProcess(['push', sessionId, dir, '-q'], { env, cwd: work });
    // -q: no progress, no "queued" line; the summary table (stdout) stays, and errors would still show.
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toMatch(/refused\s+1/);
    const quietError = await runInProcess(['status', '00000000-0000-4000-8000-000000000000', '-q'], { env, cwd: work });
    expect(quietError.stderr).toMatch(/^raydocs-upload: .*404/);
  });
});
